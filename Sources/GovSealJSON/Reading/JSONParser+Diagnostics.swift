extension JSONParser {
    /// An error of `code` at byte `offset`, at the current path, with its line and column.
    func error(_ code: JSONError.Code, at offset: Int, _ reason: String) -> JSONError {
        let (line, column) = location(of: offset)
        return JSONError(code, path: JSONPath(path).description, line: line, column: column, reason)
    }

    /// A syntax error "expected …, found …" at `offset`, or the `.invalidUTF8` error if the
    /// byte found there is not well-formed UTF-8.
    func unexpected(at offset: Int, expected: String) -> JSONError {
        if let invalid = invalidUTF8(at: offset) { return invalid }
        return error(.syntax, at: offset, "expected \(expected), found \(describeByte(at: offset))")
    }

    /// 1-based line and column of byte `offset`; lines end at LF, CR LF or CR, and columns
    /// count Unicode scalars (UTF-8 lead bytes). Only called on the error path.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, input.count)
        while index < end {
            let byte = input[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= input.count || input[index + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte != 0x0D && byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    /// What is at `offset`, for messages: `'x'`, `end of input`, `control character U+000A`,
    /// `'é' (U+00E9)`, or `byte 0xFF`.
    func describeByte(at offset: Int) -> String {
        guard offset < input.count else { return "end of input" }
        let byte = input[offset]
        if byte < 0x20 || byte == 0x7F { return "control character \(Self.scalarName(UInt32(byte)))" }
        if byte < 0x80 { return "'\(Character(Unicode.Scalar(byte)))'" }
        guard let end = try? endOfUTF8Sequence(at: offset) else { return "byte 0x\(Self.hex2(byte))" }
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[offset..<end]), as: UTF8.self)
        return "'\(text)' (\(Self.scalarName(text.unicodeScalars.first!.value)))"
    }

    /// `U+00E9`.
    static func scalarName(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Two uppercase hex digits.
    static func hex2(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// Four lowercase hex digits, as in a `\u` escape.
    static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// `name` as a JSON string literal.
    static func quoted(_ name: String) -> String {
        var bytes: [UInt8] = []
        JSONStringEscaper.appendQuoted(name, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
