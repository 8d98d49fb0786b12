import CSecp256k1
import GovSealEncoding

/// secp256k1 public key encodings (SEC1), through libsecp256k1.
public enum Secp256k1 {
    /// The 65-byte uncompressed form `04‖X‖Y` of a 33-byte compressed or 65-byte uncompressed key.
    ///
    /// Throws `CryptoError` (`.invalidKey`) for any other length, a hybrid (`06`/`07`) prefix,
    /// or a point not on the curve.
    public static func uncompressed(_ publicKey: [UInt8]) throws -> [UInt8] {
        try serialize(parsePublicKey(publicKey), compressed: false)
    }

    /// The 33-byte compressed form `02|03‖X` of a 33-byte compressed or 65-byte uncompressed key.
    ///
    /// Throws `CryptoError` (`.invalidKey`) for any other length, a hybrid prefix, or a point not on the curve.
    public static func compressed(_ publicKey: [UInt8]) throws -> [UInt8] {
        try serialize(parsePublicKey(publicKey), compressed: true)
    }

    /// True when `secretKey` is a valid secp256k1 scalar: 32 bytes, not zero, below the group order.
    public static func isValidSecretKey(_ secretKey: [UInt8]) -> Bool {
        guard secretKey.count == 32 else { return false }
        return secp256k1_ec_seckey_verify(Secp256k1Context.shared.pointer, secretKey) == 1
    }

    /// The 33-byte compressed public key of a secret scalar.
    ///
    /// Throws `CryptoError` (`.invalidKey`) when `secretKey` is not a valid scalar.
    public static func publicKey(secretKey: [UInt8]) throws -> [UInt8] {
        try checkSecretKey(secretKey)
        var pubkey = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_create(Secp256k1Context.shared.pointer, &pubkey, secretKey) == 1 else {
            throw CryptoError(.secp256k1, "secp256k1_ec_pubkey_create failed")
        }
        return try serialize(pubkey, compressed: true)
    }

    // MARK: - Internal helpers (each checks what libsecp256k1 would abort on)

    /// Throws unless `secretKey` is 32 bytes and a valid scalar. Never shows the bytes.
    static func checkSecretKey(_ secretKey: [UInt8]) throws {
        guard secretKey.count == 32 else {
            throw CryptoError(.invalidKey, "a secp256k1 secret key is 32 bytes, found \(secretKey.count)")
        }
        guard isValidSecretKey(secretKey) else {
            throw CryptoError(.invalidKey, "the secp256k1 secret key is zero or not below the group order")
        }
    }

    /// Parses a 33-byte compressed or 65-byte uncompressed SEC1 key (hybrid encodings refused).
    /// Parsed public keys, by their SEC1 bytes (the opaque struct depends only on the bytes).
    private static let parsedKeys = ParsedKeyCache<secp256k1_pubkey>()

    static func parsePublicKey(_ bytes: [UInt8]) throws -> secp256k1_pubkey {
        try parsedKeys.value(for: bytes) { try parseUncached(bytes) }
    }

    private static func parseUncached(_ bytes: [UInt8]) throws -> secp256k1_pubkey {
        switch (bytes.count, bytes.first) {
        case (33, 0x02), (33, 0x03), (65, 0x04):
            break
        case (33, _), (65, _):
            throw CryptoError(.invalidKey, "a secp256k1 public key of \(bytes.count) bytes must start with "
                + (bytes.count == 33 ? "02 or 03" : "04") + ", found \(Hex.encode(bytes.prefix(1)))")
        default:
            throw CryptoError(.invalidKey, "a secp256k1 public key is 33 (compressed) or 65 (uncompressed) bytes, found \(bytes.count)")
        }
        var pubkey = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_parse(Secp256k1Context.shared.pointer, &pubkey, bytes, bytes.count) == 1 else {
            throw CryptoError(.invalidKey, "the secp256k1 public key is not a point on the curve")
        }
        return pubkey
    }

    static func serialize(_ pubkey: secp256k1_pubkey, compressed: Bool) throws -> [UInt8] {
        var pubkey = pubkey
        var out = [UInt8](repeating: 0, count: compressed ? 33 : 65)
        var length = out.count
        let flags = UInt32(compressed ? SECP256K1_EC_COMPRESSED : SECP256K1_EC_UNCOMPRESSED)
        guard secp256k1_ec_pubkey_serialize(Secp256k1Context.shared.pointer, &out, &length, &pubkey, flags) == 1,
              length == out.count
        else {
            throw CryptoError(.secp256k1, "secp256k1_ec_pubkey_serialize failed")
        }
        return out
    }
}
