extension JSONParser {
    /// Reads the string starting at the `"` at `position`, checking UTF-8 and escapes strictly.
    mutating func parseString() throws(JSONError) -> String {
        let opening = position
        var index = position + 1
        var runStart = index
        var hasEscapes = false
        while true {
            guard index < input.count else {
                throw error(.syntax, at: opening, "string is not terminated")
            }
            let byte = input[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                if !hasEscapes { scratch.removeAll(keepingCapacity: true) }
                hasEscapes = true
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
                index = try appendEscape(at: index)
                runStart = index
            } else if byte < 0x20 {
                throw error(.controlCharacter, at: index,
                            "control character \(Self.scalarName(UInt32(byte))) must be escaped in a string")
            } else if byte < 0x80 {
                index += 1
            } else {
                index = try endOfUTF8Sequence(at: index)
            }
        }
        position = index + 1
        guard hasEscapes else {
            return String(decoding: UnsafeBufferPointer(rebasing: input[(opening + 1)..<index]), as: UTF8.self)
        }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Decodes the escape at `index` (a backslash) into `scratch`; returns the index after it.
    private mutating func appendEscape(at index: Int) throws(JSONError) -> Int {
        guard index + 1 < input.count else { throw error(.syntax, at: index, "string is not terminated") }
        let simple: UInt8? = switch input[index + 1] {
        case UInt8(ascii: "\""): 0x22
        case UInt8(ascii: "\\"): 0x5C
        case UInt8(ascii: "/"): 0x2F
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
        if let simple {
            scratch.append(simple)
            return index + 2
        }
        guard input[index + 1] == UInt8(ascii: "u") else {
            if let invalid = invalidUTF8(at: index + 1) { throw invalid }
            throw error(.syntax, at: index + 1, "invalid escape: backslash followed by \(describeByte(at: index + 1))")
        }
        let unit = try hexCodeUnit(at: index + 2)
        var scalar = UInt32(unit)
        var end = index + 6
        switch unit {
        case 0xD800...0xDBFF:
            guard end + 1 < input.count, input[end] == UInt8(ascii: "\\"), input[end + 1] == UInt8(ascii: "u") else {
                throw error(.loneSurrogate, at: index,
                            "escape \\u\(Self.hex4(unit)) is a high surrogate not followed by a low surrogate escape")
            }
            let low = try hexCodeUnit(at: end + 2)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error(.loneSurrogate, at: index,
                            "escape \\u\(Self.hex4(unit)) is a high surrogate followed by \\u\(Self.hex4(low)), not a low surrogate")
            }
            scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            end += 6
        case 0xDC00...0xDFFF:
            throw error(.loneSurrogate, at: index,
                        "escape \\u\(Self.hex4(unit)) is a low surrogate without a high surrogate before it")
        default:
            break
        }
        scratch.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
        return end
    }

    /// The 16-bit value of the four hex digits at `index`.
    private func hexCodeUnit(at index: Int) throws(JSONError) -> UInt16 {
        var value: UInt16 = 0
        for offset in 0..<4 {
            let digitIndex = index + offset
            guard digitIndex < input.count else { throw error(.syntax, at: digitIndex, "\\u escape is cut short by the end of input") }
            let byte = input[digitIndex]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                if let invalid = invalidUTF8(at: digitIndex) { throw invalid }
                throw error(.syntax, at: digitIndex, "\\u escape needs 4 hex digits, found \(describeByte(at: digitIndex))")
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// The index after the well-formed UTF-8 sequence at `index` (Unicode Table 3-7).
    /// - Throws: `.invalidUTF8` at the first byte that breaks the sequence.
    func endOfUTF8Sequence(at index: Int) throws(JSONError) -> Int {
        let lead = input[index]
        var length = 0
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        case 0x80...0xBF:
            throw error(.invalidUTF8, at: index, "invalid UTF-8: continuation byte 0x\(Self.hex2(lead)) without a lead byte")
        case 0xC0, 0xC1:
            throw error(.invalidUTF8, at: index, "invalid UTF-8: byte 0x\(Self.hex2(lead)) starts an overlong encoding")
        default:
            throw error(.invalidUTF8, at: index, "invalid UTF-8: byte 0x\(Self.hex2(lead)) never occurs in UTF-8")
        }
        for offset in 1..<length {
            let byteIndex = index + offset
            guard byteIndex < input.count else {
                throw error(.invalidUTF8, at: index, "invalid UTF-8: sequence starting with 0x\(Self.hex2(lead)) is cut short by the end of input")
            }
            let byte = input[byteIndex]
            let (min, max): (UInt8, UInt8) = offset == 1 ? (low, high) : (0x80, 0xBF)
            guard byte < min || byte > max else { continue }
            let problem = if byte & 0xC0 != 0x80 {
                "sequence starting with 0x\(Self.hex2(lead)) is cut short by byte 0x\(Self.hex2(byte))"
            } else if lead == 0xED {
                "bytes 0xED 0x\(Self.hex2(byte)) encode a UTF-16 surrogate"
            } else if lead == 0xF4 {
                "bytes 0xF4 0x\(Self.hex2(byte)) encode a code point beyond U+10FFFF"
            } else {
                "bytes 0x\(Self.hex2(lead)) 0x\(Self.hex2(byte)) are an overlong encoding"
            }
            throw error(.invalidUTF8, at: byteIndex, "invalid UTF-8: \(problem)")
        }
        return index + length
    }

    /// An `.invalidUTF8` error if a non-ASCII byte at `index` does not start a well-formed sequence.
    func invalidUTF8(at index: Int) -> JSONError? {
        guard index < input.count, input[index] >= 0x80 else { return nil }
        do {
            _ = try endOfUTF8Sequence(at: index)
            return nil
        } catch {
            return error
        }
    }
}
