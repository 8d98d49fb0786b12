import Foundation
import Testing

/// Runs an exported command line through a real shell, the oracle for shell quoting.
enum ShellRun {
    /// The stand-in `ic-admin` (Fixtures/bin, checked in as an executable: a script written and
    /// run at once by parallel tests can fail with ETXTBSY) prints each argument NUL-terminated.
    static let bin = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bin")

    /// Runs `line` with `shell -c` in a fresh folder with the stand-in `ic-admin` first on PATH;
    /// returns the argv it got and whether a file `pwned` appeared in the folder.
    static func run(_ shell: String, _ line: String) throws -> (argv: [String], pwned: Bool) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("govseal-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-c", line]
        process.currentDirectoryURL = folder
        process.environment = ["PATH": bin.path + ":/usr/bin:/bin"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        var words = String(decoding: data, as: UTF8.self).split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        words.removeLast()
        return (words, FileManager.default.fileExists(atPath: folder.appendingPathComponent("pwned").path))
    }
}
