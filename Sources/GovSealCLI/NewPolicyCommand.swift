import ArgumentParser
import GovSealCrypto
import GovSealDocuments

/// `govseal new policy`: who must sign what, and how many must agree.
struct NewPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Create a policy: keys, and roles with thresholds over distinct keys.",
        discussion: """
        Roles used by the verifier: `proposer` (blessings and reveals), `rebuilder` (attestations) and \
        `root` (signs the policy itself and its next version). \
        Each --key adds a key to a role as ROLE:LABEL=SOURCE, where SOURCE is a key file (secret or public; \
        only the public key is recorded), ALG:HEX (e.g. ed25519:3b6a27bc...), or a validator's signed \
        nomination (NOMINATION.json): its validator key, taken only when the nomination verifies now (signed by \
        that key, which derives the stated address; not expired), otherwise refused with exit 1. Each role \
        needs a --threshold. The role `embargo-rebuilder` admits the coordination group: members whose \
        attestations of the private source `verify BLESSING --attestations DIR` counts.

        Example (2 of 3 proposers, 2 of 2 rebuilders):
          govseal new policy --name "agoric upgrades" --expires-days 365 \\
            --key proposer:alice=alice.pem --key proposer:bob=bob.pem --key proposer:carol=ed25519:… \\
            --threshold proposer=2 --key rebuilder:r1=r1.pem --key rebuilder:r2=r2.pem --threshold rebuilder=2 \\
            --out policy.json

        Rotation: --previous POLICY writes the next version (N+1) of POLICY, with its name; give every key \
        and role of the new version as usual (a key left out is retired). It is valid only once signed by \
        the `root` threshold of version N and of version N+1.
        """
    )

    @Option(help: "Policy name (default with --previous: its name).") var name: String?
    @Option(help: "Policy version (integer ≥ 1; default 1, or N+1 with --previous).") var version: Int64?
    @Option(help: "The current version N of the policy: write version N+1 of it.") var previous: String?
    @Option(help: "Expiry time (RFC 3339 UTC).") var expires: String?
    @Option(help: "Expire this many days from now.") var expiresDays: Int64?
    @Option(name: .customLong("key"), parsing: .singleValue, help: "ROLE:LABEL=SOURCE (repeatable).") var keys: [String] = []
    @Option(name: .customLong("threshold"), parsing: .singleValue, help: "ROLE=N: how many distinct keys of ROLE must sign.")
    var thresholds: [String] = []
    @Option(help: "Bech32 prefix for a Cosmos chain not in the built-in table (nomination key sources).") var bech32Prefix: String?
    @Option(help: "Where to write the policy.") var out: String
    @Flag(help: "Replace --out if it exists.") var force = false

    func run() throws {
        let expiry: Timestamp
        switch (expires, expiresDays) {
        case (let text?, nil): expiry = try CLI.timestamp(text, option: "--expires")
        case (nil, let days?): expiry = Timestamp.nowInWholeSeconds().adding(days: try CLI.days(days, option: "--expires-days"))
        default: throw UsageError("new policy needs exactly one of --expires or --expires-days")
        }
        let (name, version, prior) = try identity()
        guard !keys.isEmpty else { throw UsageError("new policy needs at least one --key ROLE:LABEL=SOURCE") }
        var policyKeys: [Policy.Key] = []
        var roles: [(name: String, role: Policy.Role)] = []
        for spec in keys {
            let (roleAndLabel, source) = try CLI.pair(spec, option: "--key")
            guard let colon = roleAndLabel.firstIndex(of: ":") else {
                throw UsageError("--key takes ROLE:LABEL=SOURCE, got '\(spec)'")
            }
            let role = String(roleAndLabel[..<colon])
            let label = String(roleAndLabel[roleAndLabel.index(after: colon)...])
            let key = try keySource(source)
            if !policyKeys.contains(where: { $0.publicKey == key }) {
                policyKeys.append(Policy.Key(publicKey: key, label: label))
            }
            if let i = roles.firstIndex(where: { $0.name == role }) {
                if !roles[i].role.keyIDs.contains(key.keyID) { roles[i].role.keyIDs.append(key.keyID) }
            } else {
                roles.append((role, Policy.Role(keyIDs: [key.keyID], threshold: 0)))
            }
        }
        for spec in thresholds {
            let (role, value) = try CLI.pair(spec, option: "--threshold")
            guard let i = roles.firstIndex(where: { $0.name == role }) else {
                throw UsageError("--threshold \(spec): no --key names role '\(role)'")
            }
            guard let n = Int(value), n >= 1, n <= roles[i].role.keyIDs.count else {
                throw UsageError("--threshold \(spec): must be 1...\(roles[i].role.keyIDs.count)")
            }
            roles[i].role.threshold = n
        }
        if let missing = roles.first(where: { $0.role.threshold == 0 }) {
            throw UsageError("role '\(missing.name)' needs a --threshold \(missing.name)=N")
        }
        let draft = Policy(name: name, version: version, expires: expiry, keys: policyKeys, roles: roles)
        let policy = try Policy(body: draft.json)
        if prior != nil, policy.role(Policy.rootRole) == nil {
            throw UsageError("the next version needs a '\(Policy.rootRole)' role (--key root:LABEL=SOURCE --threshold root=N)")
        }
        let document = Document(type: .policy, body: policy.json)
        try CLI.write(document, to: out, force: force)
        CLI.say("wrote \(out)")
        for (role, r) in policy.roles { CLI.say("  role \(role): \(r.threshold) of \(r.keyIDs.count)") }
        if let prior, let old = prior.role(Policy.rootRole), let new = policy.role(Policy.rootRole) {
            CLI.say("next: govseal sign \(out) --key KEYFILE, by \(old.threshold) of the \(old.keyIDs.count) root keys of v\(prior.version) "
                    + "and \(new.threshold) of the \(new.keyIDs.count) root keys of v\(version)")
        } else {
            CLI.say("next: govseal sign \(out) --key KEYFILE")
        }
    }

    /// The public key of a --key SOURCE: a nomination document (its validator key, only when the
    /// nomination verifies now; otherwise exit 1 naming the failed checks), a key file, or ALG:HEX.
    private func keySource(_ source: String) throws -> PublicKey {
        guard source.hasSuffix(".json"), let document = try? CLI.readDocument(source) else {
            return try CLI.loadPublicKey(source, algorithm: nil)
        }
        let admitted = try reading(source) { try Nomination.admittedKey(from: document, bech32Prefix: try CLI.bech32Prefix(bech32Prefix)) }
        switch admitted {
        case .success(let key): return key
        case .failure(let refused):
            printError("govseal: \(source): refused as a key source: \(refused)")
            throw ChecksFailed()
        }
    }

    /// The name and version to write, and the previous version when --previous is given.
    private func identity() throws -> (name: String, version: Int64, previous: Policy?) {
        guard let previous else {
            guard let name else { throw UsageError("new policy needs --name (or --previous POLICY)") }
            return (name, version ?? 1, nil)
        }
        let prior = try CLI.readPolicy(previous).policy
        guard prior.role(Policy.rootRole) != nil else {
            throw InputError(file: previous, "has no '\(Policy.rootRole)' role, so no next version of it can be accepted")
        }
        if let name, name != prior.name {
            throw UsageError("--name '\(name)' differs from the previous version's name '\(prior.name)': a rotation keeps the name")
        }
        if let version, version != prior.version + 1 {
            throw UsageError("--version \(version): the version after v\(prior.version) is \(prior.version + 1)")
        }
        return (prior.name, prior.version + 1, prior)
    }
}
