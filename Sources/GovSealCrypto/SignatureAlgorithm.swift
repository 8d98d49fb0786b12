/// A signature algorithm of the govseal file format (DESIGN.md, "What is signed" and "Signatures
/// made with the keys people already hold").
public enum SignatureAlgorithm: String, Sendable, CaseIterable, Hashable, Codable {
    /// Ed25519 (RFC 8032, pure) over M; 32-byte raw public key; 64-byte signature.
    case ed25519
    /// ECDSA on secp256k1 over SHA-256(M), RFC 6979 nonce, low-S only; 33-byte compressed
    /// public key; 64-byte compact r‖s signature.
    case ecdsaSecp256k1 = "ecdsa-secp256k1"
    /// BIP-340 Schnorr over SHA-256(M); 32-byte x-only public key; 64-byte signature.
    case bip340
    /// SSHSIG (OpenSSH PROTOCOL.sshsig) over M, namespace `govseal`, hash sha256 or sha512; the
    /// public key is the 51-byte `ssh-ed25519` wire blob, the signature the 177-byte SSHSIG blob.
    case sshsig
    /// Cosmos ADR-036 (Keplr's `signArbitrary`, Ledger): ECDSA over SHA-256 of the amino sign doc
    /// holding W and the signer's account address on the document's Cosmos chain.
    case adr036Secp256k1 = "adr036-secp256k1"
    /// EIP-191 `personal_sign` of W: 65-byte r‖s‖v signature, v ∈ {0, 1, 27, 28}, low-S.
    case eip191Secp256k1 = "eip191-secp256k1"
    /// NEAR NEP-413 `signMessage` of W (recipient `govseal`, nonce SHA-256(W)): Ed25519.
    case nep413Ed25519 = "nep413-ed25519"

    /// The algorithms that sign M itself (govseal's own keys); the others sign what a wallet or
    /// `ssh-keygen` shows or hashes.
    public static let native: [SignatureAlgorithm] = [.ed25519, .ecdsaSecp256k1, .bip340]

    /// True for `ed25519`, `ecdsa-secp256k1` and `bip340`.
    public var isNative: Bool { Self.native.contains(self) }

    /// The public key length this algorithm's `public_key` field holds, in bytes.
    public var publicKeyLength: Int {
        switch self {
        case .ed25519, .nep413Ed25519: 32
        case .ecdsaSecp256k1, .adr036Secp256k1, .eip191Secp256k1: 33
        case .bip340: 32
        case .sshsig: SSHSignature.ed25519KeyBlobLength
        }
    }

    /// The signature length this algorithm's `sig` field holds, in bytes.
    public var signatureLength: Int {
        switch self {
        case .ed25519, .ecdsaSecp256k1, .bip340, .adr036Secp256k1, .nep413Ed25519: 64
        case .eip191Secp256k1: 65
        case .sshsig: SSHSignature.govsealEd25519SignatureLength
        }
    }

    /// The curve (and so the kind of secret key) behind the algorithm.
    public var curve: KeyCurve {
        switch self {
        case .ed25519, .sshsig, .nep413Ed25519: .ed25519
        case .ecdsaSecp256k1, .bip340, .adr036Secp256k1, .eip191Secp256k1: .secp256k1
        }
    }

    /// The curve's own key inside `publicKey` (stored bytes of this algorithm): the 32-byte
    /// Ed25519 key of an `ssh-ed25519` blob, otherwise the bytes themselves.
    public func curveKey(of publicKey: [UInt8]) -> [UInt8] {
        self == .sshsig ? Array(publicKey.suffix(32)) : publicKey
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
    /// algorithm: the curve, then the Ed25519 key or the secp256k1 x coordinate. One key in any of
    /// its forms (ECDSA 33-byte, BIP-340 x-only, an `ssh-ed25519` blob, a wallet algorithm's key)
    /// has one identity, so it is counted once toward anything (DESIGN.md: a key is identified by
    /// its curve and public key bytes).
    public func signerIdentity(of publicKey: [UInt8]) -> [UInt8] {
        let key = curveKey(of: publicKey)
        switch curve {
        case .ed25519: return [0x01] + key
        case .secp256k1: return [0x02] + (key.count == 33 ? Array(key.dropFirst()) : key)
        }
    }
}
