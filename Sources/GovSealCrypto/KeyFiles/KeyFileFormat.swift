/// A key file format govseal reads and writes (DESIGN.md, "Key files read").
public enum KeyFileFormat: String, Sendable, CaseIterable {
    /// PEM: PKCS#8 "PRIVATE KEY" (as `openssl genpkey` writes it), SEC1 "EC PRIVATE KEY"
    /// (as `openssl ecparam -genkey` writes it) or "PUBLIC KEY" (SubjectPublicKeyInfo).
    /// Written as PKCS#8.
    case pem
    /// CometBFT / Tendermint `priv_validator_key.json` (Ed25519 or secp256k1).
    case cometbft
    /// NEAR key JSON (`secret_key` `ed25519:<base58>`), Ed25519 only.
    case near
    /// 64 hex digits: a raw 32-byte secret (the curve must be given: the bytes alone do not tell).
    case hex
}

/// What a key file held: a secret key (which can sign) or only a public key.
public enum LoadedKey: Sendable {
    case secret(PrivateKey, format: KeyFileFormat)
    case publicOnly(PublicKey, format: KeyFileFormat)

    /// The format the file was in.
    public var format: KeyFileFormat {
        switch self {
        case .secret(_, let format), .publicOnly(_, let format): format
        }
    }

    /// The curve of the key.
    public var curve: KeyCurve {
        switch self {
        case .secret(let key, _): key.curve
        case .publicOnly(let key, _): key.algorithm.curve
        }
    }

    /// The public key for each algorithm the key serves: Ed25519 → `ed25519`; secp256k1 →
    /// `ecdsa-secp256k1` and `bip340` (the x-only key is the compressed key without its prefix).
    ///
    /// Throws `CryptoError` only when a crypto library call fails.
    public func publicKeys() throws -> [PublicKey] {
        switch self {
        case .secret(let key, _):
            return try key.algorithms.map { try key.publicKey(for: $0) }
        case .publicOnly(let key, _):
            switch key.algorithm {
            case .ed25519, .bip340:
                return [key]
            case .ecdsaSecp256k1:
                return [key, try PublicKey(algorithm: .bip340, rawRepresentation: Array(key.rawRepresentation.dropFirst()))]
            }
        }
    }
}
