#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn`: an argument array (never a shell string), an
/// explicit environment (nothing is inherited), a working directory, standard streams from or to
/// files, pipes or `/dev/null`, its own process group, and an optional time limit.
///
/// When the time limit passes, the whole process group gets SIGTERM, then SIGKILL after
/// `terminationGrace`. When the process ends, anything it left running in its process group is
/// killed too, so a run never leaves background processes behind (a descendant that deliberately
/// leaves the group with `setsid` can escape; output is then read for at most one more second).
///
/// ```swift
/// var git = Subprocess(executable: "/usr/bin/git", arguments: ["--version"], environment: ["PATH": "/usr/bin:/bin"])
/// git.timeout = .seconds(30)
/// let result = try git.run()
/// ```
public struct Subprocess: Sendable {
    /// Where standard input comes from.
    public enum Input: Sendable {
        /// `/dev/null`.
        case null
        /// The file at a path.
        case file(String)
        /// These bytes, then end of file.
        case bytes([UInt8])
    }

    /// Where standard output or standard error goes.
    public enum Output: Sendable {
        /// `/dev/null`.
        case discard
        /// Collected into the result, keeping at most `limit` bytes (the rest is read and dropped).
        case capture(limit: Int = 16 << 20)
        /// Written to the file at a path (created with mode 0644 if missing).
        case file(String, append: Bool = false)
        /// Standard error only: the same destination as standard output (`2>&1`).
        case standardOutput
    }

    /// How the process ended.
    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        /// It exited with this status.
        case exited(Int32)
        /// A signal killed it.
        case signaled(Int32)

        /// "exit status N" or "killed by signal N".
        public var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signaled(let signal): "killed by signal \(signal)"
            }
        }
    }

    /// The outcome of one run.
    public struct Result: Sendable {
        /// How the process ended.
        public let termination: Termination
        /// True when the time limit passed and the process group was killed.
        public let timedOut: Bool
        /// Captured standard output (empty unless `.capture`).
        public let standardOutput: [UInt8]
        /// Captured standard error (empty unless `.capture`).
        public let standardError: [UInt8]
        /// True when captured output exceeded its limit and was cut.
        public let outputTruncated: Bool
        /// Wall-clock time from start to end.
        public let duration: Duration
        /// What the process wrote to descriptor 3 (at most 64 KiB), when `statusDescriptor` was set.
        let statusOutput: [UInt8]

        /// True when the process exited with status 0 within its time limit.
        public var succeeded: Bool { termination == .exited(0) && !timedOut }

        /// Standard error as text, trimmed, for error messages.
        public var errorText: String {
            String(decoding: standardError, as: UTF8.self).trimmingWhitespace()
        }
    }

    /// The absolute path of the program (see `findExecutable(_:searchPath:)`).
    public var executable: String
    /// The arguments after the program name (`argv[1...]`).
    public var arguments: [String]
    /// The complete environment of the child: nothing from the parent is inherited.
    public var environment: [String: String]
    /// The child's working directory; nil keeps the parent's.
    public var workingDirectory: String?
    /// Standard input; `/dev/null` by default.
    public var standardInput: Input = .null
    /// Standard output; captured by default.
    public var standardOutput: Output = .capture()
    /// Standard error; captured by default.
    public var standardError: Output = .capture()
    /// The time limit; nil for none.
    public var timeout: Duration?
    /// How long after SIGTERM the process group gets SIGKILL.
    public var terminationGrace: Duration = .seconds(2)
    /// Gives the child a pipe as descriptor 3, whose content ends up in `Result.statusOutput`
    /// (bubblewrap's `--json-status-fd 3`).
    var statusDescriptor = false
    /// Kills the process group and throws `.interrupted` as soon as `TerminationSignals` records a
    /// signal (call within `TerminationSignals.watching`).
    var stopsOnTerminationSignals = false

    /// A subprocess description; nothing runs until `run()`.
    public init(executable: String, arguments: [String] = [], environment: [String: String] = [:],
                workingDirectory: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// Runs the process to completion (or until its time limit) and returns how it ended.
    ///
    /// Throws `SourceError` `.spawnFailed` when it cannot start (missing program, bad working
    /// directory, an argument or variable containing NUL), `.io` when a redirection file cannot be
    /// opened. A non-zero exit or a timeout is not an error: inspect the result.
    public func run() throws -> Result {
        try SubprocessRunner(self).run(onStandardOutput: nil)
    }

    /// Runs the process, handing standard output to `onStandardOutput` chunk by chunk as it arrives
    /// (bounded memory); `standardOutput` is ignored. If the handler throws, the process group is
    /// killed and the error rethrown.
    public func run(onStandardOutput: (UnsafeRawBufferPointer) throws -> Void) throws -> Result {
        try withoutActuallyEscaping(onStandardOutput) { handler in
            try SubprocessRunner(self).run(onStandardOutput: handler)
        }
    }

    /// The absolute path of the executable `name` in the colon-separated `searchPath`, or nil.
    /// A `name` containing "/" is returned as is when it is executable.
    public static func findExecutable(_ name: String, searchPath: String) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for directory in searchPath.split(separator: ":") where directory.hasPrefix("/") {
            let candidate = "\(directory)/\(name)"
            var info = stat()
            if stat(candidate, &info) == 0, POSIX.isRegular(info), access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }

    /// The parent process's `PATH`, or a conventional default.
    public static var inheritedSearchPath: String {
        getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }

    /// The first line, for one-line error messages.
    var firstLine: String {
        String(split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first ?? "")
    }
}
