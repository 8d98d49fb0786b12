/// RFC 4648 base32 (alphabet `a–z2–7`) in lowercase without padding: the form of ICP's
/// textual principal ids.
public enum Base32 {
    private static let alphabet: [UInt8] = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, char) in alphabet.enumerated() { table[Int(char)] = Int8(value) }
        return table
    }()

    /// The lowercase, unpadded base32 text of `bytes`.
    public static func encodeLower(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8 | UInt32(byte)) & 0xfff
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int(buffer >> bits & 31)])
            }
        }
        if bits > 0 { out.append(alphabet[Int(buffer << (5 - bits) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes lowercase, unpadded base32.
    ///
    /// Throws `EncodingError` (`.base32`) for a character outside the lowercase alphabet
    /// (named with its offset; `=` padding and upper case included), a length no byte
    /// count encodes to (1, 3 or 6 modulo 8), and non-zero trailing bits (non-canonical).
    public static func decode(_ text: some StringProtocol) throws -> [UInt8] {
        let chars = try ASCIIInput.bytes(text, .base32, what: "base32")
        guard ![1, 3, 6].contains(chars.count % 8) else {
            throw EncodingError(.base32, "base32 length \(chars.count) is not the length of any byte string (it is 1, 3 or 6 modulo 8)")
        }
        var out = [UInt8]()
        out.reserveCapacity(chars.count * 5 / 8)
        var buffer: UInt32 = 0
        var bits = 0
        for (offset, char) in chars.enumerated() {
            let value = values[Int(char)]
            guard value >= 0 else {
                let note = (0x41...0x5a).contains(char) ? " (upper case; base32 here is lowercase)"
                    : char == UInt8(ascii: "=") ? " (padding is not used)" : ""
                throw EncodingError(.base32, "invalid base32 character \(ASCIIInput.describe(char)) at offset \(offset)\(note)")
            }
            buffer = (buffer << 5 | UInt32(value)) & 0xfff
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(buffer >> bits & 0xff))
            }
        }
        guard buffer & ((1 << bits) - 1) == 0 else {
            throw EncodingError(.base32, "non-canonical base32: the last character at offset \(chars.count - 1) has non-zero bits beyond the data")
        }
        return out
    }
}
