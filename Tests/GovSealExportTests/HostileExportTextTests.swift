import Foundation
import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealExport
import Testing

/// Issue 12: names, titles and summaries built by an attacker must not change what a SHA256SUMS
/// file or an ic-admin command means. The oracles are the real programs: GNU `sha256sum -c`,
/// and `/bin/sh` (dash) and bash running the exported line against a stand-in `ic-admin` that
/// prints its argv.
@Suite("Hostile names and text in exports")
struct HostileExportTextTests {
    static let evil = String(repeating: "e", count: 64)

    /// A blessing (built directly, as a library caller could) whose second artifact is `name`.
    static func blessing(name: String) -> Blessing {
        let hostile = Blessing.Artifact(name: name, size: 1, sha256: evil)
        return TestDocuments.blessing(artifacts: [TestDocuments.gaiadAmd64, hostile])
    }

    @Test("sha256sums refuses a name sha256sum -c could read as another file or line", arguments: [
        "a\nb", "gaiad\n\(evil)  gaiad", "a\rb", "\u{1b}[1Agaiad", "a\u{0}b", "a\tb", "a\u{7f}b", "../gaiad", "dir/gaiad",
        ".", "..", "", String(repeating: "n", count: 256),
    ])
    func sha256sumsRefuses(name: String) throws {
        let error = try #require(throws: ExportError.self) { try SHA256SUMS.text(for: Self.blessing(name: name)) }
        #expect(error.code == .unsafeText, "\(error)")
        #expect(error.place == "body.release.artifacts[1].name", "\(error)")
        #expect(!error.description.contains("\n") && !error.description.contains("\r") && !error.description.contains("\u{1b}"))
    }

    /// Names that are legal but tricky for a checksum line: the real `sha256sum -c` must check
    /// exactly these files, and a line with a backslash must be byte for byte what coreutils writes.
    static let trickyNames = ["back\\slash.bin", "\\", "*star", " lead", "trail ", "two  spaces", "-c", "ünïcode", "x\\n"]

    @Test("sha256sum -c checks exactly the named files, and coreutils writes the same escaped lines")
    func sha256sumReadsTrickyNames() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("govseal-hostile-sums-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let artifacts = Self.trickyNames.enumerated().map { index, name in
            TestDocuments.artifact(name, content: "content \(index)", urls: [])
        }
        for (index, name) in Self.trickyNames.enumerated() {
            try Data("content \(index)".utf8).write(to: directory.appendingPathComponent(name))
        }
        let text = try SHA256SUMS.text(for: TestDocuments.blessing(artifacts: artifacts))
        try Data(text).write(to: directory.appendingPathComponent("SHA256SUMS"))
        let checked = try SHA256SUMSTests.run(["sha256sum", "--strict", "-c", "SHA256SUMS"], in: directory)
        #expect(checked.status == 0, "\(checked.output)")
        #expect(checked.output.components(separatedBy: ": OK\n").count - 1 == Self.trickyNames.count, "\(checked.output)")

        let coreutils = try SHA256SUMSTests.run(["sha256sum", "--"] + Self.trickyNames, in: directory)
        try #require(coreutils.status == 0)
        #expect(Array(coreutils.output.utf8) == text, "coreutils:\n\(coreutils.output)\ngovseal:\n\(String(decoding: text, as: UTF8.self))")

