import GovSealCrypto

extension Nomination {
    /// The validator key of a nomination document, admitted only after the nomination verifies
    /// at `now` (signed by the key it names, the key derives the stated address, not expired):
    /// how a foundation admits coordination group members into a policy by their nominations.
    ///
    /// Returns the key, or the failed checks (never empty) when the nomination does not verify.
    /// Throws `DocumentError` when the document is not a nomination or its body is malformed.
    public static func admittedKey(from document: Document, now: Timestamp = .now(),
                                   bech32Prefix: String? = nil) throws -> Result<PublicKey, NominationRefused> {
        guard document.type == .nomination else {
            throw DocumentError(.invalidDocument, path: "type", "is a \(document.type.rawValue), not a nomination")
        }
        let nomination = try Nomination(body: document.body)
        let report = try Verifier.verify(document, context: VerificationContext(now: now, bech32Prefix: bech32Prefix))
        guard report.passed else { return .failure(NominationRefused(failed: report.checks.filter { !$0.passed })) }
        return .success(try PublicKey(algorithm: nomination.validator.algorithm, rawRepresentation: nomination.validator.publicKey))
    }

    /// The checks a refused nomination failed.
    public struct NominationRefused: Error, Sendable, CustomStringConvertible {
        public let failed: [Check]
        public var description: String {
            "the nomination does not verify: " + failed.map { "\($0.name): \($0.detail)" }.joined(separator: "; ")
        }
    }
}
