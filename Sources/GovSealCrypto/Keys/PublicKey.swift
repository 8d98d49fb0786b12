import GovSealEncoding

/// A public key of one govseal signature algorithm, in the raw form the file format stores
/// (`public_key` hex): Ed25519 32 bytes, ecdsa-secp256k1 33 bytes compressed SEC1, bip340
/// 32 bytes x-only.
public struct PublicKey: Sendable, Hashable {
    /// The algorithm this key verifies.
    public let algorithm: SignatureAlgorithm
    /// The raw key bytes, as DESIGN.md's `public_key` holds them.
    public let rawRepresentation: [UInt8]

    /// Validates the length for `algorithm` and that the key is a usable point: secp256k1
    /// keys must parse (`ec_pubkey_parse` of a 02/03-prefixed 33-byte key,
    /// `xonly_pubkey_parse` of a 32-byte key); an Ed25519 key must be a canonical encoding of a
    /// point that is not of small order (`Ed25519.checkPublicKey`) and that OpenSSL loads.
    ///
    /// Throws `CryptoError` (`.invalidKey`) naming the algorithm and what is wrong.
    public init(algorithm: SignatureAlgorithm, rawRepresentation: [UInt8]) throws {
        guard rawRepresentation.count == algorithm.publicKeyLength else {
            throw CryptoError(.invalidKey, "an \(algorithm.rawValue) public key is \(algorithm.publicKeyLength) bytes, "
                + "found \(rawRepresentation.count)")
        }
        switch algorithm {
        case .ed25519, .nep413Ed25519:
            _ = try EVPKey.ed25519(publicKey: rawRepresentation)
        case .sshsig:
            _ = try EVPKey.ed25519(publicKey: SSHSignature.ed25519Key(fromBlob: rawRepresentation))
        case .ecdsaSecp256k1, .adr036Secp256k1, .eip191Secp256k1:
            guard rawRepresentation[0] == 0x02 || rawRepresentation[0] == 0x03 else {
                throw CryptoError(.invalidKey, "an \(algorithm.rawValue) public key is compressed SEC1 (starting 02 or 03), "
                    + "found first byte \(Hex.encode(rawRepresentation.prefix(1)))")
            }
            _ = try Secp256k1.parsePublicKey(rawRepresentation)
        case .bip340:
            _ = try BIP340.parseXOnly(rawRepresentation)
        }
        self.algorithm = algorithm
        self.rawRepresentation = rawRepresentation
    }

    /// The key id: hex(SHA-256(UTF8(alg) ‖ 0x00 ‖ raw public key bytes)), per DESIGN.md.
    /// A hint only: verifiers recompute it and never trust a stored one.
    public var keyID: String {
        Hex.encode(Digest.sha256(Array(algorithm.rawValue.utf8) + [0] + rawRepresentation))
    }

    /// Verifies a govseal signature over M (the DSSE PAE bytes):
    /// - ed25519: Ed25519 over M;
    /// - ecdsa-secp256k1: ECDSA over SHA-256(M), compact 64-byte `r‖s`, low-S only (a
    ///   high-S signature is invalid; it is never normalised before verifying);
    /// - bip340: BIP-340 over the 32-byte SHA-256(M).
    ///
    /// Returns false for any wrong length or invalid encoding, and for an algorithm that does not
    /// sign M alone (use `isValidSignature(_:for:)` with a `SigningInput`); never traps.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == algorithm.signatureLength else { return false }
        switch algorithm {
        case .sshsig, .adr036Secp256k1, .eip191Secp256k1, .nep413Ed25519:
            return false
        case .ed25519:
            return Ed25519.verify(publicKey: rawRepresentation, signature: signature, message: message)
        case .ecdsaSecp256k1:
            return ECDSASecp256k1.verify(
                compactSignature: signature, digest: Digest.sha256(message), publicKey: rawRepresentation)
        case .bip340:
            return BIP340.verify(signature: signature, message: Digest.sha256(message), xOnlyPublicKey: rawRepresentation)
        }
    }
}

extension PublicKey {
    /// Verifies a signature of any algorithm over what it covers in `input` (DESIGN.md): the native
    /// algorithms and `sshsig` over M; `adr036-secp256k1`, `eip191-secp256k1` and `nep413-ed25519`
    /// over the wallet text W (ADR-036 with the signer's account address from `input`).
    ///
    /// Low-S only for every ECDSA form; an EIP-191 `v` must be 0, 1, 27 or 28 and recover this key.
    /// Returns false for anything malformed; never traps.
    public func isValidSignature(_ signature: [UInt8], for input: SigningInput) -> Bool {
        algorithm.isNative
            ? isValidSignature(signature, for: input.message)
            : WalletSignature.verify(algorithm, publicKey: rawRepresentation, signature: signature, input: input)
    }
}

extension PublicKey: CustomStringConvertible {
    /// `<alg>:<hex public key>`.
    public var description: String { "\(algorithm.rawValue):\(Hex.encode(rawRepresentation))" }
}
