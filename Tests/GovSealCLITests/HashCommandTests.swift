import Foundation
import GovSealJSON
import Testing

/// `govseal hash` end to end, with coreutils' sha256sum as the oracle.
@Suite("CLI: govseal hash")
struct HashCommandTests {
    /// Runs a coreutils tool in `folder`; returns its stdout.
    static func coreutils(_ tool: String, _ arguments: [String], in folder: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test("output equals sha256sum's for empty, 1-byte and 1 MiB + 1 files; sha256sum -c accepts it")
    func equalsSha256sum() throws {
        let folder = try CLIScratchFolder()
        let names = ["empty.bin", "one.bin", "big.bin", "with space.txt"]
        try folder.file(names[0], [])
        try folder.file(names[1], [0x61])
        try folder.file(names[2], (0..<((1 << 20) + 1)).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) })
        try folder.file(names[3], Array("text\n".utf8))

        let result = try CLIRunner.run(["hash"] + names, in: folder.path)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == (try Self.coreutils("sha256sum", names, in: folder.path)))

        try folder.file("SUMS", result.stdoutBytes)
        #expect(try Self.coreutils("sha256sum", ["-c", "SUMS"], in: folder.path).split(separator: "\n").count == names.count)
    }

    @Test("--sha512 lines equal sha512sum's; --json reports name, size and both digests")
    func sha512AndJSON() throws {
        let folder = try CLIScratchFolder()
        try folder.file("a.bin", Array("abc".utf8))
        let lines = try CLIRunner.run(["hash", "--sha512", "a.bin"], in: folder.path)
        #expect(lines.status == 0)
        #expect(lines.stdout == (try Self.coreutils("sha512sum", ["a.bin"], in: folder.path)))

        let json = try CLIRunner.run(["hash", "--json", "--sha512", "a.bin"], in: folder.path)
        #expect(json.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any]
        let files = try #require(report?["files"] as? [[String: Any]])
        #expect(files.count == 1)
        #expect(files.first?["name"] as? String == "a.bin")
        #expect(files.first?["size"] as? Int == 3)
        let sha256 = try Self.coreutils("sha256sum", ["a.bin"], in: folder.path).prefix(64)
        #expect(files.first?["sha256"] as? String == String(sha256))
        let sha512 = try Self.coreutils("sha512sum", ["a.bin"], in: folder.path).prefix(128)
        #expect(files.first?["sha512"] as? String == String(sha512))
    }

    @Test("an unreadable file: one line naming it on stderr, exit 2", arguments: ["missing.bin", "."])
    func unreadable(_ name: String) throws {
        let folder = try CLIScratchFolder()
        let result = try CLIRunner.run(["hash", name], in: folder.path)
        #expect(result.status == 2)
        #expect(!result.crashed)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix("govseal: \(name): "))
    }
}
