import COpenSSL
import GovSealEncoding
import GovSealJSON

/// Ethereum keystore v3 JSON (Web3 Secret Storage): `crypto` { `cipher` "aes-128-ctr",
/// `cipherparams` { `iv` }, `ciphertext`, `kdf` "scrypt" { n, r, p, dklen, salt } or "pbkdf2"
/// { c, prf "hmac-sha256", dklen, salt }, `mac` }. The MAC, Keccak-256(dk[16..<32] ‖ ciphertext),
/// is checked in constant time before decrypting; a stored `address` must match the key.
///
/// KDF costs are bounded so a hostile file cannot exhaust memory or time. Errors name members,
/// never values.
enum EthereumKeystore {
    /// scrypt N at most 2^18 (geth's "standard" cost), r at most 8, p at most 16; PBKDF2 at most 10^7 rounds.
    static let maximumScryptN: UInt64 = 1 << 18
    static let maximumScryptR: UInt32 = 8
    static let maximumScryptP: UInt32 = 16
    static let maximumPBKDF2Rounds: UInt32 = 10_000_000

    static func parse(_ object: JSONObject, passphrase: [UInt8]?) throws -> LoadedKey {
        let place = "Ethereum keystore: "
        if let version = object["version"], version.integerValue != 3 {
            throw CryptoError(.invalidKeyFile, "\(place)version must be 3")
        }
        guard let crypto = try KeyJSON.object(object, "crypto") ?? KeyJSON.object(object, "Crypto") else {
            throw CryptoError(.invalidKeyFile, "\(place)crypto is missing")
        }
        let cipher = try KeyJSON.requiredString(crypto, "cipher", in: "\(place)crypto.")
        guard cipher == "aes-128-ctr" else {
            throw CryptoError(.invalidKeyFile, "\(place)crypto.cipher \(printable(cipher)) is not supported (aes-128-ctr)")
        }
        guard let cipherParameters = try KeyJSON.object(crypto, "cipherparams") else {
            throw CryptoError(.invalidKeyFile, "\(place)crypto.cipherparams is missing")
        }
        let iv = try hex(cipherParameters, "iv", in: "\(place)crypto.cipherparams.", length: 16)
        let ciphertext = try hex(crypto, "ciphertext", in: "\(place)crypto.", length: nil)
        guard (16...32).contains(ciphertext.count) else {
            throw CryptoError(.invalidKeyFile, "\(place)crypto.ciphertext must be a secp256k1 key of at most 32 bytes, found \(ciphertext.count)")
        }
        let mac = try hex(crypto, "mac", in: "\(place)crypto.", length: 32)
        var derived = try deriveKey(crypto, passphrase: passphrase, place: "\(place)crypto.")
        defer { wipe(&derived) }
        let expected = Keccak256.hash(Array(derived[16..<32]) + ciphertext)
        guard CRYPTO_memcmp(expected, mac, 32) == 0 else {
            throw CryptoError(.invalidKeyFile, "\(place)the MAC does not match: wrong passphrase or a corrupted file")
        }
        // A key with leading zero bytes may be stored shorter (geth's 30- and 31-byte vectors).
        var secret = [UInt8](repeating: 0, count: 32 - ciphertext.count)
            + (try PasswordKDF.aes128CTR(key: Array(derived[0..<16]), iv: iv, input: ciphertext))
        defer { wipe(&secret) }
        let key = try PrivateKey(curve: .secp256k1, rawRepresentation: secret)
        if let stored = try KeyJSON.string(object, "address", in: place) {
            let address = Hex.encode(Keccak256.hash(Array(try Secp256k1.uncompressed(Secp256k1.publicKey(secretKey: secret)).dropFirst())).suffix(20))
            let given = stored.lowercased().hasPrefix("0x") ? String(stored.lowercased().dropFirst(2)) : stored.lowercased()
            guard given == address else {
                throw CryptoError(.invalidKeyFile, "\(place)address does not match the decrypted key")
            }
        }
        return .secret(key, format: .keystore)
    }

