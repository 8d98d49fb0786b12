import Foundation
import Testing

/// Reveal, rebuild, attest, tree-hash, the external signer and the demo, through the binary (issue 6).
@Suite("Embargo lifecycle end to end")
struct LifecycleCommandTests {
    /// A git repository whose `build.sh` writes `out/app.bin` deterministically, an artifact built from
    /// it, a foundation key and an embargoed blessing of it, signed.
    final class Release {
        let s: CLIScratchFolder
        var path: String { s.path }
        var repo: String { s.path + "/src" }

        init(embargo: Bool = true, buildScript: String = "mkdir -p out && cat README > out/app.bin && echo \"$SOURCE_DATE_EPOCH\" >> out/app.bin\n") throws {
            s = try CLIScratchFolder()
            try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
            try "hello\n".write(toFile: repo + "/README", atomically: true, encoding: .utf8)
            try buildScript.write(toFile: repo + "/build.sh", atomically: true, encoding: .utf8)
            try BlessingEndToEndTests.World.git(["init", "-q"], in: repo)
            try BlessingEndToEndTests.World.git(["add", "-A"], in: repo)
            try BlessingEndToEndTests.World.git(["commit", "-q", "-m", "release"], in: repo)
            let epoch = try String(Self.gitOutput(["log", "-1", "--format=%ct"], in: repo).filter(\.isNumber))
            try FileManager.default.createDirectory(atPath: path + "/dl", withIntermediateDirectories: true)
            try ("hello\n" + epoch + "\n").write(toFile: path + "/dl/app.bin", atomically: true, encoding: .utf8)
            var r = try run(["keygen", "--alg", "ed25519", "--out", "f.pem"])
            #expect(r.status == 0)
            r = try run(["new", "blessing", "--chain", "icp:mainnet", "--title", "fix", "--summary", "s",
                         "--repository", "https://example.org/src.git", "--repo", repo, "--commit", "HEAD",
                         "--artifact", "dl/app.bin", "--build-command", "sh build.sh", "--output", "app.bin=out/app.bin",
                         "--created", "2026-01-01T00:00:00Z", "--out", "blessing.json"] + (embargo ? ["--embargo-days", "10"] : []))
            #expect(r.status == 0, "\(r.stderr)")
            r = try run(["sign", "blessing.json", "--key", "f.pem"])
            #expect(r.status == 0, "\(r.stderr)")
        }

        func run(_ arguments: [String]) throws -> CLIResult { try CLIRunner.run(arguments, in: path) }

        static func gitOutput(_ arguments: [String], in directory: String) throws -> String {
            let p = Process()
            let pipe = Pipe()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            p.arguments = arguments
            p.currentDirectoryURL = URL(fileURLWithPath: directory)
            p.standardOutput = pipe
            try p.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
    }

