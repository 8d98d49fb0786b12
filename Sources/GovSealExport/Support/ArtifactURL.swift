/// An artifact download URL as an export carries it, parsed strictly (RFC 3986 characters only)
/// so that every program that later reads it (go-getter through Go's net/url, clap in ic-admin,
/// a browser) sees the same scheme, host, path and query.
///
/// Accepted: `http://` or `https://` (lowercase), a host (DNS name, IPv4 or bracketed IPv6) and
/// an optional port 1–65535, an optional path, an optional query. Refused:
/// - anything outside RFC 3986's characters: spaces, control characters, backslashes, `"<>^{|}` and
///   backquote, non-ASCII (write IRIs percent-encoded);
/// - userinfo (`user@host`), an empty host, a percent-escape that is not `%` and two hex digits;
/// - a fragment (`#`): Go's net/url drops it, and with it a checksum appended after it;
/// - an empty path segment (`//`: go-getter's subdirectory syntax) and `.`/`..` segments, plain or
///   percent-encoded (they would be resolved away);
/// - more than 100 query parameters (Go 1.24 reads none at all past 10000);
/// - `;` in the query: Go before 1.17 separates parameters on it, Go 1.17 and later drops the
///   parameter, so the two read different parameters;
/// - a query parameter whose name, percent-decoded (repeatedly) with `+` as a space and compared
///   case-insensitively, contains `checksum`: go-getter reads the first `checksum` value, so a URL
///   that brings its own would replace the blessed digest (`%63hecksum=`, `CHECKSUM=`, a bare
///   `checksum` with no value, which makes go-getter skip the check).
public struct ArtifactURL: Sendable, Equatable {
    /// The most query parameters accepted (Go 1.24's net/url drops them all past 10000).
    public static let maxQueryParameters = 100
    /// The URL as given (it is carried unchanged).
    public let text: String
    /// The raw query after `?`, or nil when the URL has no `?`.
    public let query: String?

