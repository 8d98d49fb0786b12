/// What a govseal signature covers, in the form each algorithm signs: M (the DSSE PAE bytes) for
/// the native algorithms and `sshsig`; the one-line text W for the wallet algorithms, and for
/// `adr036-secp256k1` the signer's bech32 account address on the document's Cosmos chain.
public struct SigningInput: Sendable {
    /// M, the DSSE PAE bytes.
    public let message: [UInt8]
    /// W = "govseal " + type + " " + proposal id.
    public let walletText: String
    /// The signer's account address for a 33-byte compressed secp256k1 key on the document's
    /// Cosmos chain; nil when the document is not on a Cosmos chain (then ADR-036 never verifies).
    public let cosmosAccount: (@Sendable ([UInt8]) throws -> String)?

    public init(message: [UInt8], walletText: String, cosmosAccount: (@Sendable ([UInt8]) throws -> String)? = nil) {
        self.message = message
        self.walletText = walletText
        self.cosmosAccount = cosmosAccount
    }
}

/// Signing and verifying the algorithms that do not sign M directly.
enum WalletSignature {
    static func sign(_ algorithm: SignatureAlgorithm, secret: [UInt8], input: SigningInput) throws -> [UInt8] {
        let text = Array(input.walletText.utf8)
        switch algorithm {
        case .sshsig:
            return try SSHSignature.sign(seed: secret, message: input.message)
        case .nep413Ed25519:
            return try Ed25519.sign(seed: secret, message: nep413Hash(text))
        case .eip191Secp256k1:
            let (compact, recoveryID) = try ECDSARecovery.sign(digest: WalletMessages.eip191Digest(text), secretKey: secret)
            return compact + [UInt8(27 + recoveryID)]
        case .adr036Secp256k1:
            let key = try Secp256k1.publicKey(secretKey: secret)
            return try ECDSASecp256k1.sign(digest: Digest.sha256(adr036SignDoc(text, key: key, input: input)), secretKey: secret)
        case .ed25519, .ecdsaSecp256k1, .bip340:
            throw CryptoError(.unsupportedAlgorithm, "\(algorithm.rawValue) signs M directly")
        }
    }

    static func verify(_ algorithm: SignatureAlgorithm, publicKey: [UInt8], signature: [UInt8], input: SigningInput) -> Bool {
        guard publicKey.count == algorithm.publicKeyLength, signature.count == algorithm.signatureLength else { return false }
        let text = Array(input.walletText.utf8)
        switch algorithm {
        case .sshsig:
            return SSHSignature.verify(signature, publicKeyBlob: publicKey, message: input.message)
        case .nep413Ed25519:
            guard let hash = try? nep413Hash(text) else { return false }
            return Ed25519.verify(publicKey: publicKey, signature: signature, message: hash)
        case .eip191Secp256k1:
            let compact = Array(signature.prefix(64))
            let v = Int(signature[64])
            guard [0, 1, 27, 28].contains(v), ECDSASecp256k1.isLowS(compactSignature: compact) else { return false }
            let digest = WalletMessages.eip191Digest(text)
            return ECDSARecovery.recover(compact: compact, recoveryID: v % 27, digest: digest) == publicKey
        case .adr036Secp256k1:
            guard publicKey[0] == 0x02 || publicKey[0] == 0x03,
                  let doc = try? adr036SignDoc(text, key: publicKey, input: input) else { return false }
            return ECDSASecp256k1.verify(compactSignature: signature, digest: Digest.sha256(doc), publicKey: publicKey)
        case .ed25519, .ecdsaSecp256k1, .bip340:
            return false
        }
    }

    /// NEP-413 for govseal: recipient `govseal`, nonce SHA-256(W).
    static func nep413Hash(_ text: [UInt8]) throws -> [UInt8] {
        try WalletMessages.nep413Hash(message: text, nonce: Digest.sha256(text), recipient: SSHSignature.govsealNamespace)
    }

    private static func adr036SignDoc(_ text: [UInt8], key: [UInt8], input: SigningInput) throws -> [UInt8] {
        guard let account = input.cosmosAccount else {
            throw CryptoError(.unsupportedAlgorithm, "adr036-secp256k1 signs for an account on a Cosmos chain; "
                + "this document names no Cosmos chain")
        }
        return try WalletMessages.adr036SignDoc(data: text, signer: account(key))
    }
}