    @Test func revealRebuildAttestAndVerify() throws {
        let r = try Release()
        var x = try r.run(["reveal", "blessing.json", "--source", r.repo, "--rollout-completed", "2026-01-02T00:00:00Z",
                           "--disclosed", "2026-01-12T00:00:00Z", "--out", "reveal.json"])
        #expect(x.status == 0, "\(x.stdout)\(x.stderr)")
        #expect(x.stdout.contains("[ok] quiet period"))
        x = try r.run(["sign", "reveal.json", "--key", "f.pem"])
        #expect(x.status == 0)
        x = try r.run(["rebuild", "blessing.json", "--source", r.repo, "--quiet"])
        #expect(x.status == 0, "\(x.stdout)\(x.stderr)")
        #expect(x.stdout.contains("REPRODUCED"))
        for name in ["r1", "r2"] {
            x = try r.run(["keygen", "--alg", name == "r1" ? "ed25519" : "bip340", "--out", "\(name).pem"])
            x = try r.run(["attest", "blessing.json", "--source", r.repo, "--key", "\(name).pem", "--builder", name,
                           "--out", "att/\(name).json", "--quiet"])
            #expect(x.status == 2 || x.status == 0)
        }
        try FileManager.default.createDirectory(atPath: r.path + "/att", withIntermediateDirectories: true)
        for name in ["r1", "r2"] {
            x = try r.run(["attest", "blessing.json", "--source", r.repo, "--key", "\(name).pem", "--builder", name,
                           "--out", "att/\(name).json", "--quiet"])
            #expect(x.status == 0, "\(x.stdout)\(x.stderr)")
        }
        x = try r.run(["new", "policy", "--name", "p", "--expires-days", "30", "--key", "proposer:f=f.pem",
                       "--threshold", "proposer=1", "--key", "rebuilder:r1=r1.pem", "--key", "rebuilder:r2=r2.pem",
                       "--threshold", "rebuilder=2", "--out", "policy.json"])
        #expect(x.status == 0, "\(x.stderr)")
        x = try r.run(["verify", "reveal.json", "--proposal", "blessing.json", "--attestations", "att", "--policy", "policy.json"])
        #expect(x.status == 0, "\(x.stdout)\(x.stderr)")
        #expect(x.stdout.contains("[ok] rebuilders: agreeing rebuilders: 2 valid of 2 required"))
        // A 3-of-… threshold the rebuilders cannot meet fails and says so.
        try FileManager.default.removeItem(atPath: r.path + "/att/r2.json")
        x = try r.run(["verify", "reveal.json", "--proposal", "blessing.json", "--attestations", "att", "--policy", "policy.json"])
        #expect(x.status == 1)
        #expect(x.stdout.contains("[FAIL] rebuilders: agreeing rebuilders: 1 valid of 2 required"))
    }

    @Test func anEarlyDisclosureIsWrittenButFails() throws {
        let r = try Release()
        let x = try r.run(["reveal", "blessing.json", "--source", r.repo, "--rollout-completed", "2026-01-02T00:00:00Z",
                           "--disclosed", "2026-01-11T23:59:59Z", "--out", "reveal.json"])
        #expect(x.status == 1)
        #expect(x.stdout.contains("[FAIL] quiet period"))
        #expect(FileManager.default.fileExists(atPath: r.path + "/reveal.json"))
    }

    @Test func aBlessingWithoutEmbargoIsNotRevealedUnlessTold() throws {
        let r = try Release(embargo: false)
        var x = try r.run(["reveal", "blessing.json", "--source", r.repo, "--rollout-completed", "2026-01-02T00:00:00Z",
                           "--disclosed", "2026-01-20T00:00:00Z", "--out", "reveal.json"])
        #expect(x.status == 2)
        #expect(x.stderr.contains("no embargo"))
        #expect(!FileManager.default.fileExists(atPath: r.path + "/reveal.json"))
        x = try r.run(["reveal", "blessing.json", "--source", r.repo, "--rollout-completed", "2026-01-02T00:00:00Z",
                       "--disclosed", "2026-01-20T00:00:00Z", "--allow-without-embargo", "--out", "reveal.json"])
        #expect(x.status == 0, "\(x.stderr)")
    }

    @Test func aMismatchingRebuildExitsOneAndShowsBothDigests() throws {
        let r = try Release()
        try "changed\n".write(toFile: r.path + "/dl/app.bin", atomically: true, encoding: .utf8)
        // Re-bless with the wrong artifact so the rebuild cannot match it.
        var x = try r.run(["new", "blessing", "--chain", "icp:mainnet", "--title", "fix", "--summary", "s",
                           "--repository", "https://example.org/src.git", "--repo", r.repo, "--commit", "HEAD",
                           "--artifact", "dl/app.bin", "--build-command", "sh build.sh", "--output", "app.bin=out/app.bin",
                           "--out", "wrong.json"])
        #expect(x.status == 0)
        x = try r.run(["rebuild", "wrong.json", "--source", r.repo, "--quiet"])
        #expect(x.status == 1)
        #expect(x.stdout.contains("[FAIL] app.bin: expected sha256"))
        #expect(x.stdout.contains("NOT REPRODUCED"))
    }

