import GovSealCrypto
import GovSealJSON

/// The members of a coordination group, as their nominations show them: one member per
/// validator key with a valid, unexpired nomination for the group (the newest when a key
/// nominated twice), and every nomination that was left out, with why.
public struct CoordinationGroup: Sendable {
    /// A validator admitted by its nomination.
    public struct Member: Sendable {
        public let file: String
        public let proposalID: String
        public let nomination: Nomination
        /// The validator key the nomination names (and is signed by).
        public let publicKey: PublicKey
        public var keyID: String { publicKey.keyID }
    }

    /// Why a nomination does not make its validator a member.
    public enum ExclusionReason: Sendable, Equatable, CustomStringConvertible {
        /// Not signed by the key it names, or a signature on it does not verify.
        case badSignature(String)
        /// The key does not derive the stated address under the chain's rules.
        case addressNotDerived(String)
        /// `expires` is not after the time the group is listed at.
        case expired(Timestamp)
        /// `created` is later than the time the group is listed at (plus 5 minutes).
        case createdInFuture(Timestamp)
        /// A nomination for another group.
        case otherGroup(String)
        /// The same key nominated itself again later: only the newest nomination counts.
        case superseded(by: String)

        /// A stable code for `--json` and tests.
        public var code: String {
            switch self {
            case .badSignature: "bad-signature"
            case .addressNotDerived: "address-not-derived"
            case .expired: "expired"
            case .createdInFuture: "created-in-future"
            case .otherGroup: "other-group"
            case .superseded: "superseded"
            }
        }

        public var description: String {
            switch self {
            case .badSignature(let detail): "bad signature: \(detail)"
            case .addressNotDerived(let detail): "address not derived from the key: \(detail)"
            case .expired(let at): "expired at \(at)"
            case .createdInFuture(let at): "created \(at), later than the listing time"
            case .otherGroup(let group): "for another group '\(group)'"
            case .superseded(let file): "superseded by the newer nomination \(file) of the same key"
            }
        }
    }

    /// A nomination left out of the group.
    public struct Exclusion: Sendable {
        public let file: String
        public let proposalID: String
        public let address: String
        public let reason: ExclusionReason
    }

    public let group: String
    public let at: Timestamp
    /// Members in the order of their files.
    public let members: [Member]
    public let excluded: [Exclusion]

    /// How far a nomination's `created` may be ahead of the listing time (clock skew).
    static let clockSkewAllowance: Int64 = 5 * 60

    /// Sorts the nominations among `documents` (other document types are ignored) into members
    /// of `group` and exclusions, verified at `at`. Throws `DocumentError` naming the file when a
    /// nomination's body is malformed (bad input, not an exclusion).
    public init(group: String, documents: [(file: String, document: Document)], at: Timestamp,
                bech32Prefix: String? = nil) throws {
        self.group = group
        self.at = at
        var candidates: [Member] = []
        var excluded: [Exclusion] = []
        let context = VerificationContext(now: at, bech32Prefix: bech32Prefix)
        for (file, document) in documents where document.type == .nomination {
            let nomination: Nomination
            do {
                nomination = try Nomination(body: document.body)
            } catch {
                throw DocumentError(.invalidDocument, path: "", "\(file): \(error)")
            }
            let exclude = { (reason: ExclusionReason) in
                excluded.append(Exclusion(file: file, proposalID: document.proposalID,
                                          address: nomination.validator.address, reason: reason))
            }
            guard nomination.group == group else {
                exclude(.otherGroup(nomination.group))
                continue
            }
            if let reason = try Self.exclusion(of: nomination, document: document, context: context) {
                exclude(reason)
                continue
            }
            let key = try PublicKey(algorithm: nomination.validator.algorithm, rawRepresentation: nomination.validator.publicKey)
            candidates.append(Member(file: file, proposalID: document.proposalID, nomination: nomination, publicKey: key))
        }
        // One member per key (by curve and key bytes): the newest nomination, ties broken by file name.
        var newest: [[UInt8]: Int] = [:]
        for (i, candidate) in candidates.enumerated() {
            let identity = Self.identity(candidate.publicKey)
            if let j = newest[identity] {
                let current = candidates[j]
                let replaces = (candidate.nomination.created, candidate.file) > (current.nomination.created, current.file)
                let (kept, dropped) = replaces ? (candidate, current) : (current, candidate)
                excluded.append(Exclusion(file: dropped.file, proposalID: dropped.proposalID,
                                          address: dropped.nomination.validator.address, reason: .superseded(by: kept.file)))
                if replaces { newest[identity] = i }
            } else {
                newest[identity] = i
            }
        }
        let kept = Set(newest.values)
        members = candidates.indices.filter { kept.contains($0) }.map { candidates[$0] }
        self.excluded = excluded.sorted { $0.file < $1.file }
    }

