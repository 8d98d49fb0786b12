/// Checks on commit ids and refs before they reach git's command line.
enum GitReference {
    /// The longest ref text accepted.
    static let maximumLength = 1024

    /// Throws `.invalidReference` unless `ref` is safe to pass to git as a revision: non-empty, at
    /// most 1024 bytes, no leading "-" (so it can never be read as an option), no whitespace,
    /// control characters or NUL.
    static func validate(_ ref: String) throws {
        guard !ref.isEmpty else { throw SourceError(.invalidReference, "empty commit or ref") }
        guard !ref.hasPrefix("-") else {
            throw SourceError(.invalidReference, "ref '\(ref)' starts with '-' and could be taken as an option; refused")
        }
        guard ref.utf8.count <= maximumLength else {
            throw SourceError(.invalidReference, "ref '\(ref.prefix(40))…' is longer than \(maximumLength) bytes")
        }
        if let bad = ref.unicodeScalars.first(where: { $0.value < 0x21 || $0.value == 0x7f || $0.properties.isWhitespace }) {
            throw SourceError(.invalidReference, "ref '\(ref.debugDescription.dropFirst().dropLast())' contains U+\(String(bad.value, radix: 16, uppercase: true)); refused")
        }
    }

    /// True when `text` is a full lowercase object id of `format`.
    static func isFullID(_ text: String, format: GitObjectFormat) -> Bool {
        text.utf8.count == format.idHexLength && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
