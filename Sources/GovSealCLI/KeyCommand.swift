import ArgumentParser
import GovSealChains
import GovSealCrypto
import GovSealEncoding
import GovSealJSON

/// `govseal key …`: inspect key files.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Inspect key files.",
        subcommands: [KeyShowCommand.self]
    )
}

/// `govseal key show FILE [--alg ALG] [--json]`: public keys and key ids; never the secret.
struct KeyShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the algorithms, public keys and key ids of a key file (never the secret).",
        discussion: """
            Reads PEM (PKCS#8, SEC1 "EC PRIVATE KEY", "PUBLIC KEY", the legacy dfx identity.pem), DER, \
            OpenSSH ed25519 private keys and .pub files (also shown as sshsig, with the ssh-keygen -y line), \
            CometBFT priv_validator_key.json (also forks' cometbft/ type names), NEAR key JSON, Ethereum \
            keystore v3 (with --passphrase-file), or 64 hex digits with or without 0x (which need --alg to \
            tell the curve). A secp256k1 key \
            signs both ecdsa-secp256k1 and bip340, so both are shown unless --alg picks one. A secret \
            key file readable by group or others is refused (chmod 600 it). With --chain cosmos:<id>, \
            a priv_validator_key.json key is a consensus key (its valcons address, whatever its curve); \
            other secp256k1 keys get the account and valoper addresses of the chain's account rule.
            """
    )

    @Argument(help: "The key file.")
    var file: String

    @Option(help: "Show only this algorithm (ed25519, ecdsa-secp256k1, bip340); required for a raw hex key.")
    var alg: SignatureAlgorithm?

    @Option(help: "CAIP-2 chain id: also show the addresses the key controls there (e.g. cosmos:cosmoshub-4).")
    var chain: String?

    @Option(help: "Bech32 prefix for a Cosmos chain not in the built-in table.")
    var bech32Prefix: String?

    @Option(help: "A file holding the passphrase of an Ethereum keystore (never given as an argument).")
    var passphraseFile: String?

    @Flag(help: "Print one JSON object: {file, format, secret, keys: [{alg, public_key, keyid, addresses?}]}.")
    var json = false

    func run() throws {
        var report = try KeyReport.load(file, algorithm: alg, passphrase: try passphraseFile.map(CLI.readPassphrase))
        if let chain {
            let chainID = try reading(chain) { try ChainID(parsing: chain) }
            try report.addAddresses(on: chainID, bech32Prefix: bech32Prefix)
        }
        if json {
            print(String(decoding: JSONWriter.pretty(report.json), as: UTF8.self), terminator: "")
        } else {
            print(report.text, terminator: "")
        }
    }
}

/// What `key show` and `keygen` print about a key: one block per algorithm, each a list of
/// `label: value` lines, so more lines (derived addresses) can be appended to a block.
struct KeyReport {
    struct Entry {
        let publicKey: PublicKey
        var lines: [(label: String, value: String)]
        var json: [(String, JSONValue)]

        init(_ publicKey: PublicKey) {
            self.publicKey = publicKey
            let hex = Hex.encode(publicKey.rawRepresentation)
            lines = [("alg", publicKey.algorithm.rawValue), ("public_key", hex), ("keyid", publicKey.keyID)]
            json = [("alg", .string(publicKey.algorithm.rawValue)), ("public_key", .string(hex)),
                    ("keyid", .string(publicKey.keyID))]
            if publicKey.algorithm == .sshsig {
                let line = "\(SSHSignature.ed25519KeyType) \(Base64.encode(publicKey.rawRepresentation))"
                lines.append(("openssh", line))
                json.append(("openssh", .string(line)))
            }
        }
    }

    var header: [(label: String, value: String)] = []
    /// A CometBFT `priv_validator_key.json` holds a consensus key: on Cosmos, its valcons address.
    var role: KeyRole = .operator
    var headerJSON: [(String, JSONValue)] = []
    var entries: [Entry]

    /// Loads `file` and describes every algorithm its key serves (or only `algorithm`).
    static func load(_ file: String, algorithm: SignatureAlgorithm?, passphrase: [UInt8]? = nil) throws -> KeyReport {
        try reading(file) {
            let loaded = try KeyFile.load(path: file, curve: algorithm?.curve, passphrase: passphrase)
            if let algorithm, algorithm.curve != loaded.curve {
                throw InputError(file: file, "holds a \(loaded.curve.rawValue) key, which cannot be used with \(algorithm.rawValue)")
            }
            let keys = try algorithm.map { [try loaded.publicKey(for: $0)] } ?? loaded.publicKeys()
            var secret = false
            if case .secret = loaded { secret = true }
            var report = KeyReport(entries: keys.map(Entry.init))
            report.role = loaded.format == .cometbft ? .consensus : .operator
            report.header = [("file", file), ("format", loaded.format.rawValue),
                             ("contains", secret ? "secret key" : "public key only")]
            report.headerJSON = [("file", .string(file)), ("format", .string(loaded.format.rawValue)),
                                 ("secret", .bool(secret))]
            return report
        }
    }

    /// Appends, to each algorithm's block, the addresses the key controls on `chain`; an
    /// algorithm the chain does not use gets a line saying so.
    mutating func addAddresses(on chain: ChainID, bech32Prefix: String?) throws {
        let family = try reading(chain.description) { try chain.family }
        for i in entries.indices {
            let key = entries[i].publicKey
            guard family.validatorAlgorithms.contains(key.algorithm) else {
                entries[i].lines.append(("\(chain)", "no addresses for \(key.algorithm.rawValue) keys"))
                continue
            }
            let addresses = try reading(chain.description) {
                try ChainRules.addresses(for: key, on: chain, bech32Prefix: bech32Prefix, role: role)
            }
            for address in addresses {
                entries[i].lines.append(("\(chain) \(address.kind)", address.value))
            }
            entries[i].json.append(("addresses", .object(JSONObject(addresses.map { ($0.kind, .string($0.value)) }))))
        }
    }

    /// The header lines, then one block per algorithm, blocks separated by a blank line.
    var text: String {
        let blocks = ([header] + entries.map(\.lines)).filter { !$0.isEmpty }
        return blocks.map { block in block.map { "\($0.label): \($0.value)\n" }.joined() }.joined(separator: "\n")
    }

    var json: JSONValue {
        .object(JSONObject(headerJSON + [("keys", .array(entries.map { .object(JSONObject($0.json)) }))]))
    }
}
