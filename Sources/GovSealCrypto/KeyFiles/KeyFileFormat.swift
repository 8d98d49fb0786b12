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
    /// 64 hex digits, with or without `0x`: a raw 32-byte secret (the curve must be given: the
    /// bytes alone do not tell).
    case hex
    /// OpenSSH: an unencrypted `-----BEGIN OPENSSH PRIVATE KEY-----` file (`ssh-keygen -t ed25519`)
    /// or a one-line `.pub` file. Read only.
    case openssh
    /// DER: binary PKCS#8 PrivateKeyInfo or SubjectPublicKeyInfo (`openssl pkey -outform DER`). Read only.
    case der
    /// Ethereum keystore v3 JSON (scrypt or pbkdf2, AES-128-CTR), opened with a passphrase. Read only.
    case keystore
}

extension KeyFileFormat {
    /// True for the formats govseal writes (`KeyFile.write`): pem, cometbft, near, hex.
    public var isWritable: Bool {
        switch self {
        case .pem, .cometbft, .near, .hex: true
        case .openssh, .der, .keystore: false
        }
    }
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
        case .secret(let key, let format):
            let algorithms = key.algorithms + (format == .openssh && key.curve == .ed25519 ? [.sshsig] : [])
            return try algorithms.map { try key.publicKey(for: $0) }
        case .publicOnly(let key, _):
            let sshKey = format == .openssh
                ? [try PublicKey(algorithm: .sshsig, rawRepresentation: SSHSignature.ed25519KeyBlob(key.rawRepresentation))] : []
            switch key.algorithm {
            case .ecdsaSecp256k1:
                return [key, try PublicKey(algorithm: .bip340, rawRepresentation: Array(key.rawRepresentation.dropFirst()))]
            default:
                return [key] + sshKey
            }
        }
    }

    /// The public key of this key under `algorithm` (any algorithm of its curve: a secp256k1 key's
    /// wallet forms share its compressed bytes; an Ed25519 key's `sshsig` form is its SSH blob).
    ///
    /// Throws `CryptoError` (`.unsupportedAlgorithm`) for an algorithm of another curve, or
    /// (`.invalidKey`) for a BIP-340 x-only public key asked in a 33-byte form (its parity is unknown).
    public func publicKey(for algorithm: SignatureAlgorithm) throws -> PublicKey {
        guard algorithm.curve == curve else {
            throw CryptoError(.unsupportedAlgorithm, "a \(curve.rawValue) key cannot be used with \(algorithm.rawValue)")
        }
        switch self {
        case .secret(let key, _):
            return try key.publicKey(for: algorithm)
        case .publicOnly(let key, _):
            if key.algorithm == algorithm { return key }
            var raw = key.algorithm.curveKey(of: key.rawRepresentation)
            switch algorithm {
            case .sshsig: raw = SSHSignature.ed25519KeyBlob(raw)
            case .bip340: raw = raw.count == 33 ? Array(raw.dropFirst()) : raw
            default: break
            }
            return try PublicKey(algorithm: algorithm, rawRepresentation: raw)
        }
    }
}
