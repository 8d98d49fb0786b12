import GovSealJSON
import Testing

@Suite("JSONReader")
struct JSONReaderTests {
    private func parse(_ text: String, _ limits: JSONLimits = .document) throws -> JSONValue {
        try JSONReader.parse(Array(text.utf8), limits: limits)
    }

    private func failure(_ text: String, _ limits: JSONLimits = .document) -> JSONError? {
        do {
            _ = try parse(text, limits)
            return nil
        } catch {
            return error as? JSONError
        }
    }

    @Test("Reads every kind of value, keeping member order")
    func readsValues() throws {
        let value = try parse(#" { "z": [true, false, null], "a": "x\"\u00e9\ud83d\ude00", "n": -42, "o": {} } "#)
        let object = try #require(value.objectValue)
        #expect(object.names == ["z", "a", "n", "o"])
        #expect(object["z"] == .array([.bool(true), .bool(false), .null]))
        #expect(object["a"]?.stringValue.map { Array($0.unicodeScalars) } == ["x", "\"", "\u{E9}", "\u{1F600}"])
        #expect(object["n"] == .integer(-42))
        #expect(object["o"] == .object(JSONObject()))
    }

    @Test("Integers within ±2^53 are accepted in documents at both ends of the range")
    func integerRange() throws {
        #expect(try parse("9007199254740992") == .integer(9_007_199_254_740_992))
        #expect(try parse("-9007199254740992") == .integer(-9_007_199_254_740_992))
        #expect(try parse("0") == .integer(0))
    }

    @Test("General limits: integral syntax within ±2^53 is .integer, anything else .double")
    func generalNumbers() throws {
        #expect(try parse("12", .general) == .integer(12))
        #expect(try parse("1.0", .general) == .double(1))
        #expect(try parse("1E2", .general) == .double(100))
        #expect(try parse("9007199254740993", .general) == .double(9_007_199_254_740_992))
        #expect(try parse("1e-400", .general) == .double(0))
        let negativeZero = try #require(try parse("-0", .general).doubleValue)
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
    }

    @Test("Names differing only by Unicode normalisation are distinct members")
    func combiningCharactersAreDistinct() throws {
        let precomposed = "\u{E9}"
        let decomposed = "e\u{301}"
        let text = "{\"\(precomposed)\":1,\"\(decomposed)\":2,\"\\u0065\\u0301x\":3}"
        let object = try #require(try parse(text).objectValue)
        #expect(object.count == 3)
        #expect(object[precomposed] == .integer(1))
        #expect(object[decomposed] == .integer(2))
        #expect(object.names.map { Array($0.utf8) } == [[0xC3, 0xA9], [0x65, 0xCC, 0x81], [0x65, 0xCC, 0x81, 0x78]])
        // Both names survive canonicalisation.
        #expect(try parse(CanonicalJSON.encode(.object(object)).text).objectValue?.count == 3)
        // Wide objects check duplicates through a hash set, which must also compare exact bytes.
        let fillers = (0..<12).map { "\"k\($0)\":0" }.joined(separator: ",")
        let wide = try #require(try parse("{\(fillers),\"\(precomposed)\":1,\"\(decomposed)\":2}").objectValue)
        #expect(wide.count == 14)
    }

    @Test("Strings keep their exact scalars; equal-looking strings are different values")
    func stringsAreNotNormalised() throws {
        let value = try parse(#"["\u0041\u030a", "\u00c5"]"#)
        let strings = try #require(value.arrayValue).compactMap { $0.stringValue }
        #expect(strings.count == 2)
        #expect(Array(strings[0].unicodeScalars) == ["A", "\u{30A}"])
        #expect(JSONValue.string(strings[0]) != JSONValue.string(strings[1]))
    }

    @Test("Depth: 64 levels are accepted, 65 are not, and very deep input fails without recursing")
    func depth() throws {
        let deep64 = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try parse(deep64) }
        let deepMillion = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        #expect(throws: JSONError.tooDeep) { try JSONReader.parse(deepMillion, limits: .general) }
    }

    @Test("Size: input over maxBytes fails before parsing, input at the limit is read")
    func sizeLimit() throws {
        let limits = JSONLimits(maxBytes: 10, maxDepth: 64, integersOnly: true)
        #expect(try JSONReader.parse(Array(#"["abcdef"]"#.utf8), limits: limits) == .array([.string("abcdef")]))
        #expect(throws: JSONError.tooLarge) { try JSONReader.parse(Array(#"["abcdefg"]"#.utf8), limits: limits) }
        // The document limit is 16 MiB: one byte more fails even if the text is otherwise fine.
        let atLimit = [UInt8(ascii: "\"")] + [UInt8](repeating: UInt8(ascii: "a"), count: (16 << 20) - 2) + [UInt8(ascii: "\"")]
        #expect(try JSONReader.parse(atLimit).stringValue?.utf8.count == (16 << 20) - 2)
        #expect(throws: JSONError.tooLarge) { try JSONReader.parse(atLimit + [0x20]) }
    }

    @Test("Errors give line, column and path; description reads as one sentence")
    func errorLocation() throws {
        let text = "{\n  \"body\": {\n    \"size\": 1.5\n  }\n}\n"
        let error = try #require(failure(text))
        #expect(error.code == .number)
        #expect(error.path == "body.size")
        #expect((error.line, error.column) == (3, 13))
        #expect(error.description == "at body.size (line 3, column 13): number 1.5 is not an integer")
    }

    @Test("Columns count characters, and CR LF and CR end lines")
    func columnsAndLineEnds() throws {
        let afterAccent = try #require(failure("[\"\u{E9}\", x]"))
        #expect((afterAccent.line, afterAccent.column) == (1, 7))
        let crlf = try #require(failure("[1,\r\n 2,\r 3 x]"))
        #expect((crlf.line, crlf.column) == (3, 4))
        let root = try #require(failure("{} x"))
        #expect(root.description.hasPrefix("at the root (line 1, column 4): "))
    }

    @Test("Error equality compares the code only")
    func errorEquality() throws {
        let first = try #require(failure(#"{"a":1,"a":2}"#))
        let second = try #require(failure(#"{"b":{"c":1,"c":2}}"#))
        #expect(first == second)
        #expect(first == .duplicateMember)
        #expect(first != .syntax)
        #expect(first.path != second.path)
    }

    @Test("Invalid UTF-8 errors say what is wrong", arguments: [
        ([0xED, 0xA0, 0x80], "surrogate"), ([0xC1, 0xBF], "overlong"), ([0xE0, 0x9F, 0xBF], "overlong"),
        ([0xF4, 0x90, 0x80, 0x80], "beyond U+10FFFF"), ([0xE2, 0x28, 0xA1], "cut short"), ([0xBF], "continuation"),
    ] as [([UInt8], String)])
    func utf8Reasons(bytes: [UInt8], word: String) throws {
        let error = try #require(throws: JSONError.self) { try JSONReader.parse([0x22, 0x61] + bytes + [0x22]) }
        #expect(error.code == .invalidUTF8)
        #expect(error.reason.contains(word), "\(error)")
        #expect(error.line == 1)
    }
}

extension JSONValue {
    var doubleValue: Double? { if case .double(let d) = self { d } else { nil } }
}
