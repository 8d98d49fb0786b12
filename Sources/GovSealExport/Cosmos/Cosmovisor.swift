import GovSealJSON

/// The upgrade `Plan.info` format cosmovisor reads to auto-download binaries
/// (cosmos-sdk tools/cosmovisor/README.md, "Auto-Download"): a JSON object
/// `{"binaries": {"<os>/<arch>": "<url>?checksum=sha256:<hex>"}}`, where go-getter checks the
/// downloaded file against the `checksum` query parameter before cosmovisor runs it.
public enum Cosmovisor {
    /// One platform's binary: its artifact, its download URL (parsed strictly) and blessed SHA-256.
    public struct Binary: Sendable {
        public let platform: String
        public let url: ArtifactURL
        public let sha256: String

        public init(platform: String, url: ArtifactURL, sha256: String) {
            self.platform = platform
            self.url = url
            self.sha256 = sha256
        }
    }

    /// The `info` string for these binaries: compact JSON (the README asks for no spaces),
    /// platforms in the order given, each URL carrying its artifact's SHA-256.
    ///
    /// The result is read back with `CosmovisorReader` (as cosmovisor and go-getter read it);
    /// throws `ExportError.readBackMismatch` unless every platform would be checked against
    /// exactly its blessed digest.
    public static func planInfo(_ binaries: [Binary]) throws -> String {
        let members = binaries.map { ($0.platform, JSONValue.string($0.url.withChecksum(sha256: $0.sha256))) }
        let info = JSONValue.object(JSONObject([("binaries", .object(JSONObject(members)))]))
        let text = String(decoding: JSONWriter.compact(info), as: UTF8.self)
        try CosmovisorReader.requireBlessedDigests(text, expected: binaries.map { ($0.platform, $0.sha256) })
        return text
    }

    /// Checks a platform key: Go's `GOOS/GOARCH` form as cosmovisor looks it up
    /// (`linux/amd64`, `darwin/arm64`): lowercase letters and digits on both sides of one `/`.
    ///
    /// Throws `ExportError.invalidOption` naming `option`.
    public static func validatePlatform(_ text: String, option: String = "--platform") throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let valid = parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) }
        }
        guard valid else {
            throw ExportError(.invalidOption, place: option, "'\(text)' is not an os/arch platform such as linux/amd64")
        }
    }
}
