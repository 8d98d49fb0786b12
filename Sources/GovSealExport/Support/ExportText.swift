/// Checks on text that a document carries into an exported file, where a character could change
/// what the file says to the program or the person reading it.
enum ExportText {
    /// Characters refused in one line of exported text: C0 controls (newline, CR, ESC, backspace,
    /// NUL, ...), DEL, C1 controls, the Unicode line and paragraph separators, and the
    /// bidirectional overrides and isolates that reorder text on screen ("Trojan Source").
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1f, 0x7f...0x9f, 0x2028, 0x2029, 0x202a...0x202e, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The first refused character of `text` as `U+XXXX`, or nil; `allowing` lists characters
    /// accepted anyway (a summary keeps its newlines and tabs).
    static func firstUnsafe(_ text: String, allowing: Set<Unicode.Scalar> = []) -> String? {
        guard let scalar = text.unicodeScalars.first(where: { isUnsafe($0) && !allowing.contains($0) }) else { return nil }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Throws `ExportError.unsafeText` at `place` when `text` is not one plain line.
    static func requireLine(_ text: String, place: String, what: String) throws {
        if let found = firstUnsafe(text) {
            throw ExportError(.unsafeText, place: place, "the \(what) holds the control or layout character \(found); refused")
        }
    }

    /// Throws `ExportError.unsafeText` at `place` when `text` holds a refused character other
    /// than a newline or a tab.
    static func requireParagraphs(_ text: String, place: String, what: String) throws {
        if let found = firstUnsafe(text, allowing: ["\n", "\t"]) {
            throw ExportError(.unsafeText, place: place, "the \(what) holds the control or layout character \(found); refused")
        }
    }
}
