/// Lowercase hexadecimal, with a strict decoder.
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lowercase hex of `bytes`.
    public static func encode(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (i, b) in bytes.enumerated() {
                out[2 * i] = digits[Int(b >> 4)]
                out[2 * i + 1] = digits[Int(b & 0x0f)]
            }
            return bytes.count * 2
        }
    }

    /// Lowercase hex of `bytes`.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex. Upper case is accepted unless `lowercaseOnly`.
    ///
    /// Throws `EncodingError` naming the first bad character and its offset, an odd length,
    /// or (with `length`) a wrong byte count.
    public static func decode(_ text: some StringProtocol, length: Int? = nil, lowercaseOnly: Bool = false) throws -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else {
            throw EncodingError(.hex, "hex has an odd number of digits (\(utf8.count))")
        }
        if let length, utf8.count != length * 2 {
            throw EncodingError(.hex, "expected \(length) bytes (\(length * 2) hex digits), found \(utf8.count) digits")
        }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            let hi = try value(utf8[i], at: i, lowercaseOnly: lowercaseOnly)
            let lo = try value(utf8[i + 1], at: i + 1, lowercaseOnly: lowercaseOnly)
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    /// True when `text` is lowercase hex of exactly `length` bytes.
    public static func isLowercase(_ text: some StringProtocol, length: Int) -> Bool {
        var text = String(text)
        return text.withUTF8 { bytes in
            bytes.count == length * 2 && bytes.allSatisfy { ($0 &- 0x30) < 10 || ($0 &- 0x61) < 6 }
        }
    }

    private static func value(_ c: UInt8, at offset: Int, lowercaseOnly: Bool) throws -> UInt8 {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46 where !lowercaseOnly: return c - 0x41 + 10
        case 0x41...0x46:
            throw EncodingError(.hex, "upper-case hex digit at offset \(offset); digests and keys are lowercase hex")
        default:
            let shown = (0x21...0x7e).contains(c) ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(encode([c]))"
            throw EncodingError(.hex, "invalid hex character \(shown) at offset \(offset)")
        }
    }
}
