/// The strict JSON reader (RFC 8259 grammar with the I-JSON rules of RFC 7493).
public enum JSONReader {
    /// Parses exactly one JSON text, strictly: whitespace may surround the value; anything
    /// else after it, a UTF-8 byte order mark, duplicate member names (by exact UTF-8 bytes,
    /// so "é" and "e\u{301}" are different names), invalid UTF-8, lone surrogate escapes,
    /// unescaped control characters, numbers breaking `limits`, nesting deeper than
    /// `limits.maxDepth` and inputs larger than `limits.maxBytes` are errors.
    ///
    /// Works in one pass with no quadratic step, and never recurses deeper than the depth limit.
    /// - Throws: `JSONError` naming the rule, the JSON path, the line and column.
    public static func parse(_ bytes: [UInt8], limits: JSONLimits = .document) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONError) in
            var parser = JSONParser(input: buffer, limits: limits)
            return try parser.parseDocument()
        }
    }

    /// Parses the UTF-8 bytes of `text`; see `parse(_:limits:)`.
    /// - Throws: `JSONError`.
    public static func parse(_ text: String, limits: JSONLimits = .document) throws -> JSONValue {
        try parse(Array(text.utf8), limits: limits)
    }
}
