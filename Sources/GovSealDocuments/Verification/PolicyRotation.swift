import GovSealJSON

/// Policy rotation as TUF rotates its root (DESIGN.md "Policy rotation"): version N+1 replaces
/// version N only when its `version` is exactly N+1, its name is N's, every signature on it is
/// valid, and it meets the `root` threshold of version N **and** of version N+1, each key counted
/// once by its curve and public key bytes.
///
/// `apply` starts from a pinned (trusted) version and applies later versions one step at a time.
/// A gap, a lower or repeated version, two candidates for one version or a missing threshold stops
/// the chain at the last valid version and is a failed check that names the version and the reason.
/// An expired intermediate version may be rotated through; only the applied version's expiry counts.
public struct PolicyRotation: Sendable {
    /// One version of a policy: the file it came from, the signed document and its parsed body.
    public struct Version: Sendable {
        public let file: String
        public let document: Document
        public let policy: Policy

        /// Parses `document` as a policy. Throws `DocumentError` when it is not a policy or its
        /// body is malformed (bad input, not a failed check).
        public init(file: String, document: Document) throws {
            guard document.type == .policy else {
                throw DocumentError(.invalidDocument, path: "type", "is a \(document.type.rawValue), not a policy")
            }
            self.file = file
            self.document = document
            policy = try Policy(body: document.body)
        }
    }

    /// The versions applied, the pinned one first.
    public let chain: [Version]
    /// Why the chain stopped early or what it refused; each line names the version and the reason.
    public let failures: [String]

    /// The last valid version: the policy whose roles apply.
    public var applied: Policy { chain[chain.count - 1].policy }

    /// "v1 → v2 → v3".
    public var chainText: String { chain.map { "v\($0.policy.version)" }.joined(separator: " → ") }

    /// The check every verified document carries: passed only when nothing in the updates was refused.
    public var check: Check {
        let head = "'\(applied.name)' v\(applied.version) applied (\(chainText))"
        if failures.isEmpty { return Check("policy rotation", passed: true, head) }
        return Check("policy rotation", passed: false, head + "; " + failures.joined(separator: "; "))
    }

    /// True when `policy` is one of the versions applied (the same name, version, expiry, keys and roles).
    public func contains(_ policy: Policy) -> Bool { chain.contains { $0.policy == policy } }

    /// Applies `updates` to `pinned` in version order (see the type's rules). Updates identical to a
    /// version already applied (the pinned file itself, a copy) are skipped; any other update whose
    /// version is not later than the pinned one is refused as a rollback.
    public static func apply(pinned: Version, updates: [Version]) -> PolicyRotation {
        var chain = [pinned]
        var failures: [String] = []
        if let own = ownRootThreshold(pinned.policy, signatures: pinned.document.checkSignatures()), !own.passed {
            failures.append("pinned v\(pinned.policy.version) (\(pinned.file)) is not signed by its own root threshold: \(own.detail)")
            return PolicyRotation(chain: chain, failures: failures)
        }
        var byVersion: [Int64: [Version]] = [:]
        var seen = Set([pinned.document.proposalID])
        for update in updates where seen.insert(update.document.proposalID).inserted {
            if update.policy == pinned.policy { continue }
            if update.policy.version <= pinned.policy.version {
                failures.append("v\(update.policy.version) (\(update.file)) is not later than the pinned v\(pinned.policy.version): "
                                + "a lower or repeated version is never applied (rollback)")
                continue
            }
            byVersion[update.policy.version, default: []].append(update)
        }
        var current = pinned
        while true {
            let next = current.policy.version + 1
            let later = byVersion.keys.filter { $0 > next }.sorted()
            guard let candidates = byVersion[next] else {
                if let first = later.first {
                    failures.append("v\(next) is missing: v\(first) (\(byVersion[first]![0].file)) cannot follow v\(current.policy.version) (a gap)")
                }
                break
            }
            let notApplied = later.isEmpty ? "" : "; not applied: " + later.map { "v\($0)" }.joined(separator: ", ")
            guard candidates.count == 1 else {
                failures.append("two candidates for v\(next): \(candidates.map(\.file).joined(separator: ", "))" + notApplied)
                break
            }
            let candidate = candidates[0]
            let refused = step(from: current.policy, to: candidate.policy, signatures: candidate.document.checkSignatures())
                .filter { !$0.passed }
            guard refused.isEmpty else {
                failures.append("v\(next) (\(candidate.file)) refused: " + refused.map { "\($0.name): \($0.detail)" }.joined(separator: "; ")
                                + notApplied)
                break
            }
            chain.append(candidate)
            current = candidate
        }
        return PolicyRotation(chain: chain, failures: failures)
    }

