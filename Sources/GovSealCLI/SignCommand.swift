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

        External signers (HSMs, hardware wallets): --signer-command CMD runs CMD with /bin/sh, gives it M on \
        standard input and reads the 64-byte signature from its standard output as hex; --public-key names \
        the signer's public key (a key file, or ALG:HEX). The signature is verified before it is added.
        """
    )

    @Argument(help: "The document to sign.") var file: String
    @Option(help: "Secret key file (PEM, priv_validator_key.json, NEAR key JSON, or hex with --alg).") var key: String?
    @Option(help: "ed25519, ecdsa-secp256k1 or bip340.") var alg: SignatureAlgorithm?
    @Option(help: "External signer: a shell command that reads M on stdin and prints the signature as hex.")
    var signerCommand: String?
    @Option(help: "With --signer-command: the signer's public key (a key file, or ALG:HEX).") var publicKey: String?
    @Option(help: "With --signer-command: seconds to wait for the signer (e.g. a hardware wallet's confirmation).")
    var signerTimeout: Int = 300

    func run() throws {
        let sign: (Document) throws -> Document
        switch (key, signerCommand) {
        case (let key?, nil):
            guard publicKey == nil else { throw UsageError("--public-key goes with --signer-command") }
            let secret = try CLI.loadSecretKey(key, algorithm: alg)
            sign = { try $0.signed(by: secret, algorithm: alg) }
        case (nil, let command?):
            guard let publicKey else { throw UsageError("--signer-command needs --public-key (a key file or ALG:HEX)") }
            let signer = try CLI.loadPublicKey(publicKey, algorithm: alg)
            let external = ExternalSigner(command: command, timeout: .seconds(signerTimeout))
            sign = { document in try document.adding(signature: try external.sign(document.signingInput), by: signer) }
        default:
            throw UsageError("sign needs exactly one of --key or --signer-command")
        }
        let signed = try reading(file) {
            try DocumentFile.sign(file) { document in
                _ = try DocumentBody(document)  // never sign a body that does not validate
                return try sign(document)
            }
        }
        let added = signed.signatures.last!
        CLI.say("signed \(file) with \(added.algorithm.rawValue) key \(added.keyID)")
        CLI.say("proposal \(signed.proposalID); \(signed.signatures.count) signature(s)")
    }
}

extension SignatureAlgorithm: ExpressibleByArgument {}
