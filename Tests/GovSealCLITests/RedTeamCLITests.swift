import Foundation
import Testing

/// Red-team review of issue 12 through the binary: hostile documents written from scratch as
/// JSON, each attack asserting the exit code, the named place and that nothing was written.
@Suite("Red team: hostile documents end to end")
struct RedTeamCLITests {
    static let evil = String(repeating: "e", count: 64)

    @Test("export cosmos: a title or summary with terminal controls is exit 2 naming the place, no output file",
          arguments: [(#"Gaia \u001b[2K\u001b[1AOK"#, "S", "body.title"), (#"Gaia \u202e0.51v"#, "S", "body.title"),
                      ("Gaia", #"S\u009b1A\u009b2K"#, "body.summary")])
    func cosmosRefusesText(title: String, summary: String, place: String) throws {
        let scratch = try CLIScratchFolder()
        let json = #"""
        {"govseal":1,"type":"blessing","body":{"chain":"cosmos:cosmoshub-4","title":"\#(title)","summary":"\#(summary)","proposer":"P",
        "release":{"version":"v1","source":{"repository":"https://example.org/r.git","commit":"0123456789abcdef0123456789abcdef01234567"},
        "artifacts":[{"name":"gaiad","size":1,"digests":{"sha256":"\#(ExportHostileInputTests.sha)"},"urls":["https://example.org/gaiad"]}]},
        "created":"2026-11-21T12:00:00Z"},"signatures":[]}
        """#
        try scratch.file("b.json", Array(json.utf8))
        let result = try CLIRunner.run(ExportHostileInputTests.cosmos + ["--out", "p.json"], in: scratch.path)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(!result.crashed)
        #expect(result.stderrLines.count == 1 && result.stderr.contains("b.json") && result.stderr.contains(place), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1b}") && !result.stderr.contains("\u{9b}") && !result.stderr.contains("\u{202e}"))
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/p.json"))
    }

    @Test("export sha256sums: a name holding a C1 CSI or a right-to-left override is exit 2, nothing written",
          arguments: [#"gaiad\u009b31m"#, #"gaiad\u202enib.exe"#])
    func sha256sumsRefusesName(name: String) throws {
        let scratch = try CLIScratchFolder()
        try scratch.file("b.json", ExportHostileInputTests.blessing(name: name, url: "https://example.org/gaiad"))
        let result = try CLIRunner.run(["export", "sha256sums", "b.json", "--out", "SHA256SUMS"], in: scratch.path)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderrLines.count == 1 && result.stderr.contains("body.release.artifacts[0].name"), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{9b}") && !result.stderr.contains("\u{202e}"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/SHA256SUMS"))
    }
}
