import CSecp256k1

/// ECDSA on secp256k1 through libsecp256k1: RFC 6979 signing, low-S-only verification.
///
/// Verification never normalises a signature: a high-S signature (s > n/2) is rejected, so
/// each (message, key) pair has exactly one valid signature encoding.
public enum ECDSASecp256k1 {
    /// Signs a 32-byte digest with the RFC 6979 nonce (libsecp256k1's default nonce function).
    ///
    /// Returns the 64-byte compact `r‖s`, always low-S. Throws `CryptoError` (`.invalidKey`)
    /// for a secret key that is not a valid scalar, (`.invalidSignature`) for a digest that is
    /// not 32 bytes.
    public static func sign(digest: [UInt8], secretKey: [UInt8]) throws -> [UInt8] {
        try checkDigest(digest)
        try Secp256k1.checkSecretKey(secretKey)
        let context = Secp256k1Context.shared.pointer
        var signature = secp256k1_ecdsa_signature()
        guard secp256k1_ecdsa_sign(context, &signature, digest, secretKey, nil, nil) == 1 else {
            throw CryptoError(.secp256k1, "secp256k1_ecdsa_sign failed")
        }
        var compact = [UInt8](repeating: 0, count: 64)
        guard secp256k1_ecdsa_signature_serialize_compact(context, &compact, &signature) == 1 else {
            throw CryptoError(.secp256k1, "secp256k1_ecdsa_signature_serialize_compact failed")
        }
        return compact
    }

    /// Verifies a 64-byte compact `r‖s` signature over a 32-byte digest with a 33- or 65-byte
    /// SEC1 public key.
    ///
    /// Returns false for a high-S signature (never normalises), r or s out of range, any wrong
    /// length or an invalid public key.
    public static func verify(compactSignature: [UInt8], digest: [UInt8], publicKey: [UInt8]) -> Bool {
        guard compactSignature.count == 64, digest.count == 32,
              var pubkey = try? Secp256k1.parsePublicKey(publicKey)
        else { return false }
        let context = Secp256k1Context.shared.pointer
        var signature = secp256k1_ecdsa_signature()
        guard secp256k1_ecdsa_signature_parse_compact(context, &signature, compactSignature) == 1 else { return false }
        return secp256k1_ecdsa_verify(context, &signature, digest, &pubkey) == 1
    }

    /// Verifies a strict-DER signature (`secp256k1_ecdsa_signature_parse_der`) over a 32-byte
    /// digest with a 33- or 65-byte SEC1 public key.
    ///
    /// Returns false for BER or malformed DER, a high-S signature (never normalises), any
    /// wrong length or an invalid public key.
    public static func verify(derSignature: [UInt8], digest: [UInt8], publicKey: [UInt8]) -> Bool {
        guard !derSignature.isEmpty, digest.count == 32,
              var pubkey = try? Secp256k1.parsePublicKey(publicKey)
        else { return false }
        let context = Secp256k1Context.shared.pointer
        var signature = secp256k1_ecdsa_signature()
        guard secp256k1_ecdsa_signature_parse_der(context, &signature, derSignature, derSignature.count) == 1 else {
            return false
        }
        return secp256k1_ecdsa_verify(context, &signature, digest, &pubkey) == 1
    }

    /// Converts a DER signature to the 64-byte compact `r‖s` form (no S normalisation).
    ///
    /// Throws `CryptoError` (`.invalidSignature`) for malformed DER or r or s that is zero or
    /// not below the group order.
    public static func compactFromDER(_ der: [UInt8]) throws -> [UInt8] {
        guard !der.isEmpty else { throw CryptoError(.invalidSignature, "the DER signature is empty") }
        let context = Secp256k1Context.shared.pointer
        var signature = secp256k1_ecdsa_signature()
        guard secp256k1_ecdsa_signature_parse_der(context, &signature, der, der.count) == 1 else {
            throw CryptoError(.invalidSignature, "not a DER-encoded ECDSA signature (SEQUENCE of two INTEGERs)")
        }
        var compact = [UInt8](repeating: 0, count: 64)
        guard secp256k1_ecdsa_signature_serialize_compact(context, &compact, &signature) == 1 else {
            throw CryptoError(.secp256k1, "secp256k1_ecdsa_signature_serialize_compact failed")
        }
        // libsecp256k1 parses out-of-range r or s as zero (a signature that never verifies).
        guard compact[0..<32].contains(where: { $0 != 0 }), compact[32..<64].contains(where: { $0 != 0 }) else {
            throw CryptoError(.invalidSignature, "the DER signature's r or s is zero or not below the group order")
        }
        return compact
    }

    /// Converts a 64-byte compact `r‖s` signature to strict DER (no S normalisation).
    ///
    /// Throws `CryptoError` (`.invalidSignature`) for a wrong length or r or s not below the group order.
    public static func derFromCompact(_ compact: [UInt8]) throws -> [UInt8] {
        let signature = try parseCompact(compact)
        var copy = signature
        var der = [UInt8](repeating: 0, count: 72)
        var length = der.count
        guard secp256k1_ecdsa_signature_serialize_der(Secp256k1Context.shared.pointer, &der, &length, &copy) == 1 else {
            throw CryptoError(.secp256k1, "secp256k1_ecdsa_signature_serialize_der failed")
        }
        return Array(der.prefix(length))
    }

    /// True when a 64-byte compact signature parses and its s is at most n/2.
    public static func isLowS(compactSignature: [UInt8]) -> Bool {
        guard var signature = try? parseCompact(compactSignature) else { return false }
        // normalize returns 1 exactly when the input was high-S; NULL output is allowed.
        return secp256k1_ecdsa_signature_normalize(Secp256k1Context.shared.pointer, nil, &signature) == 0
    }

    // MARK: - Helpers

    static func parseCompact(_ compact: [UInt8]) throws -> secp256k1_ecdsa_signature {
        guard compact.count == 64 else {
            throw CryptoError(.invalidSignature, "a compact ECDSA signature is 64 bytes, found \(compact.count)")
        }
        var signature = secp256k1_ecdsa_signature()
        guard secp256k1_ecdsa_signature_parse_compact(Secp256k1Context.shared.pointer, &signature, compact) == 1 else {
            throw CryptoError(.invalidSignature, "the compact ECDSA signature's r or s is not below the group order")
        }
        return signature
    }

    private static func checkDigest(_ digest: [UInt8]) throws {
        guard digest.count == 32 else {
            throw CryptoError(.invalidSignature, "ECDSA signs a 32-byte digest, found \(digest.count) bytes")
        }
    }
}
