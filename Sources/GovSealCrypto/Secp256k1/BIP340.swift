import CSecp256k1

/// BIP-340 Schnorr signatures through libsecp256k1's `schnorrsig` module, with messages of
/// any length (`secp256k1_schnorrsig_sign_custom` / `secp256k1_schnorrsig_verify`).
public enum BIP340 {
    /// Signs `message` with BIP-340's default signing algorithm and verifies the result
    /// before returning it (libsecp256k1 does not).
    ///
    /// `auxiliaryRandomness` must be 32 bytes of fresh randomness (nil is treated as 32 zero
    /// bytes, as BIP-340 allows). Throws `CryptoError` (`.invalidKey`) for a secret key that is
    /// not a valid scalar, (`.invalidSignature`) for auxiliary randomness that is not 32 bytes.
    public static func sign(message: [UInt8], secretKey: [UInt8], auxiliaryRandomness: [UInt8]?) throws -> [UInt8] {
        if let aux = auxiliaryRandomness, aux.count != 32 {
            throw CryptoError(.invalidSignature, "BIP-340 auxiliary randomness is 32 bytes, found \(aux.count)")
        }
        var keypair = try makeKeypair(secretKey)
        let context = Secp256k1Context.shared.pointer
        var signature = [UInt8](repeating: 0, count: 64)
        var aux = auxiliaryRandomness ?? []
        let status = aux.withUnsafeMutableBytes { auxBuffer in
            var params = secp256k1_schnorrsig_extraparams(
                magic: (0xda, 0x6f, 0xb3, 0x8c), noncefp: nil,
                ndata: auxiliaryRandomness == nil ? nil : auxBuffer.baseAddress)
            return message.withUnsafeBufferPointer { messageBuffer in
                secp256k1_schnorrsig_sign_custom(
                    context, &signature, messageBuffer.baseAddress, message.count, &keypair, &params)
            }
        }
        guard status == 1 else { throw CryptoError(.secp256k1, "secp256k1_schnorrsig_sign_custom failed") }
        var xonly = secp256k1_xonly_pubkey()
        guard secp256k1_keypair_xonly_pub(context, &xonly, nil, &keypair) == 1,
              message.withUnsafeBufferPointer({
                  secp256k1_schnorrsig_verify(context, signature, $0.baseAddress, message.count, &xonly)
              }) == 1
        else {
            throw CryptoError(.secp256k1, "the BIP-340 signature just made does not verify")
        }
        return signature
    }

    /// Verifies a 64-byte BIP-340 signature over `message` (any length) with a 32-byte
    /// x-only public key. Returns false for any wrong length or a key not on the curve.
    public static func verify(signature: [UInt8], message: [UInt8], xOnlyPublicKey: [UInt8]) -> Bool {
        guard signature.count == 64, var xonly = try? parseXOnly(xOnlyPublicKey) else { return false }
        let context = Secp256k1Context.shared.pointer
        return message.withUnsafeBufferPointer {
            secp256k1_schnorrsig_verify(context, signature, $0.baseAddress, message.count, &xonly)
        } == 1
    }

    /// The 32-byte x-only public key of a secret scalar.
    ///
    /// Throws `CryptoError` (`.invalidKey`) when `secretKey` is not a valid scalar.
    public static func xOnlyPublicKey(secretKey: [UInt8]) throws -> [UInt8] {
        var keypair = try makeKeypair(secretKey)
        let context = Secp256k1Context.shared.pointer
        var xonly = secp256k1_xonly_pubkey()
        guard secp256k1_keypair_xonly_pub(context, &xonly, nil, &keypair) == 1 else {
            throw CryptoError(.secp256k1, "secp256k1_keypair_xonly_pub failed")
        }
        var out = [UInt8](repeating: 0, count: 32)
        guard secp256k1_xonly_pubkey_serialize(context, &out, &xonly) == 1 else {
            throw CryptoError(.secp256k1, "secp256k1_xonly_pubkey_serialize failed")
        }
        return out
    }

    // MARK: - Helpers

    /// Parses a 32-byte x-only key; throws `.invalidKey` for a wrong length or an x with no point.
    /// Parsed x-only keys, by their 32 bytes (the opaque struct depends only on the bytes).
    private static let parsedKeys = ParsedKeyCache<secp256k1_xonly_pubkey>()

    static func parseXOnly(_ bytes: [UInt8]) throws -> secp256k1_xonly_pubkey {
        try parsedKeys.value(for: bytes) { try parseXOnlyUncached(bytes) }
    }

    private static func parseXOnlyUncached(_ bytes: [UInt8]) throws -> secp256k1_xonly_pubkey {
        guard bytes.count == 32 else {
            throw CryptoError(.invalidKey, "a BIP-340 x-only public key is 32 bytes, found \(bytes.count)")
        }
        var xonly = secp256k1_xonly_pubkey()
        guard secp256k1_xonly_pubkey_parse(Secp256k1Context.shared.pointer, &xonly, bytes) == 1 else {
            throw CryptoError(.invalidKey, "the x-only public key is not the x coordinate of a point on secp256k1")
        }
        return xonly
    }

    private static func makeKeypair(_ secretKey: [UInt8]) throws -> secp256k1_keypair {
        try Secp256k1.checkSecretKey(secretKey)
        var keypair = secp256k1_keypair()
        guard secp256k1_keypair_create(Secp256k1Context.shared.pointer, &keypair, secretKey) == 1 else {
            throw CryptoError(.invalidKey, "the secp256k1 secret key is not a valid scalar")
        }
        return keypair
    }
}
