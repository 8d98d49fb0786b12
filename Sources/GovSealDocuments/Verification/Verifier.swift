/// What a verification may compare a document with, besides its own signatures.
public struct VerificationContext: Sendable {
    /// The time expiry and timeline checks are made at.
    public var now: Timestamp
    /// The policy whose roles and thresholds apply (its own expiry is checked too). A policy
    /// document is checked as the next version of this one (`PolicyRotation.step`).
    public var policy: Policy?
    /// The rotation that produced `policy` (`--policy PINNED --policy-updates DIR`): every report
    /// carries its "policy rotation" check, and a policy document of its chain is already trusted.
    public var rotation: PolicyRotation?
    /// A folder holding the blessed artifacts by name (`--artifacts DIR`).
    public var artifactsDirectory: String?
    /// A git repository, or a plain folder of disclosed source, to check the commit and tree in.
    public var sourceDirectory: String?
    /// The blessing a reveal or an attestation refers to (`--proposal FILE`).
    public var proposal: Document?
    /// Rebuilders' attestations of the blessing: for a reveal, counted toward the policy's
    /// `rebuilder` role; for a blessing, toward its `embargo-rebuilder` role.
    public var attestations: [(file: String, document: Document)]
    /// True when attestations were asked for (`--attestations DIR`), even if the folder held
    /// none: a blessing is then checked against the `embargo-rebuilder` role and fails without
    /// enough agreeing attestations, instead of passing on its signatures alone.
    public var attestationsGiven = false
    /// The bech32 prefix for Cosmos chains not in the built-in table.
    public var bech32Prefix: String?
    /// More checks of each blessing, made by a caller that knows more than the document (the
    /// CLI's `--onchain`: the proposal as the chain holds it). Gets the blessing's file, body and
    /// document; a thrown error makes the document bad input, naming the file.
    public var blessingChecks: ExtraBlessingChecks?

    /// See `blessingChecks`.
    public typealias ExtraBlessingChecks = @Sendable (_ file: String?, _ blessing: Blessing, _ document: Document) throws -> [Check]

    public init(now: Timestamp = .now(), policy: Policy? = nil, artifactsDirectory: String? = nil,
                sourceDirectory: String? = nil, proposal: Document? = nil,
                attestations: [(file: String, document: Document)] = [], bech32Prefix: String? = nil,
                rotation: PolicyRotation? = nil) {
        self.now = now
        self.policy = policy ?? rotation?.applied
        self.rotation = rotation
        self.artifactsDirectory = artifactsDirectory
        self.sourceDirectory = sourceDirectory
        self.proposal = proposal
        self.attestations = attestations
        self.bech32Prefix = bech32Prefix
    }
}

/// Verifies documents: signatures, the policy's thresholds, and the checks of each type.
public enum Verifier {
    /// Verifies `document` in `context` and reports every check; the report passes only when
    /// all pass. Throws `DocumentError` only when the body itself is malformed (bad input, not a
    /// failed check).
    public static func verify(_ document: Document, file: String? = nil, context: VerificationContext) throws -> VerificationReport {
        let body = try DocumentBody(document)
        let signatures = document.checkSignatures()
        var checks = signatureChecks(document, signatures: signatures, context: context)
        if let expires = body.expires {
            checks.append(Check("expires", passed: context.now < expires,
                                context.now < expires ? "valid until \(expires)" : "expired at \(expires)"))
        }
        var title: String?
        switch body {
        case .blessing(let blessing):
            title = blessing.title
            checks += BlessingChecks.run(blessing, proposalID: document.proposalID, context: context)
            if let extra = context.blessingChecks { checks += try extra(file, blessing, document) }
        case .nomination(let nomination):
            title = "\(nomination.group): \(nomination.validator.address)"
            checks += NominationChecks.run(nomination, signatures: signatures, context: context)
        case .reveal(let reveal):
            checks += RevealChecks.run(reveal, context: context)
        case .attestation(let attestation):
            title = attestation.builder
            if let future = RevealChecks.futureFinish(attestation, now: context.now) {
                checks.append(future)
            }
            if let proposal = context.proposal, proposal.type == .blessing, let blessing = try? Blessing(body: proposal.body) {
                checks.append(RevealChecks.agreement(of: attestation, with: blessing, proposalID: proposal.proposalID).check)
            } else {
                checks.append(Check("proposal", passed: false,
                                    "blessing \(attestation.proposal) not available (pass --proposal, or verify it together with the attestation)"))
            }
        case .policy(let policy):
            title = "\(policy.name) v\(policy.version)"
            checks += policyChecks(policy, signatures: signatures, context: context)
        }
        var warnings = body.warnings.map { "unknown member \($0) (kept and signed over)" }
        if context.policy == nil, Policy.role(for: document.type) != nil {
            warnings.append("no policy: the signatures are valid, but nothing says whose keys they must be (pass --policy)")
        }
        if context.policy == nil, document.type == .policy {
            warnings.append("no pinned policy: nothing says this policy may be trusted (pass --policy PINNED to check it as the next version)")
        }
        return VerificationReport(file: file, type: document.type, proposalID: document.proposalID, chain: body.chain,
                                  title: title, signatures: signatures, checks: checks, warnings: warnings)
    }

