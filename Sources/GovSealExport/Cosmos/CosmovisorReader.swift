import GovSealEncoding
import GovSealJSON

/// Reads a `plan.info` string back the way the programs that act on it read it, independently of
/// how govseal wrote it, so that an export is refused unless they would check exactly the blessed
/// digests. What it relies on (sources read for this):
/// - cosmos-sdk x/upgrade/plan/info.go `ParseInfo`: `info` is JSON unmarshalled into
///   `struct { Binaries map[string]string \`json:"binaries"\` }` (Go's encoding/json matches the
///   member name case-insensitively); downloader.go `DownloadUpgrade`/`getFile` hand the URL to a
///   go-getter `Client` (`XTerraformGetDisabled`), and `ValidateURL` reads
///   `url.Query().Get("checksum")`.
/// - hashicorp/go-getter client.go and checksum.go `extractChecksum`: `u.Query().Get("checksum")`,
///   i.e. Go net/url `ParseQuery` and the FIRST value of the parameter named exactly `checksum`;
///   an empty value means no check at all; `type:value` split at the first `:`, the type
///   lowercased (`file:` fetches a checksum file), the value hex-decoded; without `:` the type is
///   guessed from the length.
/// - Go net/url: the fragment is cut at the first `#`, the query at the first `?`; `ParseQuery`
///   splits on `&` (and also on `;` before Go 1.17; since 1.17 a piece holding `;` is dropped),
///   skips a piece whose `url.QueryUnescape` fails, `+` decodes to a space; since Go 1.24 a query of
///   more than `urlmaxqueryparams` (10000) parameters yields none.
public enum CosmovisorReader {
    /// What go-getter would check a download from one URL against.
    public struct Checksum: Sendable, Equatable {
        /// The hash go-getter would use (`sha256`, `sha512`, `md5`, `sha1`; `file` for a checksum file).
        public let type: String
        /// The digest bytes it would compare with.
        public let digest: [UInt8]
    }

    /// The checksum go-getter would apply to `url`, or nil when it would download without one.
    /// Both Go query grammars (before and since 1.17) must give the same answer, else nil.
    public static func checksum(ofURL url: String) -> Checksum? {
        let modern = checksumParameter(ofURL: url)
        let legacy = checksumParameter(ofURL: url, goBefore117: true)
        guard let value = modern, value == legacy, !value.isEmpty else { return nil }
        return parseChecksum(value)
    }

