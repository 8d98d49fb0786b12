import GovSealJSON
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
    static let sample = JSONValue.object(JSONObject([
        ("name", .string("govseal \"1\"\n")),
        ("list", .array([.integer(1), .integer(-2), .null])),
        ("empty", .object(JSONObject())),
        ("none", .array([])),
        ("nested", .object(JSONObject([("ok", .bool(true))]))),
    ]))

    @Test("Pretty form: 2-space indent, stored member order, trailing newline")
    func pretty() {
        let expected = """
            {
              "name": "govseal \\"1\\"\\n",
              "list": [
                1,
                -2,
                null
              ],
              "empty": {},
              "none": [],
              "nested": {
                "ok": true
              }
            }

            """
        #expect(JSONWriter.pretty(Self.sample).text == expected)
    }

    @Test("Compact form: one line, no spaces, stored member order")
    func compact() {
        #expect(JSONWriter.compact(Self.sample).text
            == #"{"name":"govseal \"1\"\n","list":[1,-2,null],"empty":{},"none":[],"nested":{"ok":true}}"#)
    }

    @Test("Strings are escaped as in RFC 8785: short escapes, \\u00xx for other controls, the rest literal")
    func escaping() {
        let string = "\u{8}\u{9}\u{A}\u{C}\u{D}\u{0}\u{1F}\u{7F}/\\\"\u{80}\u{2028}\u{1F600}"
        let expected = "\"\\b\\t\\n\\f\\r\\u0000\\u001f\u{7F}/\\\\\\\"\u{80}\u{2028}\u{1F600}\""
        #expect(JSONWriter.compact(.string(string)).text == expected)
        #expect(CanonicalJSON.encode(.string(string)).text == expected)
    }

    @Test("Doubles with integral values keep a fraction so they read back as doubles", arguments: [
        1.0, -0.0, 0.0, 56.0, 9007199254740992.0, 1e20, 1e21, 0.5, -1e-7,
    ])
    func doublesRoundTrip(value: Double) throws {
        let text = JSONWriter.compact(.double(value))
        let read = try JSONReader.parse(text, limits: .general)
        #expect(read == .double(value), "\(text.text)")
        #expect(read.doubleValue?.sign == value.sign)
    }

    @Test("Pretty output of a document reads back under document limits")
    func documentRoundTrip() throws {
        #expect(try JSONReader.parse(JSONWriter.pretty(Self.sample)) == Self.sample)
    }
}
