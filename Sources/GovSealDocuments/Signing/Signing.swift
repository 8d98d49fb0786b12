import GovSealCrypto
import GovSealEncoding

extension Document {
    /// A copy of the document with one more signature by `key` over M.
    ///
    /// Throws `DocumentError.signingRefused` when the document already carries a signature by
    /// the same public key (a second one would count once anyway), or when the key cannot sign
    /// with `algorithm`.
    public func signed(by key: PrivateKey, algorithm: SignatureAlgorithm? = nil) throws -> Document {
        let alg = algorithm ?? key.curve.defaultAlgorithm
        guard alg.curve == key.curve else {
            throw DocumentError(.signingRefused, "a \(key.curve.rawValue) key cannot sign with \(alg.rawValue)")
        }
        let publicKey = try key.publicKey(for: alg)
        try refuseDuplicate(publicKey)
        if alg == .adr036Secp256k1, cosmosChainRule == nil {
            throw DocumentError(.signingRefused, "adr036-secp256k1 signs for an account on the document's Cosmos chain; "
                + "this \(type.rawValue) names no Cosmos chain with a built-in bech32 prefix")
        }
        let signature = try key.signature(for: signingContext, algorithm: alg)
        return adding(SignatureEntry(publicKey: publicKey, signature: signature))
    }

    /// A copy with a signature made elsewhere (an external signer, `ssh-keygen`, a wallet); the
    /// signature is verified (`PublicKey.isValidSignature(_:for:)` over `signingContext`) before it
    /// is added, so a wrong key or a bad signer never produces a broken document.
    public func adding(signature: [UInt8], by publicKey: PublicKey) throws -> Document {
        try refuseDuplicate(publicKey)
        guard publicKey.isValidSignature(signature, for: signingContext) else {
            throw DocumentError(.signingRefused,
                                "the \(publicKey.algorithm.rawValue) signature does not verify for key \(publicKey.keyID)")
        }
        return adding(SignatureEntry(publicKey: publicKey, signature: signature))
    }

    private func refuseDuplicate(_ publicKey: PublicKey) throws {
        if signatures.contains(where: { $0.algorithm == publicKey.algorithm && $0.publicKey == publicKey.rawRepresentation }) {
            throw DocumentError(.signingRefused, "already signed by key \(publicKey.keyID) (\(publicKey.algorithm.rawValue))")
        }
    }
}