    /// The first reason the nomination does not count, from its own verification report.
    static func exclusion(of nomination: Nomination, document: Document, context: VerificationContext) throws -> ExclusionReason? {
        let report = try Verifier.verify(document, context: context)
        let failed = report.checks.filter { !$0.passed }
        if let bad = failed.first(where: { $0.name == "signatures" || $0.name == "validator signature" }) {
            return .badSignature(bad.detail)
        }
        if let bad = failed.first(where: { $0.name == "validator address" }) {
            return .addressNotDerived(bad.detail)
        }
        if let expires = nomination.expires, !(context.now < expires) {
            return .expired(expires)
        }
        if context.now.adding(seconds: clockSkewAllowance) < nomination.created {
            return .createdInFuture(nomination.created)
        }
        // Any other failed check is still a reason not to admit the key.
        if let bad = failed.first {
            return .badSignature("\(bad.name): \(bad.detail)")
        }
        return nil
    }

    /// What identifies the secret key behind a public key: the x coordinate for secp256k1,
    /// the key itself for Ed25519 (as `Policy.evaluate` counts signers).
    static func identity(_ key: PublicKey) -> [UInt8] {
        switch key.algorithm.curve {
        case .ed25519: [0x00] + key.rawRepresentation
        case .secp256k1: [0x01] + key.rawRepresentation.suffix(32)
        }
    }

    /// The members whose keys are in `policy`'s role `role` (by curve and key bytes), and the
    /// role's keys that no member holds.
    public func restricted(to policy: Policy, role: String) -> (members: [Member], unmatched: [Policy.Key])? {
        guard let r = policy.role(role) else { return nil }
        let roleKeys = r.keyIDs.compactMap { policy.key($0) }
        let identities = Set(roleKeys.map { Self.identity($0.publicKey) })
        let chosen = members.filter { identities.contains(Self.identity($0.publicKey)) }
        let held = Set(chosen.map { Self.identity($0.publicKey) })
        return (chosen, roleKeys.filter { !held.contains(Self.identity($0.publicKey)) })
    }

    /// An age recipients file (`age -R FILE`): for each member with an age recipient, a comment
    /// line naming the validator, then the recipient. Control characters from the documents are
    /// escaped, so a comment stays one line.
    public static func ageRecipientsFile(_ members: [Member]) -> String {
        var out = ""
        for member in members {
            guard let recipient = member.nomination.ageRecipient else { continue }
            let n = member.nomination
            out += TerminalText.escape("# \(n.validator.address) (\(n.chain), keyid \(member.keyID.prefix(16)), \(member.file))") + "\n"
            out += recipient + "\n"
        }
        return out
    }

    /// The listing as `govseal group list --json` prints it.
    public var json: JSONValue {
        .object(JSONObject([
            ("group", .string(group)), ("at", .string(at.text)),
            ("members", .array(members.map { m in
                var o = JSONObject([
                    ("file", .string(m.file)), ("proposal", .string(m.proposalID)), ("chain", .string(m.nomination.chain)),
                    ("address", .string(m.nomination.validator.address)), ("alg", .string(m.publicKey.algorithm.rawValue)),
                    ("keyid", .string(m.keyID)), ("created", .string(m.nomination.created.text)),
                ])
                if let expires = m.nomination.expires { o["expires"] = .string(expires.text) }
                if let recipient = m.nomination.ageRecipient { o["age_recipient"] = .string(recipient) }
                return .object(o)
            })),
            ("excluded", .array(excluded.map { e in
                .object(JSONObject([
                    ("file", .string(e.file)), ("proposal", .string(e.proposalID)), ("address", .string(e.address)),
                    ("reason", .string(e.reason.code)), ("detail", .string(e.reason.description)),
                ]))
            })),
        ]))
    }

    /// The listing as `govseal group list` prints it: members, then exclusions, each one line.
    public var lines: [String] {
        var out = ["group '\(group)' at \(at): \(members.count) member(s)"]
        for m in members {
            let n = m.nomination
            out.append("  member \(n.validator.address) (\(n.chain), \(m.publicKey.algorithm.rawValue), keyid \(m.keyID.prefix(16)))"
                       + (n.ageRecipient.map { " age \($0)" } ?? " no age recipient") + " [\(m.file)]")
        }
        if !excluded.isEmpty { out.append("excluded: \(excluded.count) nomination(s)") }
        for e in excluded {
            out.append("  excluded \(e.address) [\(e.file)]: \(e.reason)")
        }
        return out.map(TerminalText.escape)
    }
}
