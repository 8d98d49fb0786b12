import GovSealDocuments

/// Checks on text that a document carries into an exported file, where a character could change
/// what the file says to the program or the person reading it.
enum ExportText {
    /// Characters refused in one line of exported text: exactly those a terminal report escapes
    /// (`TerminalText.needsEscape`): C0 controls (newline, CR, ESC, backspace, NUL, ...), DEL, C1
    /// controls (U+009B is CSI on many terminals), the Unicode line and paragraph separators, and
    /// the bidirectional marks, overrides and isolates that reorder text on screen ("Trojan Source").
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.needsEscape(scalar)
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

    /// Throws `ExportError.unsafeText` at the first of the blessing's texts that an export carries
    /// to people (a proposal title and summary, a summary file) and that is not plain: the title,
    /// repository, version, embargo reason and artifact names must be one plain line each, the
    /// summary may also hold newlines and tabs.
    static func requireBlessingText(_ blessing: Blessing) throws {
        try requireLine(blessing.title, place: "body.title", what: "title")
        try requireParagraphs(blessing.summary, place: "body.summary", what: "summary")
        try requireLine(blessing.source.repository, place: "body.release.source.repository", what: "repository")
        if let version = blessing.version { try requireLine(version, place: "body.release.version", what: "version") }
        if let embargo = blessing.embargo { try requireLine(embargo.reason, place: "body.embargo.reason", what: "embargo reason") }
        for (index, artifact) in blessing.artifacts.enumerated() {
            try requireLine(artifact.name, place: "body.release.artifacts[\(index)].name", what: "artifact name")
        }
    }
}
