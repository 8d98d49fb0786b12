import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's `RAND_bytes`.
public enum SecureRandom {
    /// Returns `count` random bytes.
    ///
    /// Throws `CryptoError` (`.openssl`) when OpenSSL's generator is not seeded or fails, and
    /// (`.invalidKey`) for a negative count.
    public static func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= Int(Int32.max) else {
            throw CryptoError(.invalidKey, "cannot draw \(count) random bytes")
        }
        var out = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return out }
        ERR_clear_error()
        let status = out.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        guard status == 1 else { throw CryptoError.openssl("RAND_bytes") }
        return out
    }
}
