import Foundation
import GovSealTestSupport
import Testing
@testable import GovSealSource

@Suite("Subprocess")
struct SubprocessTests {
    static let environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C"]

    func shell(_ script: String) -> Subprocess {
        Subprocess(executable: "/bin/sh", arguments: ["-c", script], environment: Self.environment)
    }

    @Test func capturesOutputErrorAndStatus() throws {
        let result = try shell("printf out; printf err >&2; exit 7").run()
        #expect(String(decoding: result.standardOutput, as: UTF8.self) == "out")
        #expect(String(decoding: result.standardError, as: UTF8.self) == "err")
        #expect(result.termination == .exited(7))
        #expect(!result.succeeded)
        #expect(!result.timedOut)
    }

    @Test func argumentsAreNeverReparsedByAShell() throws {
        let tricky = "$(touch /tmp/never); `id` ; 'quoted' \"double\" *"
        let process = Subprocess(executable: "/usr/bin/printf", arguments: ["%s", tricky], environment: [:])
        #expect(String(decoding: try process.run().standardOutput, as: UTF8.self) == tricky)
    }

    @Test func environmentIsExactlyTheOneGiven() throws {
        let result = try Subprocess(executable: "/usr/bin/env", environment: ["ONLY": "this"]).run()
        #expect(String(decoding: result.standardOutput, as: UTF8.self) == "ONLY=this\n")
    }

    @Test func workingDirectory() throws {
        let folder = try TemporaryFolder("spawn")
        defer { folder.remove() }
        var process = shell("pwd -P")
        process.workingDirectory = folder.path
        let expected = URL(fileURLWithPath: folder.path).resolvingSymlinksInPath().path
        #expect(String(decoding: try process.run().standardOutput, as: UTF8.self) == expected + "\n")
    }

    @Test func largeInputAndOutputDoNotDeadlock() throws {
        let input = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var process = Subprocess(executable: "/bin/cat", environment: [:])
        process.standardInput = .bytes(input)
        process.standardOutput = .capture(limit: 8 << 20)
        let result = try process.run()
        #expect(result.succeeded)
        #expect(result.standardOutput == input)
    }

    @Test func captureLimitTruncates() throws {
        var process = shell("head -c 10000 /dev/zero")
        process.standardOutput = .capture(limit: 100)
        let result = try process.run()
        #expect(result.standardOutput.count == 100)
        #expect(result.outputTruncated)
        #expect(result.succeeded)
    }

    @Test func streamsStandardOutput() throws {
        var total = 0
        let result = try shell("head -c 200000 /dev/zero").run { total += $0.count }
        #expect(result.succeeded)
        #expect(total == 200_000)
    }

    @Test func handlerErrorKillsTheProcess() throws {
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: TestFailure.self) {
            try shell("while true; do echo y; done").run { _ in throw TestFailure("stop") }
        }
        #expect(clock.now - start < .seconds(20))
    }

    @Test func filesAndMergedStandardError() throws {
        let folder = try TemporaryFolder("spawn")
        defer { folder.remove() }
        var process = shell("echo one; echo two >&2")
        process.standardOutput = .file(folder("log"))
        process.standardError = .standardOutput
        #expect(try process.run().succeeded)
        #expect(String(decoding: try Files.read(folder("log")), as: UTF8.self) == "one\ntwo\n")
        process = shell("echo three")
        process.standardOutput = .file(folder("log"), append: true)
        _ = try process.run()
        #expect(String(decoding: try Files.read(folder("log")), as: UTF8.self) == "one\ntwo\nthree\n")
        var input = Subprocess(executable: "/bin/cat", environment: [:])
        input.standardInput = .file(folder("log"))
        #expect(try input.run().standardOutput == Files.read(folder("log")))
    }

    @Test func timeoutKillsTheWholeProcessGroup() throws {
        let folder = try TemporaryFolder("spawn")
        defer { folder.remove() }
        var process = shell("trap '' TERM; sleep 60 & echo $! > \(folder("child.pid")); sleep 60")
        process.timeout = .milliseconds(500)
        process.terminationGrace = .milliseconds(300)
        let result = try process.run()
        #expect(result.timedOut)
        #expect(result.termination == .signaled(SIGKILL) || result.termination == .signaled(SIGTERM))
        #expect(result.duration < .seconds(20))
        let child = try #require(Int32(String(decoding: try Files.read(folder("child.pid")), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(ProcessProbe.isGone(child))
    }

    @Test func terminationSignalReachesTheWholeGroup() throws {
        let folder = try TemporaryFolder("spawn")
        defer { folder.remove() }
        // The background child handles SIGTERM; the leader ignores it, so only a signal sent to the
        // whole group reaches the child before the SIGKILL that follows the grace period.
        let child = "trap 'echo got-term > \(folder("term")); exit 0' TERM; while :; do sleep 0.1; done"
        var process = shell("sh -c \"\(child)\" & trap '' TERM; sleep 60")
        process.timeout = .milliseconds(500)
        process.terminationGrace = .seconds(3)
        let result = try process.run()
        #expect(result.timedOut)
        #expect(String(decoding: try Files.read(folder("term")), as: UTF8.self) == "got-term\n")
    }

    @Test func leftoverBackgroundProcessesAreKilledAtExit() throws {
        let folder = try TemporaryFolder("spawn")
        defer { folder.remove() }
        var process = shell("sleep 60 & echo $! > \(folder("child.pid"))")
        process.standardOutput = .discard
        let result = try process.run()
        #expect(result.succeeded)
        let child = try #require(Int32(String(decoding: try Files.read(folder("child.pid")), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(ProcessProbe.isGone(child))
    }

    @Test func signalIsReported() throws {
        let result = try shell("kill -9 $$").run()
        #expect(result.termination == .signaled(SIGKILL))
        #expect(!result.succeeded)
    }

    @Test(arguments: [
        ("/nonexistent/program", [String](), [String: String](), nil as String?),
        ("relative/path", [], [:], nil),
        ("/bin/sh", ["-c", "a\u{0}b"], [:], nil),
        ("/bin/sh", [], ["BAD=KEY": "x"], nil),
        ("/bin/sh", [], [:], "/nonexistent/folder"),
    ])
    func refusesToStart(executable: String, arguments: [String], environment: [String: String], directory: String?) throws {
        let process = Subprocess(executable: executable, arguments: arguments, environment: environment, workingDirectory: directory)
        let error = try #require(throws: SourceError.self) { try process.run() }
        #expect(error == .spawnFailed)
    }

    @Test func findsExecutables() {
        #expect(Subprocess.findExecutable("sh", searchPath: "/nonexistent:/bin:/usr/bin") != nil)
        #expect(Subprocess.findExecutable("no-such-program-here", searchPath: "/bin:/usr/bin") == nil)
        #expect(Subprocess.findExecutable("sh", searchPath: "relative:") == nil)
    }
}

enum ProcessProbe {
    /// True when `pid` no longer runs: gone, or a zombie waiting for a reaper (which a container's
    /// init may never be).
    static func isGone(_ pid: Int32, within limit: Duration = .seconds(5)) -> Bool {
        BuildProcessWatch.isGone(pid, within: limit)
    }
}
