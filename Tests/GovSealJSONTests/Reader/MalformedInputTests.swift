import GovSealJSON
import Testing

/// One malformed input, the error code it must give and the path it must name.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    let id: String
    let bytes: [UInt8]
    let limits: JSONLimits
    let code: JSONError.Code
    let path: String

    init(_ id: String, _ text: String, _ code: JSONError.Code, at path: String = "", limits: JSONLimits = .document) {
        self.init(id, Array(text.utf8), code, at: path, limits: limits)
    }

    init(_ id: String, _ bytes: [UInt8], _ code: JSONError.Code, at path: String = "", limits: JSONLimits = .document) {
        self.id = id
        self.bytes = bytes
        self.limits = limits
        self.code = code
        self.path = path
    }

    var testDescription: String { id }
}

/// `"` + bytes + `"` wrapped as the value of member `s`.
private func member(_ raw: [UInt8]) -> [UInt8] { Array(#"{"s":""#.utf8) + raw + Array(#""}"#.utf8) }

private let nested65 = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
private let path64 = String(repeating: "[0]", count: 64)
private let wideObject = "{" + (0..<20).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + #","k3":0}"#

@Suite("Malformed input")
struct MalformedInputTests {
    static let cases: [MalformedCase] = [
        // Duplicate member names, compared by exact bytes.
        .init("duplicate nested", #"{"a":{"b":1,"b":2}}"#, .duplicateMember, at: "a.b"),
        .init("duplicate at root", #"{"x":1,"y":2,"x":3}"#, .duplicateMember, at: "x"),
        .init("duplicate via escape", #"{"a":1,"\u0061":2}"#, .duplicateMember, at: "a"),
        .init("duplicate in a wide object", wideObject, .duplicateMember, at: "k3"),
        .init("duplicate non-identifier name", #"{"list":[{"a b":1,"a b":2}]}"#, .duplicateMember, at: #"list[0]["a b"]"#),
        .init("duplicate decomposed name", "{\"e\u{301}\":1,\"e\\u0301\":2}", .duplicateMember, at: "[\"e\u{301}\"]"),
        // Invalid UTF-8.
        .init("lone continuation byte", member([0x80]), .invalidUTF8, at: "s"),
        .init("overlong 2-byte", member([0xC0, 0xAF]), .invalidUTF8, at: "s"),
        .init("overlong 3-byte", member([0xE0, 0x80, 0xAF]), .invalidUTF8, at: "s"),
        .init("overlong 4-byte", member([0xF0, 0x80, 0x80, 0xAF]), .invalidUTF8, at: "s"),
        .init("UTF-8 encoded surrogate", member([0xED, 0xA0, 0x80]), .invalidUTF8, at: "s"),
        .init("beyond U+10FFFF", member([0xF4, 0x90, 0x80, 0x80]), .invalidUTF8, at: "s"),
        .init("byte 0xF5", member([0xF5, 0x80, 0x80, 0x80]), .invalidUTF8, at: "s"),
        .init("byte 0xFF", member([0xFF]), .invalidUTF8, at: "s"),
        .init("truncated before quote", member([0xE2, 0x82]), .invalidUTF8, at: "s"),
        .init("truncated at end of input", [0x22, 0xE2, 0x82], .invalidUTF8),
        .init("invalid byte in a name", [0x7B, 0x22, 0xFE, 0x22, 0x3A, 0x31, 0x7D], .invalidUTF8),
        .init("invalid byte outside strings", [0x5B, 0x31, 0x2C, 0xFF, 0x5D], .invalidUTF8, at: "[1]"),
        // Surrogate escapes.
        .init("lone high surrogate", #""\ud800""#, .loneSurrogate),
        .init("lone low surrogate", #"["\udc00"]"#, .loneSurrogate, at: "[0]"),
        .init("high surrogate then BMP escape", #"{"s":"\ud800\u0041"}"#, .loneSurrogate, at: "s"),
        .init("high surrogate then text", #""\uD83Dx""#, .loneSurrogate),
        .init("two high surrogates", #""\ud83d\ud83d""#, .loneSurrogate),
        // Numbers in documents.
        .init("fraction in integers-only", #"{"body":{"release":{"artifacts":[{},{},{"size":1.5}]}}}"#, .number,
              at: "body.release.artifacts[2].size"),
        .init("integral fraction 1.0", "[1.0]", .number, at: "[0]"),
        .init("exponent 1e2", #"{"n":1e2}"#, .number, at: "n"),
        .init("negative zero", "-0", .number),
        .init("2^53 + 1", "9007199254740993", .number),
        .init("-(2^53 + 1)", #"{"n":-9007199254740993}"#, .number, at: "n"),
        .init("twenty digits", "[12345678901234567890]", .number, at: "[0]"),
        .init("overflow to infinity", #"{"big":1e400}"#, .number, at: "big", limits: .general),
        .init("negative overflow", "-1.5e999", .number, limits: .general),
        // Number grammar.
        .init("leading zero", #"{"n":01}"#, .syntax, at: "n"),
        .init("negative leading zero", "-012", .syntax),
        .init("leading zero in general mode", "00", .syntax, limits: .general),
        .init("plus sign", "+1", .syntax),
        .init("bare fraction", "[.5]", .syntax, at: "[0]"),
        .init("trailing point", "1.", .syntax, limits: .general),
        .init("empty exponent", "1e+", .syntax, limits: .general),
        .init("minus alone", "-", .syntax),
        .init("minus then letter", "-a", .syntax),
        .init("hex number", "0x10", .trailingData),
        .init("NaN", "NaN", .syntax),
        .init("Infinity", "[Infinity]", .syntax, at: "[0]"),
        // Nesting.
        .init("depth 65 arrays", nested65, .tooDeep, at: path64),
        .init("depth 65 objects", String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65), .tooDeep,
              at: Array(repeating: "a", count: 64).joined(separator: ".")),
        .init("depth 3 with limit 2", #"{"a":[[1]]}"#, .tooDeep, at: "a[0]",
              limits: JSONLimits(maxBytes: 100, maxDepth: 2, integersOnly: true)),
        // Structure.
        .init("trailing comma in array", "[1,2,]", .syntax, at: "[2]"),
        .init("trailing comma in object", #"{"a":1,}"#, .syntax),
        .init("missing comma", "[1 2]", .syntax),
        .init("missing colon", #"{"a" 1}"#, .syntax),
        .init("unquoted name", "{a:1}", .syntax),
        .init("single quotes", "{'a':1}", .syntax),
        .init("unclosed array", #"{"a":[1"#, .syntax, at: "a"),
        .init("unclosed object", #"{"a":1"#, .syntax),
        .init("byte order mark", [0xEF, 0xBB, 0xBF] + Array("{}".utf8), .syntax),
        .init("empty input", "", .syntax),
        .init("whitespace only", " \n\t", .syntax),
        .init("comment", "// x\n1", .syntax),
        .init("form feed is not whitespace", "\u{0C}1", .syntax),
        .init("truncated literal", "[tru]", .syntax, at: "[0]"),
        .init("capitalised literal", "True", .syntax),
        // Trailing data.
        .init("trailing garbage", "{} x", .trailingData),
        .init("two values", "1 2", .trailingData),
        .init("literal with suffix", "nulls", .trailingData),
        .init("extra bracket", "[1]]", .trailingData),
        .init("trailing NUL", "{}\u{0}", .trailingData),
        // Strings.
        .init("unterminated string", #"{"a":"abc"#, .syntax, at: "a"),
        .init("unterminated name", #"{"abc"#, .syntax),
        .init("raw tab in string", "[\"a\tb\"]", .controlCharacter, at: "[0]"),
        .init("raw newline in string", "{\"s\":\"a\nb\"}", .controlCharacter, at: "s"),
        .init("raw NUL in name", [0x7B, 0x22, 0x00, 0x22, 0x3A, 0x31, 0x7D], .controlCharacter),
        .init("bad hex digit", #""\u00G0""#, .syntax),
        .init("short unicode escape", #"["\u12"]"#, .syntax, at: "[0]"),
        .init("escape cut by end", #""\u00"#, .syntax),
        .init("unknown escape", #""\x41""#, .syntax),
        .init("escaped single quote", #""\'""#, .syntax),
        .init("backslash at end", #""\"#, .syntax),
    ]

    @Test("Each malformed input gives its code and path", arguments: cases)
    func rejects(_ testCase: MalformedCase) {
        do {
            let value = try JSONReader.parse(testCase.bytes, limits: testCase.limits)
            Issue.record("accepted as \(value)")
        } catch let error as JSONError {
            #expect(error.code == testCase.code, "\(error)")
            #expect(error.path == testCase.path, "\(error)")
            #expect(error.line >= 1 && error.column >= 1)
            #expect(!error.reason.isEmpty)
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    @Test("The table covers every error code except tooLarge, which has its own test")
    func tableCoversCodes() {
        let codes = Set(Self.cases.map(\.code.rawValue))
        #expect(codes == ["syntax", "duplicateMember", "invalidUTF8", "loneSurrogate", "number", "tooDeep",
                          "controlCharacter", "trailingData"])
    }
}