    /// A policy's own `root` threshold, and, against a trusted policy, the rotation step to it
    /// (unless it is a version already trusted).
    static func policyChecks(_ policy: Policy, signatures: [SignatureCheck], context: VerificationContext) -> [Check] {
        let own = PolicyRotation.ownRootThreshold(policy, signatures: signatures)
        guard let trusted = context.policy else { return own.map { [$0] } ?? [] }
        if context.rotation?.contains(policy) ?? (policy == trusted) {
            let which = context.rotation.map { "one of the versions applied (\($0.chainText))" } ?? "the trusted policy itself"
            return (own.map { [$0] } ?? []) + [Check("policy version", passed: true, "v\(policy.version) is \(which)")]
        }
        // The document's own "signatures" check already covers invalid signatures.
        return PolicyRotation.step(from: trusted, to: policy, signatures: signatures).filter { $0.name != "rotation signatures" }
    }

    /// One attestation is one rebuilder's word: it must be signed by a key of the policy's
    /// `rebuilder` role (a public rebuild) or `embargo-rebuilder` role (a coordination group
    /// member's private rebuild); which threshold it counts toward is decided where attestations
    /// are counted (the reveal's rebuilders, the blessing's embargo rebuilders).
    static func attestationKeyCheck(policy: Policy, signatures: [SignatureCheck]) -> Check {
        let roles = ["rebuilder", EmbargoRebuilderChecks.role].filter { policy.role($0) != nil }
        guard !roles.isEmpty else {
            return Check("threshold", passed: false, "the policy defines no 'rebuilder' role")
        }
        let signedAs = roles.filter { !(policy.evaluate(role: $0, signatures: signatures)?.counted.isEmpty ?? true) }
        let named = roles.map { "'\($0)'" }.joined(separator: " or ")
        return Check("rebuilder key", passed: !signedAs.isEmpty,
                     signedAs.isEmpty ? "no valid signature by a \(named) key of the policy"
                         : "signed by a " + signedAs.map { "'\($0)'" }.joined(separator: " and ") + " key of the policy")
    }

    static func signatureChecks(_ document: Document, signatures: [SignatureCheck], context: VerificationContext) -> [Check] {
        var checks: [Check] = []
        let valid = signatures.filter(\.isValid).count
        let invalid = signatures.filter { if case .invalid = $0.status { true } else { false } }
        if signatures.isEmpty {
            checks.append(Check("signatures", passed: false, "the document is not signed"))
        } else if !invalid.isEmpty {
            let which = invalid.map { "#\($0.index + 1)" }.joined(separator: ", ")
            checks.append(Check("signatures", passed: false, "\(invalid.count) of \(signatures.count) invalid (\(which))"))
        } else {
            checks.append(Check("signatures", passed: true, "\(valid) valid, distinct keys"))
        }
        if let rotation = context.rotation { checks.append(rotation.check) }
        // A policy document is checked as a rotation step (`policyChecks`), not by the trusted
        // policy's roles; an expired trusted version may still be rotated through.
        if let policy = context.policy, document.type != .policy {
            checks.append(Check("policy", passed: context.now < policy.expires,
                                context.now < policy.expires
                                    ? "'\(policy.name)' v\(policy.version) valid until \(policy.expires)"
                                    : "'\(policy.name)' v\(policy.version) expired at \(policy.expires)"))
            if let roleName = Policy.role(for: document.type) {
                if document.type == .attestation {
                    checks.append(attestationKeyCheck(policy: policy, signatures: signatures))
                } else if let result = policy.evaluate(role: roleName, signatures: signatures) {
                    checks.append(Check("threshold", passed: result.met, result.summary))
                } else {
                    checks.append(Check("threshold", passed: false, "the policy defines no '\(roleName)' role"))
                }
            }
        }
        return checks
    }
}
