import Foundation
import Testing

/// Issue 12 through the binary: a hostile blessing (written from scratch as JSON) makes every
/// export refuse with exit 2 and one stderr line naming the file and the place, and leaves
/// every output file as it was.
@Suite("Exports refuse hostile blessings end to end")
struct ExportHostileInputTests {
    static let sha = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
    static let evil = String(repeating: "e", count: 64)

    /// A blessing document (unsigned: exports do not verify) with one artifact.
    static func blessing(chain: String = "cosmos:cosmoshub-4", title: String = "T", name: String = "gaiad", url: String) -> [UInt8] {
        let json = #"""
        {"govseal":1,"type":"blessing","body":{"chain":"\#(chain)","title":"\#(title)","summary":"S","proposer":"P",
        "release":{"version":"v1","source":{"repository":"https://example.org/r.git","commit":"0123456789abcdef0123456789abcdef01234567"},
        "artifacts":[{"name":"\#(name)","size":1,"digests":{"sha256":"\#(sha)"},"urls":["\#(url)"]}]},
        "created":"2026-11-21T12:00:00Z"},"signatures":[]}
        """#
        return Array(json.utf8)
    }

    static let cosmos = ["export", "cosmos", "b.json", "--height", "5", "--deposit", "1uatom", "--platform", "gaiad=linux/amd64"]

    @Test("export cosmos: exit 2 naming the artifact's URL, no output file", arguments: [
        "https://example.org/gaiad?%63hecksum=sha256:\(evil)", "https://example.org/gaiad?checksum",
        "https://example.org/gaiad?a=1&checksum=sha256:\(evil)", "https://example.org/gaiad?checksum=sha256:\(evil)&checksum=sha256:\(sha)",
        "https://example.org/gaiad?CHECKSUM=x", "https://example.org/gaiad#frag", "https://example.org@evil.example/gaiad",
    ])
    func cosmosRefuses(url: String) throws {
        let scratch = try CLIScratchFolder()
        try scratch.file("b.json", Self.blessing(url: url))
        let result = try CLIRunner.run(Self.cosmos + ["--out", "p.json"], in: scratch.path)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(!result.crashed)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("b.json") && result.stderr.contains("body.release.artifacts[0].urls[0]")
                && result.stderr.contains("'gaiad'"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/p.json"))
        #expect(result.stdout.isEmpty)
    }

    @Test("export cosmos --force leaves an existing output untouched when it refuses")
    func cosmosKeepsExistingFile() throws {
        let scratch = try CLIScratchFolder()
        try scratch.file("b.json", Self.blessing(url: "https://example.org/gaiad?%63hecksum=sha256:\(Self.evil)"))
        try scratch.file("p.json", Array("previous\n".utf8))
        let result = try CLIRunner.run(Self.cosmos + ["--out", "p.json", "--force"], in: scratch.path)
        #expect(result.status == 2)
        #expect(try String(contentsOfFile: scratch.path + "/p.json", encoding: .utf8) == "previous\n")
    }

    @Test("export cosmos of an ordinary URL writes plan.info with the blessed checksum")
    func cosmosAccepts() throws {
        let scratch = try CLIScratchFolder()
        try scratch.file("b.json", Self.blessing(url: "https://example.org/gaiad?mirror=1"))
        let result = try CLIRunner.run(Self.cosmos, in: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#"https://example.org/gaiad?mirror=1&checksum=sha256:\#(Self.sha)\""#))
    }

    @Test("export ic-admin: exit 2, neither the summary nor the command file written", arguments: [
        (#"Elect\u001b[2K OK"#, "https://example.org/img.tar.zst", "body.title"),
        ("Elect", "--summary-file=x:y", "body.release.artifacts[0].urls[0]"),
        ("Elect", "https://example.org/img.tar.zst#x", "body.release.artifacts[0].urls[0]"),
    ])
    func icAdminRefuses(title: String, url: String, place: String) throws {
        let scratch = try CLIScratchFolder()
        try scratch.file("b.json", Self.blessing(chain: "icp:mainnet", title: title, url: url))
        let result = try CLIRunner.run(["export", "ic-admin", "b.json", "--out", "cmd.sh"], in: scratch.path)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderrLines.count == 1 && result.stderr.contains(place), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1b}"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/cmd.sh"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/b.json.summary.md"))
    }

    @Test("export sha256sums: a name with a newline is refused with exit 2 and nothing written")
    func sha256sumsRefuses() throws {
        let scratch = try CLIScratchFolder()
        try scratch.file("b.json", Self.blessing(name: #"gaiad\n\#(Self.evil)  other"#, url: "https://example.org/gaiad"))
        let result = try CLIRunner.run(["export", "sha256sums", "b.json", "--out", "SHA256SUMS"], in: scratch.path)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderrLines.count == 1 && result.stderr.contains("b.json"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/SHA256SUMS"))
    }
}
