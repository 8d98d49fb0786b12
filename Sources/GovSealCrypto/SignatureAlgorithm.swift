/// A signature algorithm of the govseal file format (DESIGN.md, "What is signed").
public enum SignatureAlgorithm: String, Sendable, CaseIterable, Hashable, Codable {
    /// Ed25519 (RFC 8032, pure) over M; 32-byte raw public key; 64-byte signature.
    case ed25519
    /// ECDSA on secp256k1 over SHA-256(M), RFC 6979 nonce, low-S only; 33-byte compressed
    /// public key; 64-byte compact r‖s signature.
    case ecdsaSecp256k1 = "ecdsa-secp256k1"
    /// BIP-340 Schnorr over SHA-256(M); 32-byte x-only public key; 64-byte signature.
    case bip340

    /// The public key length this algorithm's `public_key` field holds, in bytes.
    public var publicKeyLength: Int {
        switch self {
        case .ed25519: 32
        case .ecdsaSecp256k1: 33
        case .bip340: 32
        }
    }

    /// Every algorithm's signature is 64 bytes.
    public var signatureLength: Int { 64 }

    /// The curve (and so the kind of secret key) behind the algorithm.
    public var curve: KeyCurve {
        switch self {
        case .ed25519: .ed25519
        case .ecdsaSecp256k1, .bip340: .secp256k1
        }
    }
}

/// The kind of secret key: one Ed25519 seed, or one secp256k1 scalar (which signs both
/// `ecdsa-secp256k1` and `bip340`).
public enum KeyCurve: String, Sendable, CaseIterable, Hashable {
    case ed25519, secp256k1

    /// The algorithm a key of this curve signs with unless told otherwise.
    public var defaultAlgorithm: SignatureAlgorithm {
        switch self {
        case .ed25519: .ed25519
        case .secp256k1: .ecdsaSecp256k1
        }
    }
}

extension SignatureAlgorithm {
    /// What identifies the signer behind `publicKey` (stored bytes of this algorithm), whatever the
    /// algorithm: the curve, then the Ed25519 key or the secp256k1 x coordinate. One secp256k1 key
    /// in its ECDSA (33-byte) and BIP-340 (32-byte x-only) forms has one identity, so it is counted
    /// once toward anything (DESIGN.md: a key is identified by its curve and public key bytes).
    public func signerIdentity(of publicKey: [UInt8]) -> [UInt8] {
        switch curve {
        case .ed25519: [0x01] + publicKey
        case .secp256k1: [0x02] + (publicKey.count == 33 ? Array(publicKey.dropFirst()) : publicKey)
        }
    }
}
