/// How a role's threshold fared over a document's valid signatures.
public struct ThresholdResult: Sendable, Equatable {
    public let role: String
    public let threshold: Int
    /// Distinct policy keys of the role with a valid signature.
    public let counted: [String]
    /// Valid signatures by keys the role does not list (they do not count).
    public let outsideRole: [String]

    public var met: Bool { counted.count >= threshold }

    /// "2 of 3 required" style summary, naming keys outside the role.
    public var summary: String {
        var text = "\(counted.count) valid of \(threshold) required (role '\(role)')"
        if !outsideRole.isEmpty {
            text += "; not counted, outside the role: \(outsideRole.map { String($0.prefix(16)) }.joined(separator: ", "))"
        }
        return text
    }
}

extension Policy {
    /// Counts the distinct keys of `role` among `signatures` that are valid. Keys outside the
    /// role never count; a key that signed twice counts once. A key is identified by its curve
    /// and public key bytes (DESIGN.md), not by its keyid or alg: one secp256k1 secret key signs
    /// both as `ecdsa-secp256k1` (compressed key) and as `bip340` (x-only key); both forms share
    /// the x coordinate and count as one key, even when the policy lists both.
    ///
    /// Linear in the number of signatures: every lookup is a hash lookup, so thousands of
    /// attestations (one signature each) are counted in one pass.
    public func evaluate(role roleName: String, signatures: [SignatureCheck]) -> ThresholdResult? {
        guard let role = role(roleName) else { return nil }
        var counted: [String] = []
        var countedIDs = Set<String>()
        var countedSigners = Set<[UInt8]>()
        var outside: [String] = []
        var outsideIDs = Set<String>()
        for check in signatures where check.isValid {
            if role.contains(check.keyID), key(check.keyID)?.publicKey.algorithm == check.algorithm {
                let signer = check.algorithm.signerIdentity(of: check.publicKey)
                if !countedIDs.contains(check.keyID), !countedSigners.contains(signer) {
                    counted.append(check.keyID)
                    countedIDs.insert(check.keyID)
                    countedSigners.insert(signer)
                }
            } else if outsideIDs.insert(check.keyID).inserted {
                outside.append(check.keyID)
            }
        }
        return ThresholdResult(role: roleName, threshold: role.threshold, counted: counted, outsideRole: outside)
    }

    /// The role a document type must be signed by, if the verifier uses one.
    public static func role(for type: DocumentType) -> String? {
        switch type {
        case .blessing, .reveal: "proposer"
        case .attestation: "rebuilder"
        case .nomination, .policy: nil
        }
    }
}
