import GovSealDocuments

/// SHA256SUMS files as GNU coreutils `sha256sum` writes them and `sha256sum -c` checks them:
/// one `<64 hex digits><two spaces, or space and '*'><file name>` line per file.
public enum SHA256SUMS {
    /// The SHA256SUMS text of a blessing's artifacts, in the blessing's order: `<hex>  <name>\n`.
    ///
    /// A name holding a backslash is written the way GNU `sha256sum` writes it: the line starts
    /// with `\` and the backslash is doubled. A name that `sha256sum -c` could read as another
    /// file or another line (a newline, a carriage return, any control character, a `/`, `.` or
    /// `..`, empty or over 255 bytes) is refused rather than escaped.
    ///
    /// Throws `ExportError.unsafeText` naming the artifact.
    public static func text(for blessing: Blessing) throws -> [UInt8] {
        var out: [UInt8] = []
        for (index, artifact) in blessing.artifacts.enumerated() {
            let name = Array(artifact.name.utf8)
            if let problem = nameProblem(name) {
                throw ExportError(.unsafeText, place: "body.release.artifacts[\(index)].name",
                                  "artifact '\(ArtifactURL.excerpt(artifact.name))': \(problem); sha256sum -c would not read it as this file")
            }
            if name.contains(0x5c) {
                out.append(0x5c)
                out += Array(artifact.sha256.utf8) + Array("  ".utf8)
                for byte in name { out += byte == 0x5c ? [0x5c, 0x5c] : [byte] }
            } else {
                out += Array(artifact.sha256.utf8) + Array("  ".utf8) + name
            }
            out.append(0x0a)
        }
        return out
    }

    /// The SHA256SUMS text of a document, which must be a blessing.
    ///
    /// Throws `ExportError.unsupportedDocument` for other types, `.unsafeText` for a name it
    /// cannot write safely, `DocumentError` for a malformed blessing body.
    public static func text(for document: Document) throws -> [UInt8] {
        try text(for: try ExportBody.blessing(document, format: "sha256sums"))
    }

    /// Why `name` is not a plain file name that a SHA256SUMS line can carry, or nil when it is.
    /// One rule for writing and for reading.
    static func nameProblem(_ name: [UInt8]) -> String? {
        guard !name.isEmpty else { return "the file name is empty" }
        guard name.count <= 255 else { return "the file name is longer than 255 bytes" }
        guard let text = String(validating: name, as: UTF8.self) else { return "the file name is not valid UTF-8" }
        guard text != ".", text != "..", !name.contains(0x2f) else { return "'\(text)' is not a plain file name (no '/', '.' or '..')" }
        // C1 controls (U+009B is CSI) and bidirectional overrides reach the terminal through
        // `sha256sum -c`'s "NAME: OK" lines just as ESC would.
        if let found = ExportText.firstUnsafe(text) { return "the file name contains the control or layout character \(found)" }
        return nil
    }

    /// Parses a SHA256SUMS file strictly, returning each `(name, sha256)` in file order with
    /// the digest in lowercase.
    ///
    /// Each line is 64 hex digits (either case), then two spaces (text mode) or a space and
    /// `*` (binary mode), then a plain file name: no `/`, not `.` or `..`, no control
    /// characters, valid UTF-8, at most 255 bytes. A line starting with `\` uses
    /// `sha256sum`'s escapes (`\\`, `\n`). Every line ends with a newline except possibly the
    /// last; blank lines, CR line endings, duplicate names and an empty file are errors.
    ///
    /// Throws `ExportError.malformedChecksums` whose place is `FILE:LINE`.
    public static func parse(_ text: [UInt8], file: String) throws -> [(name: String, sha256: String)] {
        var entries: [(name: String, sha256: String)] = []
        var firstLine: [String: Int] = [:]
        var lines = text.split(separator: 0x0a, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }  // the final newline
        guard !lines.isEmpty else {
            throw ExportError(.malformedChecksums, place: file, "no checksum lines")
        }
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let entry = try parseLine(Array(line), place: "\(file):\(number)")
            if let first = firstLine[entry.name] {
                throw ExportError(.malformedChecksums, place: "\(file):\(number)",
                                  "'\(entry.name)' is listed again (first on line \(first))")
            }
            firstLine[entry.name] = number
            entries.append(entry)
        }
        return entries
    }

    static func parseLine(_ line: [UInt8], place: String) throws -> (name: String, sha256: String) {
        func fail(_ reason: String) -> ExportError { ExportError(.malformedChecksums, place: place, reason) }
        guard !line.isEmpty else { throw fail("blank line") }
        var rest = line[...]
        let escaped = rest.first == 0x5c
        if escaped { rest = rest.dropFirst() }
        if rest.starts(with: Array("SHA256 (".utf8)) {
            throw fail("BSD-style 'SHA256 (name) = digest' lines are not supported; expected '<digest>  <name>'")
        }
        let digest = rest.prefix(64)
        guard digest.count == 64, digest.allSatisfy(isHexDigit) else {
            let digits = rest.prefix(while: isHexDigit).count
            throw fail(digits == 0 ? "expected 64 hex digits at the start of the line"
                                   : "expected 64 hex digits, found \(digits)")
        }
        rest = rest.dropFirst(64)
        guard rest.count >= 2, rest.first == 0x20, rest.dropFirst().first == 0x20 || rest.dropFirst().first == 0x2a else {
            throw fail("expected two spaces (or ' *') between the digest and the name")
        }
        var nameBytes = Array(rest.dropFirst(2))
        if escaped { nameBytes = try unescape(nameBytes, fail: fail) }
        if nameBytes.last == 0x0d { throw fail("the line ends with a carriage return (CRLF line endings are not accepted)") }
        if let problem = nameProblem(nameBytes) { throw fail(problem) }
        return (String(decoding: nameBytes, as: UTF8.self), String(decoding: digest, as: UTF8.self).lowercased())
    }

    static func unescape(_ bytes: [UInt8], fail: (String) -> ExportError) throws -> [UInt8] {
        var out: [UInt8] = []
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            guard byte == 0x5c else { out.append(byte); continue }
            switch iterator.next() {
            case 0x5c: out.append(0x5c)
            case 0x6e: out.append(0x0a)
            default: throw fail("unknown escape in the file name (a line starting with '\\' allows only \\\\ and \\n)")
            }
        }
        return out
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
