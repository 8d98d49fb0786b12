import COpenSSL

/// Ed25519 (RFC 8032, pure) through OpenSSL's `EVP_PKEY` ED25519 (`EVP_DigestSign` /
/// `EVP_DigestVerify` with no message digest).
///
/// Verification follows OpenSSL (ref10 rules): it rejects S ≥ L and a non-canonical R.
public enum Ed25519 {
    /// Signs `message` with a 32-byte seed; returns the 64-byte signature `R‖S`.
    ///
    /// Throws `CryptoError` (`.invalidKey`) for a seed that is not 32 bytes, (`.openssl`) when
    /// OpenSSL fails.
    public static func sign(seed: [UInt8], message: [UInt8]) throws -> [UInt8] {
        try checkSeed(seed)
        let key = try EVPKey.ed25519(seed: seed)
        let context = try EVPDigestContext()
        ERR_clear_error()
        guard EVP_DigestSignInit(context.pointer, nil, nil, nil, key.pointer) == 1 else {
            throw CryptoError.openssl("EVP_DigestSignInit(ED25519)")
        }
        var signature = [UInt8](repeating: 0, count: 64)
        var length = signature.count
        let status = withNonNullBytes(message) { EVP_DigestSign(context.pointer, &signature, &length, $0, $1) }
        guard status == 1, length == 64 else { throw CryptoError.openssl("EVP_DigestSign(ED25519)") }
        return signature
    }

    /// The 32-byte public key of a 32-byte seed.
    ///
    /// Throws `CryptoError` (`.invalidKey`) for a seed that is not 32 bytes, (`.openssl`) when OpenSSL fails.
    public static func publicKey(seed: [UInt8]) throws -> [UInt8] {
        try checkSeed(seed)
        return try rawPublicKey(of: EVPKey.ed25519(seed: seed))
    }

    /// Verifies a 64-byte signature over `message` with a 32-byte public key.
    ///
    /// Returns false for any wrong length, a key of small order or in a non-canonical encoding
    /// (`checkPublicKey`), a key OpenSSL cannot load, S ≥ L, a non-canonical R, or a signature
    /// that does not match.
    public static func verify(publicKey: [UInt8], signature: [UInt8], message: [UInt8]) -> Bool {
        guard publicKey.count == 32, signature.count == 64,
              let key = try? EVPKey.ed25519(publicKey: publicKey),
              let context = try? EVPDigestContext()
        else { return false }
        defer { ERR_clear_error() }
        guard EVP_DigestVerifyInit(context.pointer, nil, nil, nil, key.pointer) == 1 else { return false }
        return withNonNullBytes(message) { EVP_DigestVerify(context.pointer, signature, 64, $0, $1) } == 1
    }

    // MARK: - Helpers

    static func rawPublicKey(of key: EVPKey) throws -> [UInt8] {
        var publicKey = [UInt8](repeating: 0, count: 32)
        var length = publicKey.count
        ERR_clear_error()
        guard EVP_PKEY_get_raw_public_key(key.pointer, &publicKey, &length) == 1, length == 32 else {
            throw CryptoError.openssl("EVP_PKEY_get_raw_public_key(ED25519)")
        }
        return publicKey
    }

    static func checkSeed(_ seed: [UInt8]) throws {
        guard seed.count == 32 else {
            throw CryptoError(.invalidKey, "an Ed25519 secret key (seed) is 32 bytes, found \(seed.count)")
        }
    }
}
