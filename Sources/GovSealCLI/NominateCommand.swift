import ArgumentParser
import GovSealChains
import GovSealCrypto
import GovSealDocuments

/// `govseal nominate`: a validator's self-nomination, signed with its validator key.
struct NominateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nominate",
        abstract: "Self-nominate a validator for a coordination group, signed with its validator key.",
        discussion: """
        The validator address is derived from the key under the chain's rules, so anyone can check that \
        the signing key controls it: cosmos:<id> secp256k1 operator key → <prefix>valoper (Ethereum-style \
        bytes on ethsecp256k1 chains such as injective-1), consensus key (priv_validator_key.json, \
        ed25519 or secp256k1) → <prefix>valcons; icp:<net> → self-authenticating principal; \
        near:<net> → implicit account; eip155:<id> → EIP-55 address. Contact kinds: \
        \(Nomination.contactKinds.joined(separator: ", ")).
        """
    )

    @Option(help: "CAIP-2 chain id, e.g. cosmos:cosmoshub-4.") var chain: String
    @Option(help: "Validator key file (priv_validator_key.json, PEM, NEAR key JSON, or hex with --alg).") var key: String
    @Option(help: "ed25519, ecdsa-secp256k1 or bip340.") var alg: SignatureAlgorithm?
    @Option(help: "The coordination group, e.g. a security response team.") var group: String
    @Option(name: .customLong("contact"), parsing: .singleValue, help: "KIND=VALUE, e.g. matrix=@ops:example.org (repeatable).")
    var contacts: [String] = []
    @Option(help: "An age X25519 recipient (age1…) the group encrypts confidential material to; signed in.") var ageRecipient: String?
    @Option(help: "A statement from the validator.") var statement: String?
    @Option(help: "Bech32 prefix for a Cosmos chain not in the built-in table.") var bech32Prefix: String?
    @Option(help: "Expire this many days from now.") var expiresDays: Int64?
    @Option(help: "Where to write the signed nomination.") var out: String
    @Flag(help: "Replace --out if it exists.") var force = false

    func run() throws {
        guard !contacts.isEmpty else { throw UsageError("nominate needs at least one --contact KIND=VALUE") }
        let pairs = try contacts.map { try CLI.pair($0, option: "--contact") }.map { (kind: $0.0, value: $0.1) }
        if let ageRecipient {
            do {
                _ = try Nomination.checkAgeRecipient(ageRecipient, path: "--age-recipient")
            } catch let error as DocumentError {
                throw InputError("--age-recipient '\(TerminalText.escape(ageRecipient))': \(error.reason)")
            }
        }
        let (secret, format) = try CLI.loadSecretKeyFile(key, algorithm: alg)
        let now = Timestamp.nowInWholeSeconds()
        let document = try Nomination.signed(by: secret, algorithm: alg, chain: chain, group: group, contact: pairs, ageRecipient: ageRecipient,
                                             statement: statement, bech32Prefix: try CLI.bech32Prefix(bech32Prefix), created: now,
                                             expires: try expiresDays.map { now.adding(days: try CLI.days($0, option: "--expires-days")) },
                                             role: format == .cometbft ? .consensus : .operator)
        try CLI.write(document, to: out, force: force)
        let nomination = try Nomination(body: document.body)
        print("wrote \(out)")
        print("validator \(nomination.validator.address) (\(nomination.validator.algorithm.rawValue)) on \(chain)")
        if let recipient = nomination.ageRecipient { print("age recipient \(recipient)") }
        print("proposal \(document.proposalID)")
    }
}
