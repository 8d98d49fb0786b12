/// Text made safe to show on a terminal.
///
/// Titles, builder names, artifact names, labels, contact values, URLs and error messages that
/// quote a document all come from files an attacker may write. A terminal acts on some
/// characters instead of showing them: ESC starts a control sequence (erase the line, move the
/// cursor, recolour), CR and backspace return over text already printed, a newline starts a line
/// that looks like govseal's own, and Unicode bidirectional overrides reorder what is shown.
/// Every human-readable line govseal prints goes through `escape(_:)`, so a document can never
/// erase or fake another document's verdict. (`--json` output is exact JSON instead: its writer
/// escapes control characters as JSON requires.)
public enum TerminalText {
    /// Returns `text` with every character a terminal could act on replaced by a visible escape:
    /// `\n`, `\r`, `\t`, and `\u{XX}` for the other C0 controls, DEL, the C1 controls
    /// (U+0080–U+009F), the line and paragraph separators (U+2028, U+2029) and the bidirectional
    /// marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069). Everything else, backslashes included, is kept, so escaping twice gives
    /// the same text as escaping once.
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            let visible: String
            switch scalar.value {
            case 0x0A: visible = "\\n"
            case 0x0D: visible = "\\r"
            case 0x09: visible = "\\t"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                visible = "\\u{" + String(repeating: "0", count: max(0, 2 - hex.count)) + hex + "}"
            }
            out.append(contentsOf: visible.unicodeScalars)
        }
        return String(out)
    }

    /// True for the characters `escape(_:)` replaces.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
