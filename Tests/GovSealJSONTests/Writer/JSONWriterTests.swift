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

    @Test("Canonical strings are escaped as in RFC 8785: short escapes, \\u00xx for other controls, the rest literal")
    func escaping() {
        let string = "\u{8}\u{9}\u{A}\u{C}\u{D}\u{0}\u{1F}\u{7F}/\\\"\u{80}\u{2028}\u{1F600}"
        let expected = "\"\\b\\t\\n\\f\\r\\u0000\\u001f\u{7F}/\\\\\\\"\u{80}\u{2028}\u{1F600}\""
        #expect(CanonicalJSON.encode(.string(string)).text == expected)
        // What people read (files, --json, exports) also escapes what a terminal would act on.
        let readable = "\"\\b\\t\\n\\f\\r\\u0000\\u001f\\u007f/\\\\\\\"\\u0080\\u2028\u{1F600}\""
        #expect(JSONWriter.compact(.string(string)).text == readable)
    }

    /// Red team (issue 12): `verify --json`, `status --json`, `key show --json` and `export cosmos`
    /// print JSONWriter's text on a terminal; a document's C1 control (U+009B is CSI on xterm),
    /// line separator or bidirectional override must reach it as a `\\u` escape, never raw.
    @Test("JSONWriter escapes DEL, C1 controls, line separators and bidirectional characters as \\u escapes; the value is unchanged",
          arguments: ["\u{7F}", "\u{85}", "\u{9B}2J", "\u{61C}", "\u{200E}", "\u{200F}", "\u{2028}", "\u{2029}", "\u{202A}", "\u{202E}",
                      "\u{2066}", "\u{2069}"])
    func terminalControlsEscaped(control: String) throws {
        let value = JSONValue.object(JSONObject([("title", .string("a" + control + "b\u{E9}\u{1F600}"))]))
        for text in [JSONWriter.compact(value), JSONWriter.pretty(value)] {
            #expect(!String(decoding: text, as: UTF8.self).unicodeScalars.contains { (0x7F...0x9F).contains($0.value)
                || [0x61C, 0x200E, 0x200F, 0x2028, 0x2029].contains($0.value) || (0x202A...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value) }, "\(text.text)")
            #expect(try JSONReader.parse(text, limits: .general) == value)
        }
        // The signed bytes are RFC 8785's, untouched.
        #expect(CanonicalJSON.encode(value).text.contains(control))
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
