import Foundation
import Testing

/// Each way a review found to get a false PASS or a crash, pinned down.
@Suite("No false greens")
struct FalseGreenRegressionTests {
    typealias Release = LifecycleCommandTests.Release

    func signedReveal(_ r: Release, disclosed: String = "2026-01-12T00:00:00Z") throws {
        var x = try r.run(["reveal", "blessing.json", "--source", r.repo, "--rollout-completed", "2026-01-02T00:00:00Z",
                           "--disclosed", disclosed, "--out", "reveal.json"])
        #expect(x.status == 0 || x.status == 1, "\(x.stderr)")
        x = try r.run(["sign", "reveal.json", "--key", "f.pem"])
        #expect(x.status == 0, "\(x.stderr)")
    }

    @Test func aRevealWithoutItsBlessingFails() throws {
        let r = try Release()
        try signedReveal(r, disclosed: "2026-01-03T00:00:00Z")  // early, which only the blessing can show
        var x = try r.run(["verify", "reveal.json"])
        #expect(x.status == 1)
        #expect(x.stdout.contains("[FAIL] proposal: blessing sha256:"))
        x = try r.run(["verify", "reveal.json", "blessing.json"])
        #expect(x.status == 1)
        #expect(x.stdout.contains("[FAIL] quiet period"))
    }

    @Test func anAttestationWithoutItsBlessingFails() throws {
        let r = try Release()
        try FileManager.default.createDirectory(atPath: r.path + "/att", withIntermediateDirectories: true)
        var x = try r.run(["attest", "blessing.json", "--source", r.repo, "--key", "f.pem", "--builder", "b",
                           "--out", "att/a.json", "--quiet"])
        #expect(x.status == 0, "\(x.stderr)")
        x = try r.run(["verify", "att/a.json"])
        #expect(x.status == 1)
        x = try r.run(["verify", "att/a.json", "--proposal", "blessing.json"])
        #expect(x.status == 0, "\(x.stdout)")
    }

    @Test func aDisclosureInTheFutureFails() throws {
        let r = try Release()
        try signedReveal(r, disclosed: "2099-01-01T00:00:00Z")
        let x = try r.run(["verify", "reveal.json", "--proposal", "blessing.json"])
        #expect(x.status == 1)
        #expect(x.stdout.contains("later than now"))
    }

    @Test func aFolderWithNoDocumentsIsNotAPass() throws {
        let s = try CLIScratchFolder()
        try FileManager.default.createDirectory(atPath: s.path + "/empty", withIntermediateDirectories: true)
        var x = try CLIRunner.run(["verify", "empty"], in: s.path)
        #expect(x.status == 2)
        #expect(x.stderrLines.count == 1)
        // A *.json that is a symbolic link is named, not silently skipped.
        try FileManager.default.createDirectory(atPath: s.path + "/links", withIntermediateDirectories: true)
        try "{}".write(toFile: s.path + "/real.json", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: s.path + "/links/doc.json", withDestinationPath: s.path + "/real.json")
        x = try CLIRunner.run(["verify", "links"], in: s.path)
        #expect(x.status == 2)
        #expect(x.stderr.contains("symbolic link"))
    }

    @Test func aDotGitSymlinkIsNotTakenAsTheSource() throws {
        let r = try Release()
        let fake = r.path + "/fake"
        try FileManager.default.createDirectory(atPath: fake, withIntermediateDirectories: true)
        try "tampered\n".write(toFile: fake + "/README", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: fake + "/.git", withDestinationPath: r.repo + "/.git")
        let x = try r.run(["verify", "blessing.json", "--source", fake])
        #expect(x.status == 1)
        #expect(x.stdout.contains("symbolic link"))
    }

    @Test func brokenAttestationFilesAndAWrongProposalAreBadInput() throws {
        let r = try Release()
        try signedReveal(r)
        try FileManager.default.createDirectory(atPath: r.path + "/att", withIntermediateDirectories: true)
        try "{".write(toFile: r.path + "/att/broken.json", atomically: true, encoding: .utf8)
        var x = try r.run(["verify", "reveal.json", "--proposal", "blessing.json", "--attestations", "att"])
        #expect(x.status == 2)
        #expect(x.stderr.contains("broken.json"))
        x = try r.run(["verify", "reveal.json", "--proposal", "reveal.json"])
        #expect(x.status == 2)
        #expect(x.stderr.contains("reveal.json: is a reveal, not a blessing"))
    }

    @Test(arguments: [
        ["new", "policy", "--name", "p", "--expires-days", "999999999999999", "--key", "proposer:a=ed25519:" + String(repeating: "ab", count: 32), "--threshold", "proposer=1", "--out", "p.json"],
        ["new", "blessing", "--chain", "near:mainnet", "--title", "t", "--summary", "s", "--repository", "r",
         "--commit", String(repeating: "a", count: 40), "--sha256sums", "SUMS", "--size", "x.bin=18446744073709551615", "--out", "b.json"],
    ])
    func hugeNumbersAreUsageErrorsNotCrashes(_ arguments: [String]) throws {
        let s = try CLIScratchFolder()
        try s.file("SUMS", Array((String(repeating: "ab", count: 32) + "  x.bin\n").utf8))
        let x = try CLIRunner.run(arguments, in: s.path)
        #expect(!x.crashed)
        #expect(x.status == 64, "\(x.stderr)")
        #expect(x.stderrLines.count == 1)
    }

    @Test func statusSaysWherePoliciesCameFromAndRefusesTwoInOneFolder() throws {
        let r = try Release()
        var x = try r.run(["new", "policy", "--name", "p", "--expires-days", "30", "--key", "proposer:f=f.pem",
                           "--threshold", "proposer=1", "--out", "policy.json"])
        #expect(x.status == 0)
        x = try r.run(["status", "."])
        #expect(x.stdout.contains("pass --policy FILE to pin one"))
        x = try r.run(["new", "policy", "--name", "q", "--expires-days", "30", "--key", "proposer:f=f.pem",
                       "--threshold", "proposer=1", "--out", "policy2.json"])
        x = try r.run(["status", "."])
        #expect(x.status == 2)
        #expect(x.stderr.contains("a second policy"))
    }
}
