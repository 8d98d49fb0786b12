import GovSealChains
import GovSealJSON

/// Value rules shared by the bodies: chain ids, file names, relative paths, URLs.
enum Validate {
    static func chain(_ text: String, path: String) throws -> String {
        do {
            _ = try ChainID(parsing: text)
        } catch {
            throw DocumentError(.invalidValue, path: path, String(describing: error))
        }
        return text
    }

    /// A plain file name: no `/`, not `.` or `..`, at most 255 bytes, and none of the characters
    /// a terminal acts on or that reorder text (`TerminalText.needsEscape`: C0 and C1 controls, DEL,
    /// line separators, bidirectional controls), so that every export (SHA256SUMS, summaries) can
    /// carry the name as it is.
    static func artifactName(_ name: String, path: String) throws -> String {
        let bytes = Array(name.utf8)
        guard bytes.count <= 255 else {
            throw DocumentError(.invalidValue, path: path, "artifact name longer than 255 bytes")
        }
        guard name != ".", name != "..", !bytes.contains(0x2f), !name.unicodeScalars.contains(where: TerminalText.needsEscape) else {
            throw DocumentError(.invalidValue, path: path,
                                "artifact name '\(name)' must be a plain file name (no '/', '..', control or bidirectional characters)")
        }
        return name
    }

    /// A path relative to the source root that cannot leave it by its text: not absolute, no
    /// `..`, `.` or empty components, no control characters. (Symbolic links are checked at rebuild.)
    static func relativePath(_ text: String, path: String) throws -> String {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.first != 0x2f else {
            throw DocumentError(.invalidValue, path: path, "output path '\(text)' must be relative to the source root")
        }
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7f }) else {
            throw DocumentError(.invalidValue, path: path, "output path contains a control character")
        }
        for component in text.split(separator: "/", omittingEmptySubsequences: false) {
            guard !component.isEmpty, component != ".", component != ".." else {
                throw DocumentError(.invalidValue, path: path,
                                    "output path '\(text)' may not contain '..', '.' or empty components")
            }
        }
        return text
    }

    static func url(_ value: JSONValue, path: String) throws -> String {
        let text = try FieldReader.string(value, path: path, maxLength: 8192)
        guard !text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7f }), text.contains(":") else {
            throw DocumentError(.invalidValue, path: path, "'\(text.prefix(60))' is not a URL")
        }
        return text
    }
}

extension Validate {
    /// `sha256:` followed by 64 lowercase hex digits.
    static func proposalID(_ text: String, path: String) throws -> String {
        guard text.hasPrefix("sha256:") else {
            throw DocumentError(.invalidValue, path: path, "a proposal id is 'sha256:' followed by 64 lowercase hex digits")
        }
        try FieldReader.checkHex(String(text.dropFirst(7)), lengths: [32], path: path)
        return text
    }
}