    /// Checks every KDF parameter, then derives with `passphrase` (required only once the file is known good).
    private static func deriveKey(_ crypto: JSONObject, passphrase: [UInt8]?, place: String) throws -> [UInt8] {
        func required() throws -> [UInt8] {
            guard let passphrase else {
                throw CryptoError(.invalidKeyFile, "an Ethereum keystore needs its passphrase: give --passphrase-file FILE")
            }
            return passphrase
        }
        let kdf = try KeyJSON.requiredString(crypto, "kdf", in: place)
        guard let parameters = try KeyJSON.object(crypto, "kdfparams") else {
            throw CryptoError(.invalidKeyFile, "\(place)kdfparams is missing")
        }
        let inner = "\(place)kdfparams."
        guard try integer(parameters, "dklen", in: inner, maximum: 32) == 32 else {
            throw CryptoError(.invalidKeyFile, "\(inner)dklen must be 32")
        }
        let salt = try hex(parameters, "salt", in: inner, length: nil)
        guard (16...64).contains(salt.count) else {
            throw CryptoError(.invalidKeyFile, "\(inner)salt must be 16 to 64 bytes, found \(salt.count)")
        }
        switch kdf {
        case "scrypt":
            let n = try integer(parameters, "n", in: inner, maximum: maximumScryptN)
            guard n >= 2, n & (n - 1) == 0 else { throw CryptoError(.invalidKeyFile, "\(inner)n must be a power of two ≥ 2") }
            let r = UInt32(try integer(parameters, "r", in: inner, maximum: UInt64(maximumScryptR)))
            let p = UInt32(try integer(parameters, "p", in: inner, maximum: UInt64(maximumScryptP)))
            guard r >= 1, p >= 1 else { throw CryptoError(.invalidKeyFile, "\(inner)r and p must be at least 1") }
            // RFC 7914: N < 2^(128·r/8). OpenSSL enforces it (geth's r = 1 wiki vector breaks it).
            guard 16 * r >= 64 || n < UInt64(1) << (16 * r) else {
                throw CryptoError(.invalidKeyFile, "\(inner)n must be below 2^(16·r) for scrypt (RFC 7914), found n = \(n) with r = \(r)")
            }
            let memory = 128 * UInt64(r) * (n + UInt64(p) + 2) + (1 << 20)
            return try PasswordKDF.scrypt(password: required(), salt: salt, n: n, r: r, p: p, length: 32, maxMemory: memory)
        case "pbkdf2":
            let prf = try KeyJSON.requiredString(parameters, "prf", in: inner)
            guard prf == "hmac-sha256" else {
                throw CryptoError(.invalidKeyFile, "\(inner)prf \(printable(prf)) is not supported (hmac-sha256)")
            }
            let rounds = UInt32(try integer(parameters, "c", in: inner, maximum: UInt64(maximumPBKDF2Rounds)))
            guard rounds >= 1 else { throw CryptoError(.invalidKeyFile, "\(inner)c must be at least 1") }
            return try PasswordKDF.pbkdf2SHA256(password: required(), salt: salt, iterations: rounds, length: 32)
        default:
            throw CryptoError(.invalidKeyFile, "\(place)kdf \(printable(kdf)) is not supported (scrypt or pbkdf2)")
        }
    }

    private static func hex(_ object: JSONObject, _ name: String, in place: String, length: Int?) throws -> [UInt8] {
        let text = try KeyJSON.requiredString(object, name, in: place)
        guard let bytes = try? Hex.decode(text.hasPrefix("0x") ? String(text.dropFirst(2)) : text, length: length) else {
            throw CryptoError(.invalidKeyFile, "\(place)\(name) must be \(length.map { "\($0 * 2) " } ?? "")hex digits")
        }
        return bytes
    }

    private static func integer(_ object: JSONObject, _ name: String, in place: String, maximum: UInt64) throws -> UInt64 {
        guard let value = object[name]?.integerValue, value >= 0 else {
            throw CryptoError(.invalidKeyFile, "\(place)\(name) must be a non-negative integer")
        }
        guard UInt64(value) <= maximum else {
            throw CryptoError(.invalidKeyFile, "\(place)\(name) \(value) is above govseal's limit \(maximum)")
        }
        return UInt64(value)
    }
}
