import GovSealCrypto
import GovSealEncoding

/// EVM (`eip155:`) addresses: the last 20 bytes of Keccak-256 of the 64-byte X‖Y public
/// key, written with the EIP-55 mixed-case checksum.
public enum EIP155 {
    /// The EIP-55 address of a 65-byte uncompressed secp256k1 key (`04‖X‖Y`).
    ///
    /// Throws `ChainError` (`.invalidKey`) unless the key is 65 bytes starting with 0x04
    /// and a point on the curve.
    public static func address(uncompressedKey65 key: [UInt8]) throws -> String {
        guard key.count == 65, key[0] == 0x04 else {
            throw ChainError(.invalidKey, "an uncompressed secp256k1 key is 65 bytes starting with 04, found \(key.count) bytes"
                + (key.first.map { " starting with \(Hex.encode([$0]))" } ?? ""))
        }
        return checksummedHex(Hex.encode(try addressBytes(uncompressedKey65: key)))
    }

    /// The 20 address bytes of a 65-byte uncompressed secp256k1 key (`04‖X‖Y`): the last 20
    /// bytes of Keccak-256(X‖Y). Ethermint chains (`ethsecp256k1` accounts) use the same bytes.
    ///
    /// Throws `ChainError` (`.invalidKey`) unless the key is a point on the curve.
    static func addressBytes(uncompressedKey65 key: [UInt8]) throws -> [UInt8] {
        _ = try reportingKeyErrors { try Secp256k1.compressed(key) }
        return Array(Keccak256.hash(Array(key.dropFirst())).suffix(20))
    }

    /// The EIP-55 address of an `ecdsa-secp256k1` public key.
    ///
    /// Throws `ChainError` (`.unsupportedAlgorithm`) for other algorithms, (`.invalidKey`)
    /// for a key that does not decompress.
    public static func address(publicKey: PublicKey) throws -> String {
        guard publicKey.algorithm == .ecdsaSecp256k1 else {
            throw ChainError(.unsupportedAlgorithm, "eip155 addresses come from ecdsa-secp256k1 keys, not \(publicKey.algorithm.rawValue)")
        }
        return try address(uncompressedKey65: reportingKeyErrors { try Secp256k1.uncompressed(publicKey.rawRepresentation) })
    }

    /// The EIP-55 form of `0x` followed by 40 hex digits in any case (the case is not checked).
    ///
    /// Throws `ChainError` (`.invalidAddress`) for a missing `0x`, a wrong length or a
    /// non-hex character (with its offset).
    public static func checksummed(_ hexAddress: String) throws -> String {
        try checkSyntax(hexAddress)
        return checksummedHex(hexAddress.dropFirst(2).lowercased())
    }

    /// Checks an address: `0x`, 40 hex digits, and, when the digits mix cases, the EIP-55
    /// checksum. All-lowercase and all-uppercase addresses carry no checksum and pass.
    ///
    /// Throws `ChainError` (`.invalidAddress`) naming the problem; for a checksum mismatch,
    /// the first letter in the wrong case and its offset.
    public static func validate(_ address: String) throws {
        try checkSyntax(address)
        let digits = address.dropFirst(2)
        let hasLower = digits.contains { ("a"..."f").contains($0) }
        let hasUpper = digits.contains { ("A"..."F").contains($0) }
        guard hasLower && hasUpper else { return }
        let expected = checksummedHex(digits.lowercased())
        for (offset, (found, wanted)) in zip(address, expected).enumerated() where found != wanted {
            throw ChainError(.invalidAddress, "eip155 address '\(address)': EIP-55 checksum mismatch at offset \(offset) "
                + "('\(found)' should be '\(wanted)'); expected \(expected)")
        }
    }

    // MARK: - Helpers

    /// `0x` + the 40 lowercase hex digits with each letter upper-cased when the matching
    /// nibble of Keccak-256(lowercase digits) is 8 or more.
    private static func checksummedHex(_ lowercaseDigits: String) -> String {
        let hash = Keccak256.hash(Array(lowercaseDigits.utf8))
        let digits = lowercaseDigits.utf8.enumerated().map { index, char -> UInt8 in
            let nibble = index % 2 == 0 ? hash[index / 2] >> 4 : hash[index / 2] & 0x0f
            return (0x61...0x66).contains(char) && nibble >= 8 ? char - 0x20 : char
        }
        return "0x" + String(decoding: digits, as: UTF8.self)
    }

    private static func checkSyntax(_ address: String) throws {
        guard address.hasPrefix("0x") else {
            throw ChainError(.invalidAddress, "eip155 address '\(address)' does not start with '0x'")
        }
        let digits = Array(address.unicodeScalars.dropFirst(2))
        if let bad = digits.firstIndex(where: { !($0.properties.isASCIIHexDigit) }) {
            throw ChainError(.invalidAddress, "eip155 address '\(address)': character '\(digits[bad])' at offset \(bad + 2) is not hex")
        }
        guard digits.count == 40 else {
            throw ChainError(.invalidAddress, "eip155 address '\(address)' has \(digits.count) hex digits; expected 40")
        }
    }
}
