import GovSealEncoding
import GovSealSource
#if canImport(Glibc)
import Glibc
#endif

/// An external signer (an HSM or hardware wallet behind a command): gets M on standard input,
/// prints the signature as hex on standard output. It inherits the user's environment, since
/// such tools need their own configuration; its output is never trusted: the caller verifies
/// the signature before adding it.
struct ExternalSigner {
    let command: String
    let timeout: Duration

    func sign(_ message: [UInt8]) throws -> [UInt8] {
        let output = try CLI.runSigner(executable: "/bin/sh", arguments: ["-c", command], message: message, timeout: timeout,
                                       place: "--signer-command", what: "the signer")
        let text = String(decoding: output, as: UTF8.self)
            .filter { !$0.isWhitespace }
        do {
            return try Hex.decode(text, length: 64)
        } catch {
            throw InputError(file: "--signer-command", "the signer's output is not a 64-byte hex signature: \(error)")
        }
    }
}

extension CLI {
    /// Runs a signing program (an external signer, `ssh-keygen -Y sign`) with M on standard input
    /// and the user's environment, and returns what it printed (at most 64 KiB). A failure or a
    /// timeout is bad input naming `place`, with the program's first 200 bytes of error text.
    static func runSigner(executable: String, arguments: [String], message: [UInt8], timeout: Duration,
                          place: String, what: String) throws -> [UInt8] {
        var process = Subprocess(executable: executable, arguments: arguments, environment: inheritedEnvironment())
        process.standardInput = .bytes(message)
        process.standardOutput = .capture(limit: 64 << 10)
        process.standardError = .capture(limit: 64 << 10)
        process.timeout = timeout
        let result = try process.run()
        guard result.succeeded else {
            let why = result.timedOut ? "timed out" : "\(result.termination)"
            throw InputError(file: place, "\(what) \(why): \(String(result.errorText.prefix(200)))")
        }
        return result.standardOutput
    }

    /// This process's environment, for signers that need their own configuration (an HSM's
    /// settings, `SSH_AUTH_SOCK` for an SSH agent).
    static func inheritedEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let eq = text.firstIndex(of: "=") {
                environment[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            entry += 1
        }
        return environment
    }
}
