import CSecp256k1

/// Recoverable ECDSA on secp256k1 (Ethereum's r‖s‖v form) through libsecp256k1's recovery module.
public enum ECDSARecovery {
    /// Signs a 32-byte digest with the RFC 6979 nonce; returns 64-byte compact `r‖s` (low-S)
    /// and the recovery id (0 or 1).
    ///
    /// Throws `CryptoError` (`.invalidKey`) for a bad secret, (`.invalidSignature`) for a digest
    /// that is not 32 bytes.
    public static func sign(digest: [UInt8], secretKey: [UInt8]) throws -> (compact: [UInt8], recoveryID: Int) {
        guard digest.count == 32 else { throw CryptoError(.invalidSignature, "ECDSA signs a 32-byte digest, found \(digest.count) bytes") }
        try Secp256k1.checkSecretKey(secretKey)
        let context = Secp256k1Context.shared.pointer
        var signature = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_sign_recoverable(context, &signature, digest, secretKey, nil, nil) == 1 else {
            throw CryptoError(.secp256k1, "secp256k1_ecdsa_sign_recoverable failed")
        }
        var compact = [UInt8](repeating: 0, count: 64)
        var recoveryID: Int32 = 0
        guard secp256k1_ecdsa_recoverable_signature_serialize_compact(context, &compact, &recoveryID, &signature) == 1 else {
            throw CryptoError(.secp256k1, "secp256k1_ecdsa_recoverable_signature_serialize_compact failed")
        }
        return (compact, Int(recoveryID))
    }

    /// The 33-byte compressed key that `compact` (r‖s) with `recoveryID` (0…3) recovers for `digest`.
    ///
    /// Returns nil for any wrong length, a recovery id out of range, r or s out of range, or no
    /// recoverable key. Does not check low-S: callers that require it check it first.
    public static func recover(compact: [UInt8], recoveryID: Int, digest: [UInt8]) -> [UInt8]? {
        guard compact.count == 64, digest.count == 32, (0...3).contains(recoveryID) else { return nil }
        let context = Secp256k1Context.shared.pointer
        var signature = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_recoverable_signature_parse_compact(context, &signature, compact, Int32(recoveryID)) == 1 else {
            return nil
        }
        var pubkey = secp256k1_pubkey()
        guard secp256k1_ecdsa_recover(context, &pubkey, &signature, digest) == 1 else { return nil }
        return try? Secp256k1.serialize(pubkey, compressed: true)
    }
}
