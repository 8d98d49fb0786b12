/// RFC 4648 base64 with the standard alphabet and `=` padding, with a strict decoder.
public enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, char) in alphabet.enumerated() { table[Int(char)] = Int8(value) }
        return table
    }()

    /// The padded base64 text of `bytes`.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let chunk = bytes[i..<min(i + 3, bytes.count)]
            let b0 = UInt32(chunk[i]), b1 = chunk.count > 1 ? UInt32(chunk[i + 1]) : 0
            let b2 = chunk.count > 2 ? UInt32(chunk[i + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(group >> 18 & 0x3f)])
            out.append(alphabet[Int(group >> 12 & 0x3f)])
            out.append(chunk.count > 1 ? alphabet[Int(group >> 6 & 0x3f)] : UInt8(ascii: "="))
            out.append(chunk.count > 2 ? alphabet[Int(group & 0x3f)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes padded standard base64.
    ///
    /// Throws `EncodingError` (`.base64`) for a character outside the alphabet (named with its
    /// offset; whitespace and the URL-safe `-`/`_` included), a length that is not a multiple
    /// of 4, misplaced or excess `=` padding, and non-zero bits left over before the padding
    /// (a non-canonical encoding that another decoder might read differently).
    public static func decode(_ text: some StringProtocol) throws -> [UInt8] {
        let chars = try ASCIIInput.bytes(text, .base64, what: "base64")
        guard chars.count % 4 == 0 else {
            throw EncodingError(.base64, "base64 length \(chars.count) is not a multiple of 4 (padding with '=' is required)")
        }
        let padding = chars.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        guard padding <= 2 else {
            throw EncodingError(.base64, "base64 has \(padding) '=' padding characters at the end; at most 2 are allowed")
        }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 4 * 3)
        var group: UInt32 = 0
        for (offset, char) in chars.dropLast(padding).enumerated() {
            let value = values[Int(char)]
            guard value >= 0 else {
                let what = char == UInt8(ascii: "=") ? "'=' padding before the end" : "invalid base64 character \(ASCIIInput.describe(char))"
                throw EncodingError(.base64, "\(what) at offset \(offset)")
            }
            group = group << 6 | UInt32(value)
            if offset % 4 == 3 {
                out.append(UInt8(group >> 16 & 0xff))
                out.append(UInt8(group >> 8 & 0xff))
                out.append(UInt8(group & 0xff))
                group = 0
            }
        }
        switch padding {
        case 1:  // 3 characters, 18 bits: 2 bytes and 2 spare bits
            guard group & 0x3 == 0 else { throw nonCanonical(at: chars.count - 2) }
            out.append(UInt8(group >> 10 & 0xff))
            out.append(UInt8(group >> 2 & 0xff))
        case 2:  // 2 characters, 12 bits: 1 byte and 4 spare bits
            guard group & 0xf == 0 else { throw nonCanonical(at: chars.count - 3) }
            out.append(UInt8(group >> 4 & 0xff))
        default:
            break
        }
        return out
    }

    private static func nonCanonical(at offset: Int) -> EncodingError {
        EncodingError(.base64, "non-canonical base64: the character at offset \(offset) has non-zero bits beyond the data before the padding")
    }
}
