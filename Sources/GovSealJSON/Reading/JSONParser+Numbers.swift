extension JSONParser {
    /// Reads the number at `position` (RFC 8259 grammar) and applies the number rules of `limits`.
    mutating func parseNumber() throws(JSONError) -> JSONValue {
        let start = position
        var index = start
        let isNegative = input[index] == UInt8(ascii: "-")
        if isNegative { index += 1 }
        guard index < input.count, Self.isDigit(input[index]) else {
            throw unexpected(at: index, expected: "a digit after '-'")
        }
        let integerStart = index
        if input[index] == UInt8(ascii: "0") {
            index += 1
            if index < input.count, Self.isDigit(input[index]) {
                throw error(.syntax, at: start, "number has a leading zero")
            }
        } else {
            index = skipDigits(from: index)
        }
        let integerEnd = index
        var isIntegral = true
        if index < input.count, input[index] == UInt8(ascii: ".") {
            isIntegral = false
            index += 1
            guard index < input.count, Self.isDigit(input[index]) else {
                throw unexpected(at: index, expected: "a digit after the decimal point")
            }
            index = skipDigits(from: index)
        }
        if index < input.count, input[index] | 0x20 == UInt8(ascii: "e") {
            isIntegral = false
            index += 1
            if index < input.count, input[index] == UInt8(ascii: "+") || input[index] == UInt8(ascii: "-") { index += 1 }
            guard index < input.count, Self.isDigit(input[index]) else {
                throw unexpected(at: index, expected: "a digit in the exponent")
            }
            index = skipDigits(from: index)
        }
        position = index
        let text = UnsafeBufferPointer(rebasing: input[start..<index])

        if isIntegral, let magnitude = Self.safeMagnitude(UnsafeBufferPointer(rebasing: input[integerStart..<integerEnd])) {
            if !isNegative { return .integer(Int64(magnitude)) }
            if magnitude != 0 { return .integer(-Int64(magnitude)) }
        }
        if limits.integersOnly {
            let reason = if !isIntegral {
                "number \(Self.shown(text)) is not an integer"
            } else if isNegative && integerEnd - integerStart == 1 && input[integerStart] == UInt8(ascii: "0") {
                "number -0 is not allowed"
            } else {
                "number \(Self.shown(text)) is outside the range ±2^53 (±9007199254740992)"
            }
            throw error(.number, at: start, reason)
        }
        guard let double = Double(String(decoding: text, as: UTF8.self)), double.isFinite else {
            throw error(.number, at: start, "number \(Self.shown(text)) is too large for a double")
        }
        return .double(double)
    }

    private func skipDigits(from start: Int) -> Int {
        var index = start
        while index < input.count, Self.isDigit(input[index]) { index += 1 }
        return index
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The value of a digit string if it is at most 2^53, else nil.
    private static func safeMagnitude(_ digits: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for digit in digits { value = value * 10 + UInt64(digit - UInt8(ascii: "0")) }
        return value <= JSONNumberRange.maxSafeInteger ? value : nil
    }

    /// The number's text for a message, shortened if very long.
    private static func shown(_ text: UnsafeBufferPointer<UInt8>) -> String {
        guard text.count > 40 else { return String(decoding: text, as: UTF8.self) }
        return String(decoding: text.prefix(40), as: UTF8.self) + "… (\(text.count) characters)"
    }
}
