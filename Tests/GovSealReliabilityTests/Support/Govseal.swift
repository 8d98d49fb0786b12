import Foundation
import GovSealTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The outcome of one run of the `govseal` binary.
struct RunResult: Sendable {
    let arguments: [String]
    /// The exit status, or the signal number when `signaled`.
    let status: Int32
    let stdout: String
    let stderr: String
    /// True when a signal ended the process (a trap or our own SIGKILL).
    let signaled: Bool
    /// True when the run outlived its time limit and was killed.
    let timedOut: Bool
    let seconds: Double

    /// Standard error split into lines, without the empty string after a final newline.
    var stderrLines: [Substring] {
        var lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
        if stderr.hasSuffix("\n") { lines.removeLast() }
        return lines
    }

    /// Everything the run printed, for leak checks.
    var allOutput: String { stdout + "\n" + stderr }

    /// A one-line summary for expectation messages.
    var summary: String {
        "govseal \(arguments.joined(separator: " ")) → status \(status)\(signaled ? " (signal)" : "")\(timedOut ? " (timed out)" : ""); stderr: \(stderr.prefix(600))"
    }
}

/// Runs the built `govseal` binary (found beside the test bundle, as SwiftPM places every
/// product of a build in one folder).
enum Govseal {
    /// The path of the executable (see `GovSealBinary`).
    static var path: Result<String, GovSealBinary.NotFound> { GovSealBinary.path }

    /// Runs `govseal arguments` in `directory` and waits for it, killing it after `timeout`
    /// seconds. `TMPDIR` points into `directory` so rebuild folders stay inside the test's
    /// workspace.
    static func run(_ arguments: [String], in directory: String, timeout: Double = 120,
                    environment: [String: String] = [:]) throws -> RunResult {
        let started = try start(arguments, in: directory, environment: environment)
        return started.wait(timeout: timeout)
    }

    /// Starts `govseal arguments` in `directory` without waiting (for the kill tests).
    static func start(_ arguments: [String], in directory: String, environment: [String: String] = [:],
                      executable: String? = nil) throws -> RunningGovseal {
        try RunningGovseal(executable: executable ?? path.get(), arguments: arguments, directory: directory,
                           environment: environment)
    }
}

/// A started `govseal` process whose output goes to temporary files (so it never blocks).
final class RunningGovseal {
    let arguments: [String]
    private let process = Process()
    private let scratch: URL
    private let startTime = Date()

    init(executable: String, arguments: [String], directory: String, environment: [String: String]) throws {
        self.arguments = arguments
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("govseal-rel-io-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let temporary = directory + "/.test-tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = temporary
        env.merge(environment) { $1 }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = env
        _ = FileManager.default.createFile(atPath: scratch.appendingPathComponent("out").path, contents: nil)
        _ = FileManager.default.createFile(atPath: scratch.appendingPathComponent("err").path, contents: nil)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: scratch.appendingPathComponent("out"))
        process.standardError = try FileHandle(forWritingTo: scratch.appendingPathComponent("err"))
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Sends SIGKILL (nothing happens when the process already ended).
    func killNow() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for the end, killing the process once `timeout` seconds have passed since it started.
    func wait(timeout: Double = 120) -> RunResult {
        var timedOut = false
        while process.isRunning {
            if Date().timeIntervalSince(startTime) > timeout {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        try? (process.standardOutput as? FileHandle)?.close()
        try? (process.standardError as? FileHandle)?.close()
        let out = (try? Data(contentsOf: scratch.appendingPathComponent("out"))) ?? Data()
        let err = (try? Data(contentsOf: scratch.appendingPathComponent("err"))) ?? Data()
        return RunResult(arguments: arguments, status: process.terminationStatus,
                         stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
                         signaled: process.terminationReason == .uncaughtSignal, timedOut: timedOut,
                         seconds: Date().timeIntervalSince(startTime))
    }
}
