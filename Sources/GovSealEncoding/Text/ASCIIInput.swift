/// Turns untrusted text into ASCII bytes for a decoder, rejecting anything outside US-ASCII
/// with the character's scalar offset, so that byte offsets and character offsets agree
/// in every later message.
enum ASCIIInput {
    /// The bytes of `text`, or an error naming the first non-ASCII character and its offset.
    static func bytes(_ text: some StringProtocol, _ code: EncodingError.Code, what: String) throws -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            guard scalar.isASCII else {
                throw EncodingError(code, "\(what) has a non-ASCII character \(describe(scalar)) at offset \(offset)")
            }
            out.append(UInt8(scalar.value))
        }
        return out
    }

    /// A character for a message: printable ASCII quoted, anything else as its code.
    static func describe(_ byte: UInt8) -> String {
        (0x21...0x7e).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(Hex.encode([byte]))"
    }

    /// A non-ASCII scalar for a message, as U+XXXX (U+FFFD when the input was not UTF-8).
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let note = scalar.value == 0xFFFD ? " (the replacement character: the input was not valid UTF-8)" : ""
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + note
    }
}
