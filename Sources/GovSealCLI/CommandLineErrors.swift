import ArgumentParser
import GovSealDocuments
#if canImport(Glibc)
import Glibc
#endif

/// Exit codes of the CLI contract (DESIGN.md).
public enum GovSealExit {
    /// All checks passed.
    public static let success: Int32 = 0
    /// A check failed (signature, digest, threshold, timeline).
    public static let checkFailed: Int32 = 1
    /// Bad input: unreadable or malformed file, unknown key format.
    public static let badInput: Int32 = 2
    /// Usage error (ArgumentParser's validation failure is EX_USAGE, 64).
    public static let usage: Int32 = 64
}

/// Bad input, reported as one line `govseal: <file>: <reason>` and exit code 2.
public struct InputError: Error, CustomStringConvertible {
    public let file: String?
    public let reason: String

    public init(file: String? = nil, _ reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String {
        guard let file else { return reason }
        return "\(file): \(reason)"
    }
}

/// A usage error found after parsing (a flag combination ArgumentParser cannot express):
/// one line and exit code 64.
public struct UsageError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A failed check already reported on stdout: exit code 1 with no further message.
public struct ChecksFailed: Error {
    public init() {}
}

/// Runs `body`, attributing any non-CLI error it throws to `file`.
public func reading<T>(_ file: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as InputError {
        throw error
    } catch let error as UsageError {
        throw error
    } catch is ChecksFailed {
        throw ChecksFailed()
    } catch {
        let text = oneLine(String(describing: error))
        // Errors that already name the file (FileError does) are not prefixed twice.
        if text.hasPrefix(file + ":") || text.contains("'\(file)'") { throw InputError(text) }
        throw InputError(file: file, text)
    }
}

/// Makes a message one terminal-safe line: newlines, CR, ESC and the other control characters
/// (which an error quoting a document may contain) are escaped (`TerminalText`).
func oneLine(_ text: String) -> String {
    TerminalText.escape(text)
}

/// Writes one line to standard error, control characters escaped.
public func printError(_ line: String) {
    var bytes = Array(oneLine(line).utf8)
    bytes.append(0x0a)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

extension GovSealCommand {
    /// Parses and runs a command, mapping errors to the CLI contract's exit codes:
    /// usage → 64, bad input → 2 (one line naming the file and the place), failed check → 1.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exitAfterParsing(error)  // help, version, usage (64)
        }
        do {
            var mutable = command
            try mutable.run()
            Glibc.exit(GovSealExit.success)
        } catch is ChecksFailed {
            Glibc.exit(GovSealExit.checkFailed)
        } catch let error as UsageError {
            printError("govseal: \(error.description)")
            Glibc.exit(GovSealExit.usage)
        } catch let error as ExitCode {
            Glibc.exit(error.rawValue)
        } catch let error as CleanExit {
            exit(withError: error)
        } catch let error as ValidationError {
            exitAfterParsing(error)
        } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            exitAfterParsing(error)  // help requested inside a command group, parser errors
        } catch {
            printError("govseal: \(String(describing: error))")
            Glibc.exit(GovSealExit.badInput)
        }
    }

    /// Help and version are printed as ArgumentParser prints them (stdout, exit 0); any other
    /// parser error becomes one line on stderr, `govseal: <message> (see 'govseal sign --help')`,
    /// with ArgumentParser's exit code (64 for usage errors).
    static func exitAfterParsing(_ error: Error) -> Never {
        let code = exitCode(for: error)
        let text = message(for: error)
        guard code != .success, !text.isEmpty else { exit(withError: error) }
        let hint = fullMessage(for: error).split(separator: "\n").lazy
            .compactMap { line -> Substring? in
                guard let open = line.range(of: "See '"), let close = line[open.upperBound...].firstIndex(of: "'") else { return nil }
                return line[open.upperBound..<close]
            }
            .first.map { " (see '\($0)')" } ?? ""
        printError("govseal: \(text)\(hint)")
        Glibc.exit(code.rawValue)
    }
}