    @Test func aBuildThatRunsTooLongIsKilled() throws {
        let r = try Release(buildScript: "sleep 60\n")
        let started = Date()
        let x = try r.run(["rebuild", "blessing.json", "--source", r.repo, "--timeout", "1", "--quiet"])
        #expect(x.status == 1)
        #expect(x.stdout.contains("timed out"))
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func treeHashEqualsGit() throws {
        let r = try Release()
        let x = try r.run(["tree-hash", r.repo])
        let git = try Release.gitOutput(["rev-parse", "HEAD^{tree}"], in: r.repo)
        #expect(x.status == 0)
        #expect(x.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == git.trimmingCharacters(in: .whitespacesAndNewlines))
        let bad = try r.run(["tree-hash", r.path + "/missing"])
        #expect(bad.status == 2)
        #expect(bad.stderrLines.count == 1)
    }

    /// `openssl pkeyutl` plays the hardware wallet: an independent Ed25519 signer.
    @Test func anExternalSignerSignsAndABadOneIsRefused() throws {
        let r = try Release()
        let pem = r.path + "/ext.pem"
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["genpkey", "-algorithm", "ed25519", "-out", pem]
        try openssl.run()
        openssl.waitUntilExit()
        // OpenSSL 3.0's one-shot Ed25519 cannot read a pipe, so M goes through a temporary file.
        let command = "t=$(mktemp) && cat > \"$t\" && openssl pkeyutl -sign -rawin -inkey \(pem) -in \"$t\" | od -An -v -tx1 | tr -d ' \\n'; rm -f \"$t\""
        var x = try r.run(["sign", "blessing.json", "--signer-command", command, "--public-key", pem])
        #expect(x.status == 0, "\(x.stderr)")
        x = try r.run(["verify", "blessing.json"])
        #expect(x.status == 0)
        #expect(x.stdout.contains("signature #2 ed25519"))
        let before = try Data(contentsOf: URL(fileURLWithPath: r.path + "/blessing.json"))
        _ = try r.run(["keygen", "--alg", "ed25519", "--out", "other.pem"])
        x = try r.run(["sign", "blessing.json", "--signer-command", command, "--public-key", "other.pem"])
        #expect(x.status == 2)
        #expect(x.stderr.contains("does not verify"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: r.path + "/blessing.json")) == before)
    }

    @Test func theDemoRunsTheLifecycleAndCatchesTheTampering() throws {
        let x = try CLIRunner.run(["demo"])
        #expect(x.status == 0, "\(x.stdout)\(x.stderr)")
        #expect(x.stdout.contains("REPRODUCED") || x.stdout.contains("reproduced bit for bit"))
        #expect(x.stdout.contains("rebuilders: agreeing rebuilders: 2 valid of 2 required"))
        #expect(x.stdout.contains("differs: src/node.sh"))
        #expect(x.stdout.contains("Demo complete"))
        // The coordination group (issue 15): one nomination excluded and named, 2 of 2 members before disclosure.
        #expect(x.stdout.contains("[nomination-c.json]: address not derived from the key"))
        #expect(x.stdout.contains("[ok] embargo rebuilders: 2 valid of 2 required (role 'embargo-rebuilder')"))
        #expect(x.stdout.contains("Validator C, not admitted, cannot decrypt it") || x.stdout.contains("(skipped: the age tool is not installed"))
    }

    /// Without age on PATH the demo says it skipped the encryption and still exits 0.
    @Test func theDemoRunsWithoutAge() throws {
        // A PATH with git and tar (which the demo needs) but no age.
        let bin = try CLIScratchFolder()
        for tool in ["git", "tar"] {
            let target = try #require(["/usr/bin/", "/bin/", "/usr/local/bin/"].map { $0 + tool }.first { FileManager.default.isExecutableFile(atPath: $0) })
            try FileManager.default.createSymbolicLink(atPath: bin.path + "/" + tool, withDestinationPath: target)
        }
        let x = try CLIRunner.run(["demo"], environment: ["PATH": bin.path])
        #expect(x.status == 0, "\(x.stdout)\(x.stderr)")
        #expect(x.stdout.contains("(skipped: the age tool is not installed"))
        #expect(x.stdout.contains("[ok] embargo rebuilders: 2 valid of 2 required"))
        // The example's commit id is fixed by its fixed author, committer and dates.
        #expect(x.stdout.contains("commit b436f805ea20083ec2a384d8d225bc699f2c7ed1"))
    }
}
