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

        Keys people already hold: --ssh-key KEY signs as sshsig through `ssh-keygen -Y sign -n govseal` \
        (KEY is an ssh-ed25519 private key or the .pub of one in your agent; FIDO sk- keys are not supported yet). --alg \
        adr036-secp256k1, eip191-secp256k1 or nep413-ed25519 with --key signs the wallet text W (see \
        `govseal wallet-text`) as Keplr, personal_sign or a NEAR wallet would. --add-signature \
        ALG:PUBKEY:SIG adds a signature made in a wallet (hex or base64; PUBKEY may be ed25519:<base58>). \
        An Ethereum keystore --key needs --passphrase-file.

        External signers (HSMs, hardware wallets): --signer-command CMD runs CMD with /bin/sh, gives it M on \
        standard input and reads the 64-byte signature from its standard output as hex; --public-key names \
        the signer's public key (a key file, or ALG:HEX). Every signature is verified before it is added.
        """
    )

    @Argument(help: "The document to sign.") var file: String
    @Option(help: "Secret key file (PEM, DER, OpenSSH, priv_validator_key.json, NEAR key JSON, Ethereum keystore, or hex with --alg).")
    var key: String?
    @Option(help: "ed25519, ecdsa-secp256k1, bip340, sshsig, adr036-secp256k1, eip191-secp256k1 or nep413-ed25519.")
    var alg: SignatureAlgorithm?
    @Option(help: "A file holding the passphrase of an Ethereum keystore --key (never given as an argument).")
    var passphraseFile: String?
    @Option(help: "Sign as sshsig through ssh-keygen with this ssh-ed25519 private key or .pub file (an agent works).")
    var sshKey: String?
    @Option(help: "A signature made elsewhere, ALG:PUBKEY:SIG; verified before it is added.")
    var addSignature: String?
    @Option(help: "External signer: a shell command that reads M on stdin and prints the signature as hex.")
    var signerCommand: String?
    @Option(help: "With --signer-command: the signer's public key (a key file, or ALG:HEX).") var publicKey: String?
    @Option(help: "Seconds to wait for --signer-command or ssh-keygen (e.g. a hardware key's confirmation).")
    var signerTimeout: Int = 300

    func run() throws {
        let sign = try signer()
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

    /// The one signing mode the options name.
    private func signer() throws -> (Document) throws -> Document {
        let modes = [key, signerCommand, sshKey, addSignature].compactMap { $0 }
        guard modes.count == 1 else {
            throw UsageError("sign needs exactly one of --key, --signer-command, --ssh-key or --add-signature")
        }
        guard publicKey == nil || signerCommand != nil else { throw UsageError("--public-key goes with --signer-command") }
        guard passphraseFile == nil || key != nil else { throw UsageError("--passphrase-file goes with --key") }
        if let key {
            let secret = try CLI.loadSecretKey(key, algorithm: alg, passphraseFile: passphraseFile)
            return { try $0.signed(by: secret, algorithm: alg) }
        }
        guard alg == nil || signerCommand != nil else {
            throw UsageError("--alg goes with --key or --signer-command (--ssh-key signs sshsig; --add-signature names its ALG)")
        }
        if let signerCommand {
            guard let publicKey else { throw UsageError("--signer-command needs --public-key (a key file or ALG:HEX)") }
            let signer = try CLI.loadPublicKey(publicKey, algorithm: alg)
            let external = ExternalSigner(command: signerCommand, timeout: .seconds(signerTimeout))
            return { document in try document.adding(signature: try external.sign(document.signingInput), by: signer) }
        }
        if let sshKey {
            let ssh = SSHKeygenSigner(keyPath: sshKey, timeout: .seconds(signerTimeout))
            let signer = try ssh.publicKey()
            return { document in try document.adding(signature: try ssh.sign(document.signingInput), by: signer) }
        }
        let (signer, signature) = try reading("--add-signature") { try WalletSignatureText.parse(addSignature!) }
        return { document in try document.adding(signature: signature, by: signer) }
    }
}

extension SignatureAlgorithm: ExpressibleByArgument {}
