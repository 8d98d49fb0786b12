import Foundation
import Testing

/// `verify --artifacts` and `--source` really run their checks (they were once silently
/// ignored, a false green), and special files never hang the CLI.
@Suite("Security rules: verify checks what it is given")
struct VerifyInputsTests {
    @Test("verify --artifacts and --source pass on the blessed bytes and source")
    func honestInputsPass() throws {
        let workspace = try Workspace(copying: try World.get().template)
        let result = try workspace.govseal(["verify", "blessing.json", "--artifacts", "artifacts", "--source", "repo"])
        #expect(result.status == 0, "\(result.summary)")
        #expect(result.stdout.contains("[ok] artifact app"), "\(result.stdout)")
        #expect(result.stdout.contains("[ok] source tree"), "\(result.stdout)")
    }

    @Test("verify --artifacts catches a changed artifact of the same size")
    func changedArtifact() throws {
        let workspace = try Workspace(copying: try World.get().template)
        var bytes = try workspace.read("artifacts/app")
        bytes[0] ^= 0x20
        try workspace.write("artifacts/app", bytes)
        let result = try workspace.govseal(["verify", "blessing.json", "--artifacts", "artifacts"])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.stdout.contains("[FAIL] artifact app"), "\(result.stdout)")
    }

    @Test("verify --source catches disclosed source that differs from the blessed tree")
    func changedSource() throws {
        let workspace = try Workspace(copying: try World.get().template)
        try workspace.mkdir("plain")
        try workspace.write("plain/build.sh", try workspace.read("repo/build.sh"))
        try workspace.write("plain/src.txt", "hello from the release, with a backdoor\n")
        let result = try workspace.govseal(["verify", "blessing.json", "--source", "plain"])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.stdout.contains("[FAIL]"), "\(result.stdout)")
    }

    /// Opening a FIFO would block until a writer appears; govseal opens non-blocking and refuses
    /// anything but a regular file (RegularFile.openForReading).
    @Test("a FIFO given as a document, key or artifact is refused, not waited on",
          arguments: [["verify", "fifo"], ["sign", "fifo", "--key", "keys/ed.pem"], ["key", "show", "fifo"], ["hash", "fifo"]])
    func fifo(_ arguments: [String]) throws {
        let workspace = try Workspace(copying: try World.get().template)
        try Shell.run("mkfifo", [workspace.url("fifo")])
        let result = try workspace.govseal(arguments, timeout: 3)
        #expect(!result.timedOut && result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("fifo"), "\(result.summary)")
    }
}