    /// `url.Query().Get("checksum")` as Go reads it (since 1.17, or before with `goBefore117`,
    /// which also splits on `;`): nil when there is no such parameter or Go would read none.
    public static func checksumParameter(ofURL url: String, goBefore117: Bool = false) -> [UInt8]? {
        let bytes = Array(url.utf8)
        // net/url.Parse refuses ASCII control characters outright.
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7f }) else { return nil }
        let beforeFragment = bytes.prefix(while: { $0 != UInt8(ascii: "#") })
        guard let mark = beforeFragment.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        let rawQuery = beforeFragment[(mark + 1)...]
        // Go 1.24's ParseQuery returns no parameters at all past `urlmaxqueryparams` (10000).
        guard rawQuery.lazy.filter({ $0 == UInt8(ascii: "&") }).count < 10000 else { return nil }
        let separators: Set<UInt8> = goBefore117 ? [UInt8(ascii: "&"), UInt8(ascii: ";")] : [UInt8(ascii: "&")]
        return firstValue(of: "checksum", in: rawQuery, separators: separators)
    }

    /// go-getter's `extractChecksum` on the parameter's value.
    static func parseChecksum(_ value: [UInt8]) -> Checksum? {
        if let colon = value.firstIndex(of: UInt8(ascii: ":")) {
            let type = String(decoding: value[..<colon], as: UTF8.self).lowercased()
            guard type != "file", let digest = goHexDecode(value[(colon + 1)...]) else { return nil }
            return Checksum(type: type, digest: digest)
        }
        guard let digest = goHexDecode(value[...]) else { return nil }
        let types = [16: "md5", 20: "sha1", 32: "sha256", 64: "sha512"]
        guard let type = types[digest.count] else { return nil }
        return Checksum(type: type, digest: digest)
    }

    /// Go's `url.ParseQuery(...).Get(name)`: the first value of the parameter whose decoded
    /// name is exactly `name`. Under the 1.17+ grammar (`separators` = `&`) a piece holding `;`
    /// is dropped.
    static func firstValue(of name: String, in query: ArraySlice<UInt8>, separators: Set<UInt8>) -> [UInt8]? {
        for piece in query.split(whereSeparator: { separators.contains($0) }) {
            if !separators.contains(UInt8(ascii: ";")) && piece.contains(UInt8(ascii: ";")) { continue }
            let rawKey = piece.prefix(while: { $0 != UInt8(ascii: "=") })
            let rawValue = rawKey.count < piece.count ? piece[(rawKey.endIndex + 1)...] : []
            guard case .success(let key) = PercentDecoding.decode(rawKey, plusIsSpace: true),
                  case .success(let value) = PercentDecoding.decode(rawValue, plusIsSpace: true) else { continue }
            if key == Array(name.utf8) { return value }
        }
        return nil
    }

    /// Go's `hex.DecodeString`: an even number of hex digits of either case.
    static func goHexDecode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard let high = PercentDecoding.hexValue(text[index]), let low = PercentDecoding.hexValue(text[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    /// The platform → URL pairs of a `plan.info` string as cosmovisor's `ParseInfo` reads it, in
    /// the order written: one JSON object whose only member is `binaries` (matched in any case, as
    /// Go's encoding/json matches it), an object of URL strings. A platform key is taken as
    /// written (cosmovisor also looks up `any`).
    ///
    /// Throws `ExportError.readBackMismatch` at `plan.info` or `plan.info binaries[KEY]` otherwise.
    public static func binaries(ofInfo info: String) throws -> [(platform: String, url: String)] {
        try readBinaries(info) { ExportError(.readBackMismatch, place: $0, $1) }
    }

    static func readBinaries(_ info: String, fail: (String, String) -> ExportError) throws -> [(platform: String, url: String)] {
        guard let json = try? JSONReader.parse(Array(info.utf8), limits: .general), let top = json.objectValue else {
            throw fail("plan.info", "it is not one JSON object")
        }
        // encoding/json matches "binaries" in any case: exactly one member may, and it is the only one.
        guard top.names.count == 1, let name = top.names.first, name.lowercased() == "binaries",
              let binaries = top[name]?.objectValue else {
            throw fail("plan.info", "it must hold exactly one member, 'binaries'")
        }
        return try binaries.members.map { platform, value in
            guard let url = value.stringValue else { throw fail("plan.info binaries[\(platform)]", "the value is not a URL string") }
            return (platform, url)
        }
    }

    /// Checks that `info`, read as cosmovisor reads it, maps exactly the expected platforms and
    /// that go-getter would check each platform's download against exactly its blessed SHA-256.
    ///
    /// Throws `ExportError.readBackMismatch` naming the platform otherwise.
    public static func requireBlessedDigests(_ info: String, expected: [(platform: String, sha256: String)]) throws {
        func fail(_ place: String, _ reason: String) -> ExportError {
            ExportError(.readBackMismatch, place: place, "reading plan.info back as cosmovisor and go-getter do: \(reason); nothing written")
        }
        let binaries = try readBinaries(info, fail: fail)
        let platforms = binaries.map(\.platform)
        guard Set(platforms) == Set(expected.map(\.platform)), platforms.count == expected.count else {
            throw fail("plan.info binaries", "its platforms \(platforms) are not the expected \(expected.map(\.platform))")
        }
        for (platform, sha256) in expected {
            let place = "plan.info binaries[\(platform)]"
            guard let url = binaries.first(where: { $0.platform == platform })?.url else { throw fail(place, "the value is not a URL string") }
            guard let checksum = checksum(ofURL: url) else {
                throw fail(place, "go-getter would find no usable checksum parameter")
            }
            guard checksum.type == "sha256", let blessed = try? Hex.decode(sha256), checksum.digest == blessed else {
                throw fail(place, "go-getter would check against \(checksum.type):\(Hex.encode(checksum.digest)), not the blessed sha256:\(sha256)")
            }
        }
    }
}
