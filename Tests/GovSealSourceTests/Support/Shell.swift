import Foundation

/// Runs reference tools (git, tar, gzip) with Foundation's `Process`, independently of the
/// module's own `Subprocess`, so the oracle does not share code with what it checks.
enum Shell {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                    environment: [String: String]? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(String(decoding: err, as: UTF8.self))")
        }
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The real `git` as the oracle, isolated from the user's configuration.
struct Git {
    static let executable: String = {
        for directory in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: directory + "/git") {
            return directory + "/git"
        }
        return "/usr/bin/git"
    }()

    /// Fixed identity and dates, no system or user configuration.
    static let environment: [String: String] = [
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": "/nonexistent",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": "2024-03-01T12:00:00Z", "GIT_COMMITTER_DATE": "2024-03-01T12:00:00Z",
        "LC_ALL": "C",
    ]

    let directory: String

    @discardableResult
    func callAsFunction(_ arguments: String..., environment extra: [String: String] = [:]) throws -> String {
        try run(arguments, environment: extra)
    }

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
        try Shell.run(Git.executable, ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "core.quotepath=off"] + arguments,
                      in: directory, environment: Git.environment.merging(extra) { $1 })
    }

    /// `git init` with the given object format and branch `main`.
    static func initialize(_ directory: String, format: String = "sha1") throws -> Git {
        try Files.makeFolder(directory)
        let git = Git(directory: directory)
        try git("init", "-q", "-b", "main", "--object-format=\(format)")
        return git
    }

    /// The tree id git records for the folder's content.
    func writeTree() throws -> String {
        try self("add", "-A")
        return try self("write-tree")
    }

    /// Commits everything with a fixed date (seconds since 1970) and returns the commit id.
    @discardableResult
    func commitAll(_ message: String, date: Int) throws -> String {
        try self("add", "-A")
        let stamp = "@\(date) +0000"
        try run(["commit", "-q", "--allow-empty", "-m", message], environment: ["GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp])
        return try self("rev-parse", "HEAD")
    }
}
