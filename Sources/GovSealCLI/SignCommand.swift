import ArgumentParser
import GovSealCrypto
import GovSealDocuments

/// `govseal sign`: add one signature to a document, in place and atomically.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Add one signature to a document, in place, atomically.",
        discussion: """
        The signature covers M = DSSE PAE(payloadType, RFC 8785 canonical body), so the body and the \
        proposal id never change. The file is locked while it is signed: several signers may run at once. \
        A secp256k1 key signs ecdsa-secp256k1 unless --alg bip340. A key that already signed is refused.
        """
    )

    @Argument(help: "The document to sign.") var file: String
    @Option(help: "Secret key file (PEM, priv_validator_key.json, NEAR key JSON, or hex with --alg).") var key: String
    @Option(help: "ed25519, ecdsa-secp256k1 or bip340.") var alg: SignatureAlgorithm?

    func run() throws {
        let secret = try CLI.loadSecretKey(key, algorithm: alg)
        let signed = try reading(file) {
            try DocumentFile.sign(file) { document in
                _ = try DocumentBody(document)  // never sign a body that does not validate
                return try document.signed(by: secret, algorithm: alg)
            }
        }
        let added = signed.signatures.last!
        print("signed \(file) with \(added.algorithm.rawValue) key \(added.keyID)")
        print("proposal \(signed.proposalID); \(signed.signatures.count) signature(s)")
    }
}

extension SignatureAlgorithm: ExpressibleByArgument {}
