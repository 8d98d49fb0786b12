/// Trust during the embargo: the coordination group's members (the policy's `embargo-rebuilder`
/// role) rebuild the private source and attest; a blessing passes only when the role's threshold
/// of distinct member keys reproduced every blessed digest.
enum EmbargoRebuilderChecks {
    /// The policy role whose members rebuild the private source.
    static let role = "embargo-rebuilder"

    /// The checks of `blessing` (whose document has `proposalID`) against `context.attestations`.
    /// Nil when nothing is asked: no attestations given and either no policy or no embargo.
    ///
    /// Counted: attestations of this proposal, signed (all signatures valid) by a member key,
    /// finished no later than the verifier's clock plus 5 minutes, with every blessed digest and
    /// the commit reproduced; each key once. Failing lines: a member who disagrees (naming its
    /// digests), a bad signature, an attestation finished in the future, a malformed one. Lines
    /// that do not fail: an attestation of another proposal, one by a key outside the role.
    static func run(_ blessing: Blessing, proposalID: String, context: VerificationContext) -> [Check]? {
        guard !context.attestations.isEmpty || (context.policy != nil && blessing.embargo != nil) else { return nil }
        guard let policy = context.policy, policy.role(role) != nil else {
            let why = context.policy.map { "the policy '\($0.name)' v\($0.version) has no '\(role)' role" } ?? "no --policy"
            return [Check("embargo rebuilders", passed: true,
                          "not checked: \(why), so no private rebuild by the coordination group was counted")]
        }
        var checks: [Check] = []
        var agreeing: [SignatureCheck] = []
        for (file, document) in context.attestations {
            let name = "embargo attestation \(file)"
            guard document.type == .attestation, let attestation = try? Attestation(body: document.body) else {
                checks.append(Check(name, passed: false, "not a valid attestation; not counted"))
                continue
            }
            let signatures = document.checkSignatures()
            guard !signatures.isEmpty, !signatures.contains(where: { if case .invalid = $0.status { true } else { false } }) else {
                checks.append(Check(name, passed: false, "\(attestation.builder): bad signature (missing or invalid); not counted"))
                continue
            }
            guard attestation.proposal == proposalID else {
                checks.append(Check(name, passed: true, "not counted: attests another proposal \(attestation.proposal)"))
                continue
            }
            let members = policy.evaluate(role: role, signatures: signatures)?.counted ?? []
            guard !members.isEmpty else {
                checks.append(Check(name, passed: true,
                                    "not counted: \(attestation.builder) is not a member (no valid signature by a '\(role)' key of the policy)"))
                continue
            }
            let who = members.map { policy.key($0)?.label ?? String($0.prefix(16)) }.joined(separator: ", ")
            if let future = RevealChecks.futureFinish(attestation, now: context.now) {
                checks.append(Check(name, passed: false, "member \(who): " + future.detail))
                continue
            }
            let (agrees, check) = RevealChecks.agreement(of: attestation, with: blessing, proposalID: proposalID)
            if agrees {
                agreeing += signatures.filter(\.isValid)
            } else {
                checks.append(Check(name, passed: false, "member \(who) disagrees: " + check.detail))
            }
        }
        let result = policy.evaluate(role: role, signatures: agreeing)!
        var summary = result.summary
        if !result.counted.isEmpty {
            summary += "; reproduced by " + result.counted.map { policy.key($0)?.label ?? String($0.prefix(16)) }.joined(separator: ", ")
        }
        return [Check("embargo rebuilders", passed: result.met, summary)] + checks
    }
}
