import GovSealEncoding

/// A raw secret as 64 hex digits, with or without a `0x` prefix (as wallets export it);
/// surrounding whitespace allowed.
enum HexKeyFile {
    /// True when `bytes` (without surrounding whitespace) start with `0x` or `0X`.
    static func hasPrefix(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count >= 2 && bytes[bytes.startIndex] == UInt8(ascii: "0")
            && (bytes[bytes.startIndex + 1] | 0x20) == UInt8(ascii: "x")
    }

    static func parse(_ bytes: [UInt8], curve: KeyCurve?) throws -> LoadedKey {
        var digits = bytes.filter { !KeyFile.isWhitespace($0) }
        if hasPrefix(digits[...]) { digits.removeFirst(2) }
        guard digits.count == 64 else {
            var reason = "a hex key file holds a 32-byte secret key (64 hex digits), found \(digits.count) digits"
            if digits.count == 66 || digits.count == 130 {
                reason += "; public keys in hex are not key files"
            }
            throw CryptoError(.invalidKeyFile, reason)
        }
        guard let curve else {
            throw CryptoError(.invalidKeyFile, "a raw hex secret key does not say its curve: "
                + "give the algorithm (--alg ed25519, ecdsa-secp256k1 or bip340)")
        }
        var secret: [UInt8]
        do {
            secret = try Hex.decode(String(decoding: digits, as: UTF8.self), length: 32)
        } catch {
            throw CryptoError(.invalidKeyFile, "the hex key file is not valid hex")
        }
        defer { wipe(&secret) }
        return .secret(try PrivateKey(curve: curve, rawRepresentation: secret), format: .hex)
    }

    static func serialize(_ key: PrivateKey) -> [UInt8] {
        key.withSecretBytes { Array((Hex.encode($0) + "\n").utf8) }
    }
}
