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

    @Test("export sha256sums: a name holding a C1 CSI or a right-to-left override is exit 2 (a malformed blessing), nothing written",
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
    // MARK: embargo-rebuilder attestations of a blessing

    /// A signed blessing of one artifact, a policy whose `embargo-rebuilder` role is r1 (1 of 1),
    /// and an attestation (written from scratch, signed with `govseal sign`) of the blessing by
    /// `signer` that states `sha256` for the artifact.
    static func embargoWorld(roles: [String] = ["--key", "embargo-rebuilder:r1=r1.pem", "--threshold", "embargo-rebuilder=1"])
        throws -> (CLIScratchFolder, run: ([String]) throws -> CLIResult) {
        let scratch = try CLIScratchFolder()
        try FileManager.default.createDirectory(atPath: scratch.path + "/att", withIntermediateDirectories: true)
        try scratch.file("app.bin", Array("private build\n".utf8))
        let run = { (arguments: [String]) in try CLIRunner.run(arguments, in: scratch.path) }
        for key in ["f", "r1", "r2"] { #expect(try run(["keygen", "--alg", "ed25519", "--out", "\(key).pem"]).status == 0) }
        var x = try run(["new", "blessing", "--chain", "icp:mainnet", "--title", "fix", "--summary", "s",
                         "--repository", "https://example.org/src.git", "--commit", "0123456789abcdef0123456789abcdef01234567",
                         "--artifact", "app.bin", "--embargo-days", "10", "--created", "2026-01-01T00:00:00Z", "--out", "blessing.json"])
        #expect(x.status == 0, "\(x.stderr)")
        #expect(try run(["sign", "blessing.json", "--key", "f.pem"]).status == 0)
        x = try run(["new", "policy", "--name", "p", "--expires-days", "30", "--key", "proposer:f=f.pem", "--threshold", "proposer=1"]
                    + roles + ["--out", "policy.json"])
        #expect(x.status == 0, "\(x.stderr)")
        return (scratch, run)
    }

    /// The proposal id `verify --json` reports for a document (a hostile document is written around it).
    static func proposalID(of file: String, in scratch: CLIScratchFolder) throws -> String {
        let report = try CLIRunner.run(["verify", file, "--json"], in: scratch.path).stdout
        return String(try #require(report.components(separatedBy: "\"proposal\": \"").dropFirst().first?.prefix(71)))
    }

    static func attestation(_ scratch: CLIScratchFolder, run: ([String]) throws -> CLIResult, file: String, signer: String,
                            sha256: String? = nil) throws {
        let blessing = try String(contentsOfFile: scratch.path + "/blessing.json", encoding: .utf8)
        let proposal = try Self.proposalID(of: "blessing.json", in: scratch)
        let digest = try sha256 ?? #require(blessing.components(separatedBy: "\"sha256\": \"").dropFirst().first?.prefix(64)).description
        let json = #"""
        {"govseal":1,"type":"attestation","body":{"_type":"https://in-toto.io/Statement/v1",
        "subject":[{"name":"app.bin","digest":{"sha256":"\#(digest)"}}],"predicateType":"https://govseal.dev/rebuild/v1",
        "predicate":{"proposal":"\#(proposal)","source":{"repository":"https://example.org/src.git",
        "commit":"0123456789abcdef0123456789abcdef01234567"},"command":"sh build.sh","builder":"\#(signer)",
        "finished":"2026-01-01T00:00:00Z"}},"signatures":[]}
        """#
        try scratch.file("att/\(file)", Array(json.utf8))
        let x = try run(["sign", "att/\(file)", "--key", "\(signer).pem"])
        #expect(x.status == 0, "\(x.stderr)")
    }

    @Test("verify BLESSING --attestations DIR --policy P: no agreeing embargo-rebuilder attestation is a failed check, not PASSED")
    func embargoRebuildersWithoutAttestationsFail() throws {
        let (scratch, run) = try Self.embargoWorld()
        let x = try run(["verify", "blessing.json", "--attestations", "att", "--policy", "policy.json"])
        #expect(x.status == 1, "\(x.stdout)\(x.stderr)")
        #expect(x.stdout.contains("[FAIL] embargo rebuilders: 0 valid of 1 required (role 'embargo-rebuilder')"), "\(x.stdout)")
        #expect(!x.stdout.contains("PASSED"))
        _ = scratch
    }

    @Test("embargo-rebuilder attestations: only agreeing ones by the role's keys count")
    func embargoRebuildersCounted() throws {
        let (scratch, run) = try Self.embargoWorld()
        // A key outside the role, and a disagreeing digest by the role's key, do not count.
        try Self.attestation(scratch, run: run, file: "outsider.json", signer: "r2")
        var x = try run(["verify", "blessing.json", "--attestations", "att", "--policy", "policy.json"])
        #expect(x.status == 1, "\(x.stdout)\(x.stderr)")
        #expect(x.stdout.contains("[FAIL] embargo rebuilders: 0 valid of 1 required"), "\(x.stdout)")
        try Self.attestation(scratch, run: run, file: "wrong.json", signer: "r1", sha256: Self.evil)
        x = try run(["verify", "blessing.json", "--attestations", "att", "--policy", "policy.json"])
        #expect(x.status == 1, "\(x.stdout)\(x.stderr)")
        #expect(x.stdout.contains("[FAIL] embargo attestation att/wrong.json: member r1 disagrees: r1 disagrees: app.bin sha256 \(Self.evil)"), "\(x.stdout)")
        try FileManager.default.removeItem(atPath: scratch.path + "/att/wrong.json")
        try FileManager.default.removeItem(atPath: scratch.path + "/att/outsider.json")
        try Self.attestation(scratch, run: run, file: "r1.json", signer: "r1")
        x = try run(["verify", "blessing.json", "--attestations", "att", "--policy", "policy.json"])
        #expect(x.status == 0, "\(x.stdout)\(x.stderr)")
        #expect(x.stdout.contains("[ok] embargo rebuilders: 1 valid of 1 required (role 'embargo-rebuilder'); reproduced by r1"), "\(x.stdout)")
    }

    /// Issue 15: without the role in the policy the check is not made and the report says so, in
    /// its own line: the attestations are never silently taken as evidence.
    @Test("verify BLESSING --attestations DIR with a policy that has no embargo-rebuilder role says no private rebuild was counted")
    func embargoRebuildersNeedTheRole() throws {
        let (scratch, run) = try Self.embargoWorld(roles: [])
        try Self.attestation(scratch, run: run, file: "r1.json", signer: "r1")
        let x = try run(["verify", "blessing.json", "--attestations", "att", "--policy", "policy.json"])
        #expect(x.stdout.contains("embargo rebuilders: not checked: the policy 'p' v1 has no 'embargo-rebuilder' role, so no private rebuild by the coordination group was counted"), "\(x.stdout)")
        #expect(!x.stdout.contains("reproduced by"), "\(x.stdout)")
    }
}

extension RedTeamCLITests {
    @Test("verify REVEAL --attestations EMPTY_DIR with a policy lacking a rebuilder role is a failed check, not 'not required'")
    func revealWithAnEmptyAttestationFolderFails() throws {
        let (scratch, run) = try Self.embargoWorld(roles: [])
        let proposal = try Self.proposalID(of: "blessing.json", in: scratch)
        let json = #"""
        {"govseal":1,"type":"reveal","body":{"proposal":"\#(proposal)","chain":"icp:mainnet",
        "source":{"repository":"https://example.org/src.git","commit":"0123456789abcdef0123456789abcdef01234567"},
        "rollout_completed":"2026-01-02T00:00:00Z","disclosed":"2026-01-12T00:00:00Z"},"signatures":[]}
        """#
        try scratch.file("reveal.json", Array(json.utf8))
        #expect(try run(["sign", "reveal.json", "--key", "f.pem"]).status == 0)
        let x = try run(["verify", "reveal.json", "--proposal", "blessing.json", "--attestations", "att", "--policy", "policy.json"])
        #expect(x.status == 1, "\(x.stdout)\(x.stderr)")
        #expect(x.stdout.contains("[FAIL] rebuilders: the policy defines no 'rebuilder' role"), "\(x.stdout)")
        #expect(!x.stdout.contains("PASSED"))
    }
}

extension RedTeamCLITests {
    @Test("verify REVEAL --source PLAIN_FOLDER: a tree only the reveal states is not evidence of the blessed commit")
    func revealTreeOfAPlainFolderMustBeTheBlessingsOwn() throws {
        let (scratch, run) = try Self.embargoWorld()  // the blessing records the commit, no tree
        // Any folder: the revealer states its tree as the blessed commit's.
        try FileManager.default.createDirectory(atPath: scratch.path + "/other", withIntermediateDirectories: true)
        try scratch.file("other/build.sh", Array("echo not the blessed source\n".utf8))
        let tree = try run(["tree-hash", "other"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(tree.count == 40)
        let proposal = try Self.proposalID(of: "blessing.json", in: scratch)
        let json = #"""
        {"govseal":1,"type":"reveal","body":{"proposal":"\#(proposal)","chain":"icp:mainnet",
        "source":{"repository":"https://example.org/src.git","commit":"0123456789abcdef0123456789abcdef01234567","tree":"\#(tree)"},
        "rollout_completed":"2026-01-02T00:00:00Z","disclosed":"2026-01-12T00:00:00Z"},"signatures":[]}
        """#
        try scratch.file("reveal.json", Array(json.utf8))
        #expect(try run(["sign", "reveal.json", "--key", "f.pem"]).status == 0)
        let x = try run(["verify", "reveal.json", "--proposal", "blessing.json", "--source", "other"])
        #expect(x.status == 1, "\(x.stdout)\(x.stderr)")
        #expect(x.stdout.contains("[FAIL] source tree"), "\(x.stdout)")
        #expect(!x.stdout.contains("[ok] source tree"), "\(x.stdout)")
        #expect(!x.stdout.contains("PASSED"))
    }
}

extension RedTeamCLITests {
    /// The scalars a terminal acts on that `--json` output could carry from a document.
    static func holdsTerminalControl(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            $0.value == 0x1b || (0x7f...0x9f).contains($0.value) || [0x2028, 0x2029].contains($0.value)
                || (0x202a...0x202e).contains($0.value) || (0x2066...0x2069).contains($0.value)
        }
    }

    @Test("verify --json and status --json never print a document's C1 control or bidirectional override raw")
    func jsonReportsAreTerminalSafe() throws {
        let scratch = try CLIScratchFolder()
        let title = #"fix\u009b2J\u009b1;1H[ok] \u202edesab\u2028x"#
        let json = #"""
        {"govseal":1,"type":"blessing","body":{"chain":"icp:mainnet","title":"\#(title)","summary":"s","proposer":"P",
        "release":{"source":{"repository":"https://example.org/r.git","commit":"0123456789abcdef0123456789abcdef01234567"},
        "artifacts":[{"name":"app","size":1,"digests":{"sha256":"\#(ExportHostileInputTests.sha)"}}]},
        "created":"2026-11-21T12:00:00Z"},"signatures":[]}
        """#
        try FileManager.default.createDirectory(atPath: scratch.path + "/reg", withIntermediateDirectories: true)
        try scratch.file("reg/b.json", Array(json.utf8))
        for arguments in [["verify", "reg/b.json", "--json"], ["status", "reg", "--json"]] {
            let x = try CLIRunner.run(arguments, in: scratch.path)
            #expect(x.status == 1, "\(arguments) \(x.stderr)")  // unsigned: a failed check
            #expect(!Self.holdsTerminalControl(x.stdout) && !Self.holdsTerminalControl(x.stderr), "\(arguments)")
            // Still exact JSON: the title reads back as the document's.
            let report = try JSONSerialization.jsonObject(with: Data(x.stdout.utf8)) as? [String: Any]
            let documents = try #require(report?["documents"] as? [[String: Any]])
            #expect(documents.first?["title"] as? String == "fix\u{9b}2J\u{9b}1;1H[ok] \u{202e}desab\u{2028}x", "\(arguments)")
        }
    }
}

extension RedTeamCLITests {
    @Test("status REG --policy PINNED: another policy in the registry is not shown 'ok' because it parses and signs itself")
    func statusDoesNotPassAForeignPolicyUnderAPinnedOne() throws {
        let (scratch, run) = try Self.embargoWorld()
        try FileManager.default.createDirectory(atPath: scratch.path + "/reg", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: scratch.path + "/blessing.json", toPath: scratch.path + "/reg/blessing.json")
        #expect(try run(["keygen", "--alg", "ed25519", "--out", "x.pem"]).status == 0)
        #expect(try run(["new", "policy", "--name", "p", "--expires-days", "30", "--key", "proposer:x=x.pem",
                         "--threshold", "proposer=1", "--out", "reg/policy.json"]).status == 0)
        #expect(try run(["sign", "reg/policy.json", "--key", "x.pem"]).status == 0)
        var x = try run(["status", "reg", "--policy", "policy.json"])
        #expect(x.status == 1, "\(x.stdout)\(x.stderr)")
        #expect(x.stdout.contains("FAIL policy"), "\(x.stdout)")
        #expect(!x.stdout.contains("ok   policy"), "\(x.stdout)")
        // The pinned policy itself in the registry, and the registry's own folder policy, stay as they were.
        try FileManager.default.removeItem(atPath: scratch.path + "/reg/policy.json")
        try FileManager.default.copyItem(atPath: scratch.path + "/policy.json", toPath: scratch.path + "/reg/policy.json")
        #expect(try run(["sign", "reg/policy.json", "--key", "f.pem"]).status == 0)
        x = try run(["status", "reg", "--policy", "reg/policy.json"])
        #expect(!x.stdout.contains("FAIL policy"), "\(x.stdout)")
        x = try run(["status", "reg"])
        #expect(!x.stdout.contains("FAIL policy"), "\(x.stdout)")
    }
}

extension RedTeamCLITests {
    @Test("export ic-admin: when the command file cannot be written, the summary file is left as it was (absent, or its old bytes)")
    func icAdminWritesBothOrNeither() throws {
        let scratch = try CLIScratchFolder()
        try scratch.file("b.json", ExportHostileInputTests.blessing(chain: "icp:mainnet", url: "https://example.org/img.tar.zst"))
        var x = try CLIRunner.run(["export", "ic-admin", "b.json", "--out", "missing-folder/cmd.sh"], in: scratch.path)
        #expect(x.status == 2, "\(x.stderr)")
        #expect(x.stderrLines.count == 1 && x.stderr.contains("missing-folder/cmd.sh"), "\(x.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/b.json.summary.md"))
        try scratch.file("b.json.summary.md", Array("previous summary\n".utf8), mode: 0o640)
        x = try CLIRunner.run(["export", "ic-admin", "b.json", "--out", "missing-folder/cmd.sh", "--force"], in: scratch.path)
        #expect(x.status == 2, "\(x.stderr)")
        #expect(try String(contentsOfFile: scratch.path + "/b.json.summary.md", encoding: .utf8) == "previous summary\n")
        let mode = try FileManager.default.attributesOfItem(atPath: scratch.path + "/b.json.summary.md")[.posixPermissions] as? Int
        #expect(mode == 0o640)
        // Both written when both can be.
        x = try CLIRunner.run(["export", "ic-admin", "b.json", "--out", "cmd.sh", "--force"], in: scratch.path)
        #expect(x.status == 0, "\(x.stderr)")
        #expect(try String(contentsOfFile: scratch.path + "/b.json.summary.md", encoding: .utf8).hasPrefix("# T"))
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/cmd.sh"))
    }
}
