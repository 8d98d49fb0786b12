/// Base58 with the Bitcoin alphabet (no checksum): each leading zero byte is one leading `1`.
public enum Base58 {
    private static let alphabet: [UInt8] = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, char) in alphabet.enumerated() { table[Int(char)] = Int8(value) }
        return table
    }()

    /// The base58 text of `bytes`; empty input gives the empty string.
    public static func encode(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix { $0 == 0 }.count
        // Little-endian base-58 digits of the big-endian number in `bytes`.
        var digits = [UInt8]()
        digits.reserveCapacity(bytes.count * 138 / 100 + 1)
        for byte in bytes.dropFirst(zeros) {
            var carry = Int(byte)
            for j in digits.indices {
                carry += Int(digits[j]) << 8
                digits[j] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        let text = [UInt8](repeating: alphabet[0], count: zeros) + digits.reversed().map { alphabet[Int($0)] }
        return String(decoding: text, as: UTF8.self)
    }

    /// Decodes base58 text; the empty string gives no bytes.
    ///
    /// Throws `EncodingError` (`.base58`) naming the first character outside the alphabet
    /// (such as `0`, `O`, `I`, `l`, whitespace or non-ASCII) and its offset.
    public static func decode(_ text: some StringProtocol) throws -> [UInt8] {
        let chars = try ASCIIInput.bytes(text, .base58, what: "base58")
        let zeros = chars.prefix { $0 == alphabet[0] }.count
        // Little-endian base-256 bytes of the number.
        var bytes = [UInt8]()
        bytes.reserveCapacity(chars.count * 733 / 1000 + 1)
        for (offset, char) in chars.enumerated().dropFirst(zeros) {
            let value = values[Int(char)]
            guard value >= 0 else {
                throw EncodingError(.base58, "invalid base58 character \(ASCIIInput.describe(char)) at offset \(offset)")
            }
            var carry = Int(value)
            for j in bytes.indices {
                carry += Int(bytes[j]) * 58
                bytes[j] = UInt8(carry & 0xff)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xff))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeros) + bytes.reversed()
    }
}
