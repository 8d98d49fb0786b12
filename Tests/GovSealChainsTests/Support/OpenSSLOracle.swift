import Foundation
import Testing

/// Digests computed by the `openssl` command-line tool, an oracle independent of the code
/// under test (which reaches OpenSSL through its C API).
enum OpenSSLOracle {
    /// `openssl dgst -<name> -binary` over `input`.
    static func digest(_ name: String, _ input: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "dgst", "-\(name)", "-binary"]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl dgst -\(name) failed")
        return [UInt8](output)
    }
}
