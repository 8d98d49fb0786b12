import Foundation

/// Runs real tools (openssl, sha256sum) as test oracles.
enum Tool {
    struct Result {
        let status: Int32
        let stdout: [UInt8]
        let stderr: String
    }

    /// Runs `name` (found on PATH) with `arguments`, feeding `input` on stdin.
    @discardableResult
    static func run(_ name: String, _ arguments: [String], input: [UInt8] = []) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: Array(out), stderr: String(decoding: err, as: UTF8.self))
    }

    /// Runs a tool that must succeed; returns its stdout.
    @discardableResult
    static func output(_ name: String, _ arguments: [String], input: [UInt8] = []) throws -> [UInt8] {
        let result = try run(name, arguments, input: input)
        guard result.status == 0 else {
            throw FixtureError("\(name) \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }
}

/// A fresh temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "govseal-crypto-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `name` with `mode`; returns the path.
    @discardableResult
    func file(_ name: String, _ bytes: [UInt8], mode: Int = 0o600) throws -> String {
        let target = path + "/" + name
        guard FileManager.default.createFile(atPath: target, contents: Data(bytes),
                                             attributes: [.posixPermissions: mode]) else {
            throw FixtureError("cannot create \(target)")
        }
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
        return target
    }

    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
    }
}