    /// The checks of one rotation step from `trusted` (version N) to `candidate`, over the
    /// candidate document's `signatures`: every signature valid, the same name, version exactly
    /// N+1, `root` threshold of N and of N+1. A version lower than or equal to N fails
    /// (rollback); a version above N+1 fails (a gap).
    public static func step(from trusted: Policy, to candidate: Policy, signatures: [SignatureCheck]) -> [Check] {
        var checks: [Check] = []
        let invalid = signatures.filter { if case .invalid = $0.status { true } else { false } }
        checks.append(Check("rotation signatures", passed: !signatures.isEmpty && invalid.isEmpty,
                            signatures.isEmpty ? "the new policy is not signed"
                                : invalid.isEmpty ? "\(signatures.filter(\.isValid).count) valid, distinct keys"
                                : "invalid signature " + invalid.map { "#\($0.index + 1)" }.joined(separator: ", ")))
        checks.append(Check("rotation name", passed: candidate.name == trusted.name,
                            candidate.name == trusted.name ? "'\(candidate.name)'"
                                : "'\(candidate.name)' does not replace '\(trusted.name)' (another policy)"))
        let expected = trusted.version + 1
        let versionText: String
        if candidate.version == expected {
            versionText = "v\(candidate.version) follows v\(trusted.version)"
        } else if candidate.version <= trusted.version {
            versionText = "v\(candidate.version) is not later than the trusted v\(trusted.version) (a lower or repeated version: rollback)"
        } else {
            versionText = "v\(candidate.version) skips v\(expected) (a gap: versions are applied one at a time)"
        }
        checks.append(Check("rotation version", passed: candidate.version == expected, versionText))
        checks.append(rootThreshold(of: trusted, signatures: signatures, label: "old root threshold"))
        checks.append(rootThreshold(of: candidate, signatures: signatures, label: "new root threshold"))
        return checks
    }

    /// The check that a policy with a `root` role is signed by that role's threshold; nil when the
    /// policy has no `root` role.
    public static func ownRootThreshold(_ policy: Policy, signatures: [SignatureCheck]) -> Check? {
        guard policy.role(Policy.rootRole) != nil else { return nil }
        return rootThreshold(of: policy, signatures: signatures, label: "root threshold")
    }

    static func rootThreshold(of policy: Policy, signatures: [SignatureCheck], label: String) -> Check {
        guard let result = policy.evaluate(role: Policy.rootRole, signatures: signatures) else {
            return Check(label, passed: false, "v\(policy.version) has no '\(Policy.rootRole)' role, so it cannot sign a rotation")
        }
        return Check(label, passed: result.met, "v\(policy.version): " + result.summary)
    }
}

extension PolicyRotation {
    /// The rotation as one JSON object: the applied policy, the chain (version and file) and failures.
    public var json: JSONValue {
        .object(JSONObject([
            ("name", .string(applied.name)), ("version", .integer(applied.version)),
            ("expires", .string(applied.expires.text)), ("passed", .bool(failures.isEmpty)),
            ("chain", .array(chain.map { .object(JSONObject([("version", .integer($0.policy.version)), ("file", .string($0.file))])) })),
            ("failures", .array(failures.map { .string($0) })),
        ]))
    }
}