    /// Parses `text` under the rules above; `place` names it in errors (a JSON path) and
    /// `artifact` is the artifact it belongs to.
    ///
    /// Throws `ExportError.unsafeURL` saying which part of the URL is refused.
    public init(parsing text: String, place: String, artifact: String) throws {
        func fail(_ reason: String) -> ExportError {
            ExportError(.unsafeURL, place: place, "artifact '\(artifact)': URL '\(Self.excerpt(text))': \(reason)")
        }
        let bytes = Array(text.utf8)
        guard bytes.count <= 8192 else { throw fail("longer than 8192 bytes") }
        if let bad = bytes.firstIndex(where: { !Self.isURLCharacter($0) }) {
            throw fail("the character at byte \(bad + 1) is not allowed in a URL (no spaces, control characters, backslashes or non-ASCII)")
        }
        guard !bytes.contains(UInt8(ascii: "#")) else {
            throw fail("a fragment ('#') is refused: go-getter's URL parser drops it and anything appended after it")
        }
        let rest: ArraySlice<UInt8>
        if bytes.starts(with: Array("https://".utf8)) {
            rest = bytes[8...]
        } else if bytes.starts(with: Array("http://".utf8)) {
            rest = bytes[7...]
        } else {
            throw fail("the scheme must be 'https://' or 'http://'")
        }
        let authorityEnd = rest.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) ?? rest.endIndex
        try Self.checkAuthority(rest[rest.startIndex..<authorityEnd], fail: fail)
        let afterAuthority = rest[authorityEnd...]
        let queryStart = afterAuthority.firstIndex(of: UInt8(ascii: "?"))
        try Self.checkPath(afterAuthority[afterAuthority.startIndex..<(queryStart ?? afterAuthority.endIndex)], fail: fail)
        if let queryStart {
            let query = afterAuthority[(queryStart + 1)...]
            try Self.checkQuery(query, fail: fail)
            self.query = String(decoding: query, as: UTF8.self)
        } else {
            self.query = nil
        }
        self.text = text
    }

    /// The URL with go-getter's `checksum=sha256:<hex>` parameter added as the last one.
    public func withChecksum(sha256: String) -> String {
        let parameter = "checksum=sha256:" + sha256
        switch query {
        case nil: return text + "?" + parameter
        case let query? where query.isEmpty || query.hasSuffix("&"): return text + parameter
        default: return text + "&" + parameter
        }
    }

    static func checkAuthority(_ authority: ArraySlice<UInt8>, fail: (String) -> ExportError) throws {
        guard !authority.contains(UInt8(ascii: "@")) else {
            throw fail("userinfo ('user@host') is refused: the host would not be what it seems")
        }
        var host = authority
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { throw fail("an IPv6 host lacks its ']'") }
            let inside = authority[(authority.startIndex + 1)..<close]
            guard !inside.isEmpty, inside.allSatisfy({ Self.isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else {
                throw fail("the bracketed host is not an IPv6 address")
            }
            host = authority[...close]
            try checkPort(authority[(close + 1)...], fail: fail)
        } else {
            let colon = authority.firstIndex(of: UInt8(ascii: ":")) ?? authority.endIndex
            host = authority[authority.startIndex..<colon]
            try checkPort(authority[colon...], fail: fail)
            let labels = host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard !host.isEmpty, labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63
                    && label.allSatisfy { Self.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
            }) else {
                throw fail("the host must be a DNS name, an IPv4 address or a bracketed IPv6 address")
            }
        }
    }

    /// `rest` is empty or `:` followed by a port number 1–65535.
    static func checkPort(_ rest: ArraySlice<UInt8>, fail: (String) -> ExportError) throws {
        guard !rest.isEmpty else { return }
        let digits = rest.dropFirst()
        guard rest.first == UInt8(ascii: ":"), (1...5).contains(digits.count), digits.allSatisfy(Self.isDigit),
              let port = Int(String(decoding: digits, as: UTF8.self)), (1...65535).contains(port) else {
            throw fail("the port must be a number from 1 to 65535")
        }
    }

    static func checkPath(_ path: ArraySlice<UInt8>, fail: (String) -> ExportError) throws {
        guard !path.isEmpty else { return }
        guard !path.contains(UInt8(ascii: "[")) && !path.contains(UInt8(ascii: "]")) else {
            throw fail("'[' and ']' are allowed only around an IPv6 host")
        }
        let segments = path.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            if segment.isEmpty {
                guard index == segments.count - 1 else {  // only a trailing '/' leaves an empty segment
                    throw fail("an empty path segment ('//') is refused: go-getter reads it as a subdirectory")
                }
                continue
            }
            let decoded = try PercentDecoding.decode(segment, plusIsSpace: false).get(or: fail)
            guard decoded != Array(".".utf8), decoded != Array("..".utf8) else {
                throw fail("a '.' or '..' path segment is refused")
            }
        }
    }

    static func checkQuery(_ query: ArraySlice<UInt8>, fail: (String) -> ExportError) throws {
        guard !query.contains(UInt8(ascii: ";")) else {
            throw fail("';' in the query is refused: Go's URL parsers disagree on whether it separates parameters")
        }
        guard !query.contains(UInt8(ascii: "[")) && !query.contains(UInt8(ascii: "]")) else {
            throw fail("'[' and ']' are allowed only around an IPv6 host")
        }
        let parameters = query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true)
        guard parameters.count <= maxQueryParameters else {
            throw fail("more than \(maxQueryParameters) query parameters (Go ignores every parameter past its own limit)")
        }
        for parameter in parameters {
            let rawName = parameter.prefix(while: { $0 != UInt8(ascii: "=") })
            var name = try PercentDecoding.decode(rawName, plusIsSpace: true).get(or: fail)
            _ = try PercentDecoding.decode(parameter.dropFirst(rawName.count), plusIsSpace: true).get(or: fail)
            for _ in 0..<8 {  // %2563 → %63 → c: refuse every spelling that decodes to checksum
                guard let again = try? PercentDecoding.decode(name[...], plusIsSpace: true).get(), again != name else { break }
                name = again
            }
            let folded = String(decoding: name, as: UTF8.self).lowercased()
            if folded.contains("checksum") {
                throw fail("the query already has a parameter '\(String(decoding: rawName, as: UTF8.self))' that reads as 'checksum'; "
                           + "go-getter would check the download against it instead of the blessed digest")
            }
        }
    }

    static func excerpt(_ text: String) -> String {
        let visible = String(String.UnicodeScalarView(text.unicodeScalars.prefix(120).map { ExportText.isUnsafe($0) ? "?" : $0 }))
        return text.unicodeScalars.count > 120 ? visible + "…" : visible
    }

    /// RFC 3986 `unreserved`, `reserved` and `%`.
    static func isURLCharacter(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || Array("-._~:/?#[]@!$&'()*+,;=%".utf8).contains(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
    }
    static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}

/// Percent-decoding as Go's `url.QueryUnescape` (`plusIsSpace`) and `url.PathUnescape` do it: `%`
/// must be followed by two hex digits.
enum PercentDecoding {
    struct InvalidEscape: Error {}

    static func decode(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool) -> Result<[UInt8], InvalidEscape> {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else {
                    return .failure(InvalidEscape())
                }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? 0x20 : byte)
                index += 1
            }
        }
        return .success(out)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}

extension Result where Failure == PercentDecoding.InvalidEscape {
    /// The value, or the error `fail` makes for an invalid percent-escape.
    func get(or fail: (String) -> ExportError) throws -> Success {
        guard case .success(let value) = self else {
            throw fail("a '%' is not followed by two hex digits")
        }
        return value
    }
}
