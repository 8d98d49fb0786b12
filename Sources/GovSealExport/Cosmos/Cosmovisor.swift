import GovSealJSON

/// The upgrade `Plan.info` format cosmovisor reads to auto-download binaries
/// (cosmos-sdk tools/cosmovisor/README.md, "Auto-Download"): a JSON object
/// `{"binaries": {"<os>/<arch>": "<url>?checksum=sha256:<hex>"}}`, where go-getter checks the
/// downloaded file against the `checksum` query parameter before cosmovisor runs it.
public enum Cosmovisor {
    /// The `info` string for these binaries: compact JSON (the README asks for no spaces),
    /// platforms in the order given, each URL carrying its artifact's SHA-256.
    public static func planInfo(_ binaries: [(platform: String, url: String, sha256: String)]) -> String {
        let members = binaries.map { ($0.platform, JSONValue.string(checksumURL($0.url, sha256: $0.sha256))) }
        let info = JSONValue.object(JSONObject([("binaries", .object(JSONObject(members)))]))
        return String(decoding: JSONWriter.compact(info), as: UTF8.self)
    }

    /// `url` with go-getter's `checksum=sha256:<hex>` query parameter appended (`?`, or `&`
    /// when the URL already has a query).
    public static func checksumURL(_ url: String, sha256: String) -> String {
        url + (url.contains("?") ? "&" : "?") + "checksum=sha256:" + sha256
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

    /// Checks an artifact URL before a checksum is appended: no fragment (go-getter would
    /// drop what follows `#`) and no checksum of its own.
    static func validateURL(_ url: String, artifact: String) throws {
        guard !url.contains("#") else {
            throw ExportError(.incompleteArtifact, place: "artifact '\(artifact)'", "its URL '\(url)' has a fragment ('#')")
        }
        guard !url.contains("checksum=") else {
            throw ExportError(.incompleteArtifact, place: "artifact '\(artifact)'", "its URL '\(url)' already carries a checksum parameter")
        }
    }
}
