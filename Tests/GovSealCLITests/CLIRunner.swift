import Foundation
import GovSealTestSupport

/// The outcome of one run of the `govseal` binary.
struct CLIResult: Sendable {
    /// The exit status (or the signal number when `crashed`).
    let status: Int32
    let stdout: String
    let stderr: String
    let stdoutBytes: [UInt8]
    /// True when the process died from a signal (a trap is never an acceptable outcome).
    let crashed: Bool

    /// Standard error split into lines (without the final empty one).
    var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast(stderr.hasSuffix("\n") ? 1 : 0) }
}

/// Runs the built `govseal` binary, which SwiftPM places in the same build products folder as
/// the test bundle (`.build*/…/debug/`).
enum CLIRunner {
    /// A helper command a test needed (git, openssl) failed.
    struct CommandFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// The path of the `govseal` executable: found by walking up from the running test binary
    /// (`/proc/self/exe`, `CommandLine.arguments[0]`, `Bundle.main`) to the first folder holding
    /// an executable `govseal`.
    static func binaryPath() throws -> String {
        try GovSealBinary.path.get()
    }

    /// Runs `govseal` with `arguments` in `directory` (default: the current one), feeding
    /// `stdin`, with `environment` added to this process's environment. Output goes through
    /// temporary files, so large outputs never block.
    /// With `timeoutSeconds`, the run is killed (SIGKILL, status 137) when it takes longer.
    static func run(_ arguments: [String], in directory: String? = nil, stdin: [UInt8] = [],
                    environment: [String: String] = [:], timeoutSeconds: Int? = nil) throws -> CLIResult {
        let process = Process()
        if let timeoutSeconds {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
            process.arguments = ["-s", "KILL", String(timeoutSeconds), try binaryPath()] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: try binaryPath())
            process.arguments = arguments
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("govseal-cli-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("stdin"), outURL = scratch.appendingPathComponent("stdout"),
            errURL = scratch.appendingPathComponent("stderr")
        try Data(stdin).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let input = try FileHandle(forReadingFrom: inURL)
        let output = try FileHandle(forWritingTo: outURL)
        let error = try FileHandle(forWritingTo: errURL)
        defer {
            try? input.close()
            try? output.close()
            try? error.close()
        }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()

        let out = Array(try Data(contentsOf: outURL))
        let err = try Data(contentsOf: errURL)
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                         stderr: String(decoding: err, as: UTF8.self), stdoutBytes: out,
                         crashed: process.terminationReason == .uncaughtSignal)
    }
}

/// A fresh temporary folder for one CLI test, removed when the value goes away.
final class CLIScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("govseal-cli-test-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `name` (relative to the folder) with `mode`; returns the full path.
    @discardableResult
    func file(_ name: String, _ bytes: [UInt8], mode: Int = 0o600) throws -> String {
        let target = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
        return target
    }
}