        // A changed file is caught under its own name.
        try Data("tampered".utf8).write(to: directory.appendingPathComponent("*star"))
        let tampered = try SHA256SUMSTests.run(["sha256sum", "-c", "SHA256SUMS"], in: directory)
        #expect(tampered.status == 1)
        #expect(tampered.output.contains("*star: FAILED"), "\(tampered.output)")
    }

    // MARK: ic-admin

    static func icDocument(title: String = "Elect GuestOS", summary: String = "Security release.",
                           urls: [String] = ICAdminProposalTests.package.urls) throws -> Document {
        let p = ICAdminProposalTests.package
        let package = Blessing.Artifact(name: p.name, size: p.size, sha256: p.sha256, urls: urls)
        return try TestDocuments.signedBlessing(
            TestDocuments.blessing(chain: "icp:mainnet", title: title, summary: summary, artifacts: [package]), by: [.ed25519])
    }

    @Test("ic-admin refuses a title or summary that could fake or erase lines", arguments: [
        ("Elect\n- SHA-256: `\(evil)`", "Security release.", "body.title"),
        ("Elect \u{1b}[2K\u{1b}[1AOK", "Security release.", "body.title"),
        ("Elect \u{202e}vlesoiuG", "Security release.", "body.title"),
        ("Elect\r# Other", "Security release.", "body.title"),
        ("Elect GuestOS", "line\u{1b}[1A\u{1b}[2K", "body.summary"),
        ("Elect GuestOS", "sha\u{8}\u{8}\u{8}", "body.summary"),
        ("Elect GuestOS", "text\r- SHA-256: fake", "body.summary"),
    ])
    func icAdminRefusesText(title: String, summary: String, place: String) throws {
        let document = try Self.icDocument(title: title, summary: summary)
        let error = try #require(throws: ExportError.self) { try ICAdminProposal(document) }
        #expect(error.code == .unsafeText, "\(error)")
        #expect(error.place == place, "\(error)")
    }

    @Test("ic-admin refuses a URL that is not a strict http(s) URL (one could pose as a flag)",
          arguments: ["--summary-file=x:y", "-x:y", "https://h/x#f", "https://u@h/x", "file:///etc/passwd"])
    func icAdminRefusesURL(url: String) throws {
        let document = try Self.icDocument(urls: [ICAdminProposalTests.package.urls[0], url])
        let error = try #require(throws: ExportError.self) { try ICAdminProposal(document) }
        #expect(error.code == .unsafeURL, "\(error)")
        #expect(error.place == "body.release.artifacts[0].urls[1]", "\(error)")
    }

    @Test("the proposer's summary is quoted: it cannot pose as govseal's Release section")
    func summaryQuoted() throws {
        let forged = "Routine.\n\n## Release\n\n- SHA-256: `\(Self.evil)`\n- URL: <https://evil.example/img>"
        let proposal = try ICAdminProposal(try Self.icDocument(summary: forged))
        let lines = proposal.summary.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0 == "## Release" }.count == 1)
        #expect(lines.filter { $0.hasPrefix("- SHA-256:") } == ["- SHA-256: `\(ICAdminProposalTests.package.sha256)`"])
        #expect(!lines.contains { $0.hasPrefix("- URL: <https://evil") })
        #expect(lines.contains("> ## Release"))
    }

    /// Payloads that would create `pwned` in the working folder if the shell ever interpreted them.
    static let payloadURLs = [
        "https://example.com/a'$(touch$IFS'pwned')'b", "https://example.com/x?q=1&r=$(touch$IFS'pwned')",
        "https://example.com/;touch$IFS'pwned';!*", "https://example.com/it's'&&touch$IFS'pwned'",
    ]
    static let payloadSummaryFiles = [
        "$(touch pwned).md", "`touch pwned`.md", "x'; touch pwned; '.md", "new\nline; touch pwned", "--proposer=1", "-", "*",
        "\u{1}ctl\u{7f}.md", "a\\'b",
    ]

    @Test("the quoted line gives ic-admin exactly the arguments under dash and bash, and runs nothing",
          arguments: ["/bin/sh", "/bin/bash"], payloadSummaryFiles)
    func shellRunsExactArguments(shell: String, summaryFile: String) throws {
        let proposal = try ICAdminProposal(try Self.icDocument(urls: Self.payloadURLs))
        let (argv, pwned) = try ShellRun.run(shell, proposal.commandLine(summaryFile: summaryFile))
        #expect(argv == proposal.arguments(summaryFile: summaryFile))
        #expect(!pwned, "a payload ran")
        #expect(!proposal.arguments(summaryFile: summaryFile).dropFirst().contains { $0.hasPrefix("-") && !$0.hasPrefix("--") },
                "no value reads as a short flag")
    }
}
