/// Writes JSON string literals with the minimal escaping of RFC 8785 §3.2.2.2: `\b \t \n \f \r
/// \" \\`, other controls below U+0020 as `\u00xx` (lowercase hex), everything else as literal UTF-8.
///
/// With `terminalSafe` (JSONWriter's text, which people read on terminals), the characters a
/// terminal acts on or that reorder text on screen are also written as `\uxxxx`: DEL, the C1
/// controls U+0080–U+009F (U+009B is CSI on xterm), U+061C, U+200E, U+200F, the line and
/// paragraph separators U+2028 and U+2029, and the bidirectional embeddings, overrides and
/// isolates U+202A–U+202E and U+2066–U+2069. The value read back is the same; the signed bytes
/// (`CanonicalJSON`) never use this mode.
enum JSONStringEscaper {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `string` as a quoted, escaped JSON string to `output`.
    static func appendQuoted(_ string: String, to output: inout [UInt8], terminalSafe: Bool = false) {
        output.append(UInt8(ascii: "\""))
        let written: Void? = string.utf8.withContiguousStorageIfAvailable { appendEscaped($0, to: &output, terminalSafe: terminalSafe) }
        if written == nil { Array(string.utf8).withUnsafeBufferPointer { appendEscaped($0, to: &output, terminalSafe: terminalSafe) } }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends `bytes` (valid UTF-8), escaping the bytes that must be escaped; the rest is copied in runs.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], terminalSafe: Bool) {
        var runStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscape(of: byte, to: &output)
                index += 1
                runStart = index
            } else if terminalSafe, byte >= 0x7f, let (scalar, length) = terminalControl(in: bytes, at: index) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendUnicodeEscape(scalar, to: &output)
                index += length
                runStart = index
            } else {
                index += 1
            }
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// The terminal control (see the type's note) whose UTF-8 encoding starts at `index`, and its
    /// length in bytes, or nil.
    private static func terminalControl(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt16, Int)? {
        func at(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        switch bytes[index] {
        case 0x7f:
            return (0x7f, 1)
        case 0xc2:  // U+0080–U+009F: C2 80–C2 9F
            guard let next = at(1), (0x80...0x9f).contains(next) else { return nil }
            return (UInt16(next), 2)
        case 0xd8:  // U+061C: D8 9C
            return at(1) == 0x9c ? (0x061c, 2) : nil
        case 0xe2:  // U+2000–U+207F: E2 80–81 xx
            guard let second = at(1), let third = at(2), second == 0x80 || second == 0x81 else { return nil }
            let scalar = 0x2000 | UInt16(second & 0x01) << 6 | UInt16(third & 0x3f)
            switch scalar {
            case 0x200e, 0x200f, 0x2028, 0x2029, 0x202a...0x202e, 0x2066...0x2069: return (scalar, 3)
            default: return nil
            }
        default:
            return nil
        }
    }

    private static func appendEscape(of byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), byte]
        case 0x08: output += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
        case 0x09: output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
        case 0x0A: output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
        case 0x0C: output += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
        case 0x0D: output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
        default: appendUnicodeEscape(UInt16(byte), to: &output)
        }
    }

    /// `\u` and four lowercase hex digits.
    private static func appendUnicodeEscape(_ scalar: UInt16, to output: inout [UInt8]) {
        output += [UInt8(ascii: "\\"), UInt8(ascii: "u")]
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hexDigits[Int(scalar >> UInt16(shift) & 0x0f)])
        }
    }
}
