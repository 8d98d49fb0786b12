/// A secret signing key: an Ed25519 32-byte seed, or a secp256k1 32-byte scalar (which signs
/// both `ecdsa-secp256k1` and `bip340`).
///
/// The secret bytes are wiped from memory when the last copy of the key goes away, and never
/// appear in `description`, errors or logs.
public struct PrivateKey: Sendable {
    /// The curve of the key.
    public let curve: KeyCurve
    private let secret: SecretBytes

    /// Makes a new random key: 32 bytes from OpenSSL's `RAND_bytes` (secp256k1: drawn again
    /// until the scalar is valid, which fails with probability below 2^-127).
    ///
    /// Throws `CryptoError` (`.openssl`) when no secure randomness is available.
    public static func generate(_ curve: KeyCurve) throws -> PrivateKey {
        while true {
            var candidate = try SecureRandom.bytes(32)
            defer { wipe(&candidate) }
            if curve == .ed25519 || Secp256k1.isValidSecretKey(candidate) {
                return try PrivateKey(curve: curve, rawRepresentation: candidate)
            }
        }
    }

    /// A key from its 32 raw bytes (Ed25519 seed or secp256k1 scalar).
    ///
    /// Throws `CryptoError` (`.invalidKey`) for a wrong length, or a secp256k1 scalar that is
    /// zero or not below the group order (`secp256k1_ec_seckey_verify`).
    public init(curve: KeyCurve, rawRepresentation: [UInt8]) throws {
        switch curve {
        case .ed25519: try Ed25519.checkSeed(rawRepresentation)
        case .secp256k1: try Secp256k1.checkSecretKey(rawRepresentation)
        }
        self.curve = curve
        secret = SecretBytes(rawRepresentation)
    }

    /// The public key for `algorithm`.
    ///
    /// Throws `CryptoError` (`.unsupportedAlgorithm`) when `algorithm` belongs to another curve.
    public func publicKey(for algorithm: SignatureAlgorithm) throws -> PublicKey {
        try checkAlgorithm(algorithm)
        let raw: [UInt8] = try secret.withBytes { seed in
            switch algorithm {
            case .ed25519: try Ed25519.publicKey(seed: seed)
            case .ecdsaSecp256k1: try Secp256k1.publicKey(secretKey: seed)
            case .bip340: try BIP340.xOnlyPublicKey(secretKey: seed)
            case .nep413Ed25519: try Ed25519.publicKey(seed: seed)
            case .sshsig: SSHSignature.ed25519KeyBlob(try Ed25519.publicKey(seed: seed))
            case .adr036Secp256k1, .eip191Secp256k1: try Secp256k1.publicKey(secretKey: seed)
            }
        }
        return try PublicKey(algorithm: algorithm, rawRepresentation: raw)
    }

    /// Signs M (the DSSE PAE bytes) per DESIGN.md: ed25519 over M; ecdsa-secp256k1 over
    /// SHA-256(M) with the RFC 6979 nonce, compact low-S `r‖s`; bip340 over the 32-byte
    /// SHA-256(M) with 32 bytes of fresh auxiliary randomness. Every signature is 64 bytes.
    ///
    /// Throws `CryptoError` (`.unsupportedAlgorithm`) when `algorithm` belongs to another curve.
    public func signature(for message: [UInt8], algorithm: SignatureAlgorithm) throws -> [UInt8] {
        try checkAlgorithm(algorithm)
        return try secret.withBytes { key in
            switch algorithm {
            case .ed25519:
                try Ed25519.sign(seed: key, message: message)
            case .ecdsaSecp256k1:
                try ECDSASecp256k1.sign(digest: Digest.sha256(message), secretKey: key)
            case .bip340:
                try BIP340.sign(message: Digest.sha256(message), secretKey: key,
                                auxiliaryRandomness: SecureRandom.bytes(32))
            case .sshsig, .adr036Secp256k1, .eip191Secp256k1, .nep413Ed25519:
                throw CryptoError(.unsupportedAlgorithm, "\(algorithm.rawValue) does not sign M alone: "
                    + "use signature(for: SigningInput, algorithm:)")
            }
        }
    }

    /// Signs what `algorithm` covers in `input` (DESIGN.md): M for the native algorithms; an SSHSIG
    /// blob over M (namespace `govseal`, sha512) for `sshsig`; the wallet text W as Keplr
    /// (ADR-036), `personal_sign` (EIP-191, v = 27 or 28) or a NEAR wallet (NEP-413) sign it.
    ///
    /// Throws `CryptoError` (`.unsupportedAlgorithm`) when `algorithm` belongs to another curve, or
    /// for ADR-036 when `input` has no Cosmos account rule.
    public func signature(for input: SigningInput, algorithm: SignatureAlgorithm) throws -> [UInt8] {
        if algorithm.isNative { return try signature(for: input.message, algorithm: algorithm) }
        try checkAlgorithm(algorithm)
        return try secret.withBytes { try WalletSignature.sign(algorithm, secret: $0, input: input) }
    }

    /// Calls `body` with the 32 secret bytes. For key-file writers only: do not keep, print or log them.
    public func withSecretBytes<R>(_ body: ([UInt8]) throws -> R) rethrows -> R {
        try secret.withBytes(body)
    }

    /// The native algorithms this key signs M with: Ed25519 → `ed25519`; secp256k1 →
    /// `ecdsa-secp256k1` (the default) and `bip340`. (It also signs the wallet algorithms and
    /// `sshsig` of its curve when asked by name.)
    public var algorithms: [SignatureAlgorithm] {
        SignatureAlgorithm.native.filter { $0.curve == curve }
    }

    private func checkAlgorithm(_ algorithm: SignatureAlgorithm) throws {
        guard algorithm.curve == curve else {
            throw CryptoError(.unsupportedAlgorithm,
                              "a \(curve.rawValue) key cannot sign \(algorithm.rawValue) (it needs a \(algorithm.curve.rawValue) key)")
        }
    }
}

extension PrivateKey: CustomStringConvertible {
    /// Names the curve only; the secret is never shown.
    public var description: String { "PrivateKey(\(curve.rawValue), secret redacted)" }
}
