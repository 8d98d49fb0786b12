/// Writes JSON for people and files: members in their stored order, strings escaped as in
/// RFC 8785 and, besides, every character a terminal acts on or that reorders text on screen
/// (DEL, C1 controls, line separators, bidirectional controls) as a `\u` escape, so that JSON
/// printed on a terminal (`--json`, exports) cannot carry a document's terminal controls.
/// What is signed is never these bytes but `CanonicalJSON.encode`.
public enum JSONWriter {
    /// Human-readable UTF-8 text for documents written to disk: 2-space indent, `"name": value`,
    /// members in their stored order, empty containers as `[]` and `{}`, and a trailing newline.
    ///
    /// Round trips: `JSONReader.parse(pretty(v), limits: .general) == v` for any value whose
    /// integers are within ±2^53 and whose doubles are finite (a double with an integral value
    /// is written with `.0`, so that it reads back as a double).
    public static func pretty(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        append(value, indent: 0, pretty: true, to: &output)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    /// The same text on one line with no spaces and no trailing newline, members in stored order.
    public static func compact(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(128)
        append(value, indent: 0, pretty: false, to: &output)
        return output
    }

    private static func append(_ value: JSONValue, indent: Int, pretty: Bool, to output: inout [UInt8]) {
        switch value {
        case .null, .bool, .string:
            JSONScalarWriter.append(value, to: &output, terminalSafe: true)
        case .integer(let integer):
            output.append(contentsOf: String(integer).utf8)
        case .double(let double):
            output.append(contentsOf: doubleText(double).utf8)
        case .array(let elements):
            guard !elements.isEmpty else { return output.append(contentsOf: "[]".utf8) }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { newline(indent: indent + 1, to: &output) }
                append(element, indent: indent + 1, pretty: pretty, to: &output)
            }
            if pretty { newline(indent: indent, to: &output) }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard object.count > 0 else { return output.append(contentsOf: "{}".utf8) }
            output.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { newline(indent: indent + 1, to: &output) }
                JSONStringEscaper.appendQuoted(member.name, to: &output, terminalSafe: true)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                append(member.value, indent: indent + 1, pretty: pretty, to: &output)
            }
            if pretty { newline(indent: indent, to: &output) }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(indent: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// ECMAScript form, with `.0` added where it would otherwise read back as an integer;
    /// non-finite values as `null`.
    static func doubleText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let text = ES6Number.format(value)
        let looksIntegral = !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") }
        if looksIntegral && value.magnitude <= Double(JSONNumberRange.maxSafeInteger) {
            return text + ".0"
        }
        return text
    }
}
