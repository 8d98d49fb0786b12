import ArgumentParser
import GovSealCrypto
import GovSealJSON

/// `govseal keygen --alg ALG --out FILE [--format pem|hex|near|cometbft]`.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Generate a signing key and write it to a new secret key file (mode 0600).",
        discussion: """
            Prints the algorithm, the public key (hex, as documents store it) and the key id. \
            The file is created atomically with mode 0600 and is never overwritten. A secp256k1 \
            key (ecdsa-secp256k1 or bip340) can sign with either algorithm later; NEAR files hold \
            Ed25519 keys only.
            """
    )

    @Option(help: "ed25519, ecdsa-secp256k1 or bip340.")
    var alg: SignatureAlgorithm

    @Option(help: "The secret key file to create (must not exist).")
    var out: String

    @Option(help: "pem (PKCS#8, readable by openssl), hex, near or cometbft (priv_validator_key.json).")
    var format: KeyFileFormat = .pem

    @Flag(help: "Print one JSON object: {file, format, secret, keys: [{alg, public_key, keyid}]}.")
    var json = false

    func validate() throws {
        if format == .near && alg.curve != .ed25519 {
            throw ValidationError("--format near holds ed25519 keys only; use pem, hex or cometbft for \(alg.rawValue)")
        }
    }

    func run() throws {
        let key = try PrivateKey.generate(alg.curve)
        do {
            try KeyFile.write(key, format: format, to: out)
        } catch let error as CryptoError {
            throw InputError(file: out, error.reason.removingMention(of: out))
        }
        var report = KeyReport(entries: [KeyReport.Entry(try key.publicKey(for: alg))])
        report.headerJSON = [("file", .string(out)), ("format", .string(format.rawValue)), ("secret", .bool(true))]
        if json {
            print(String(decoding: JSONWriter.pretty(report.json), as: UTF8.self), terminator: "")
        } else {
            print(report.text, terminator: "")
        }
    }
}

/// `--format` takes only the formats govseal writes (pem, cometbft, near, hex).
extension KeyFileFormat: ExpressibleByArgument {
    public init?(argument: String) {
        guard let format = KeyFileFormat(rawValue: argument), format.isWritable else { return nil }
        self = format
    }

    public static var allValueStrings: [String] { allCases.filter(\.isWritable).map(\.rawValue) }
}
