#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The author's own git repository, driven through the real `git` binary to resolve a ref (a
/// branch, tag or `HEAD`) to a commit id when a blessing is made: `posix_spawn` with argument
/// arrays, never a shell string.
///
/// Only for a repository the caller trusts (its configuration is git's to apply). A disclosed
/// repository is hostile input and is read with `SourceRepository`, never through git; everything
/// after ref resolution (the commit, its tree, the export) goes through `SourceRepository` too. Every commit id or ref is validated before use so that it can never be
/// taken as an option (no leading "-"), and is passed after `--end-of-options`.
///
/// git runs with the caller's environment minus every `GIT_*` variable (so nothing redirects it
/// to another repository or index), with `LC_ALL=C` and no terminal prompts.
public struct GitRepository: Sendable {
    /// The repository path as given (the top of a work tree, or a bare repository / `.git` folder).
    public let path: String
    /// The `git` executable used.
    public let gitExecutable: String
    /// The time limit of each git command.
    public var commandTimeout: Duration = .seconds(600)

    /// Opens the repository at `path`, which must be the top level of a work tree or a git folder
    /// itself (a subfolder of a repository is refused, so a folder inside some other checkout is
    /// never mistaken for the source).
    ///
    /// Throws `.gitMissing` when no git executable is found (on `PATH`, or `gitExecutable`),
    /// `.notARepository` naming the path otherwise.
    public init(path: String, gitExecutable: String? = nil) throws {
        guard let git = Subprocess.findExecutable(gitExecutable ?? "git", searchPath: Subprocess.inheritedSearchPath) else {
            throw SourceError(.gitMissing, "git was not found (looked for '\(gitExecutable ?? "git")' on PATH); install git to check sources")
        }
        self.path = path
        self.gitExecutable = git
        var info = stat()
        guard !path.isEmpty, !POSIX.containsNUL(path), stat(path, &info) == 0, POSIX.isDirectory(info),
              let real = Self.realPath(path) else {
            throw SourceError(.notARepository, "'\(path)' is not a directory")
        }
        let probe = try run(["rev-parse", "--absolute-git-dir"], failure: .notARepository)
        if probe.text == real { return }
        if let top = try? run(["rev-parse", "--show-toplevel"], failure: .notARepository), top.text == real { return }
        throw SourceError(.notARepository, "'\(path)' is inside the git repository at '\(probe.text)' but is not its top level")
    }

    /// The repository's object format (`sha1` or `sha256`).
    ///
    /// Throws `.gitFailed` when git reports a format this module does not know.
    public func objectFormat() throws -> GitObjectFormat {
        let text = try run(["rev-parse", "--show-object-format"]).text
        guard let format = GitObjectFormat(rawValue: text) else {
            throw SourceError(.gitFailed, "repository '\(path)' uses object format '\(text)', which is not supported")
        }
        return format
    }

    /// The full commit id that `ref` (a commit id, short id, branch or tag) names.
    ///
    /// Throws `.invalidReference` for a ref that is unsafe to pass to git, `.unknownCommit`
    /// naming the ref when it does not name exactly one commit.
    public func resolveCommit(_ ref: String) throws -> String {
        try GitReference.validate(ref)
        let output = try run(["rev-parse", "--verify", "--quiet", "--end-of-options", "\(ref)^{commit}"], failure: .unknownCommit,
                             reason: "no commit named '\(ref)' in '\(path)' (unknown or ambiguous)")
        return try checkedID(output.text, what: "commit '\(ref)'")
    }

    /// The id of the tree that commit `id` records, as git reports it (the author's own repository).
    ///
    /// Throws `.invalidReference` or `.unknownCommit` naming `id`.
    public func treeID(ofCommit id: String) throws -> String {
        try GitReference.validate(id)
        let output = try run(["rev-parse", "--verify", "--quiet", "--end-of-options", "\(id)^{commit}^{tree}"], failure: .unknownCommit,
                             reason: "no commit named '\(id)' in '\(path)'")
        return try checkedID(output.text, what: "tree of commit '\(id)'")
    }

    // MARK: Running git

    struct Output {
        let output: [UInt8]
        var text: String { String(decoding: output, as: UTF8.self).trimmingWhitespace() }
    }

    /// The environment git runs with.
    var gitEnvironment: [String: String] {
        var environment: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                let key = String(text[..<equals])
                if !key.hasPrefix("GIT_") { environment[key] = String(text[text.index(after: equals)...]) }
            }
            pointer += 1
        }
        environment["LC_ALL"] = "C"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_NO_REPLACE_OBJECTS"] = "1"
        environment["GIT_NO_LAZY_FETCH"] = "1"  // git 2.44+; older versions ignore it
        return environment
    }

    /// A git command in this repository, with no fsmonitor, no transport allowed (so no lazy fetch
    /// can run a remote helper) and no pager.
    func command(_ arguments: [String]) -> Subprocess {
        let settings = ["-c", "core.fsmonitor=false", "-c", "protocol.allow=never", "-c", "core.pager=cat", "--no-pager"]
        var process = Subprocess(executable: gitExecutable, arguments: ["-C", path] + settings + arguments,
                                 environment: gitEnvironment)
        process.timeout = commandTimeout
        return process
    }

    /// Runs git; a non-zero exit throws `failure` (with `reason`, or git's own first error line).
    @discardableResult
    func run(_ arguments: [String], failure: SourceError.Code = .gitFailed, reason: String? = nil,
             limit: Int = 16 << 20) throws -> Output {
        var process = command(arguments)
        process.standardOutput = .capture(limit: limit)
        process.standardError = .capture(limit: 64 << 10)
        let result = try process.run()
        try check(result, arguments: arguments, failure: failure, reason: reason)
        return Output(output: result.standardOutput)
    }

    func check(_ result: Subprocess.Result, arguments: [String], failure: SourceError.Code, reason: String?) throws {
        let summary = "git \(arguments.prefix(2).joined(separator: " "))"
        if result.timedOut {
            throw SourceError(.timeout, "\(summary) in '\(path)' ran longer than \(commandTimeout) and was killed")
        }
        guard result.succeeded else {
            let detail = result.errorText.firstLine
            throw SourceError(failure, reason ?? "\(summary) failed in '\(path)' (\(result.termination))\(detail.isEmpty ? "" : ": \(detail)")")
        }
        guard !result.outputTruncated else {
            throw SourceError(.gitFailed, "\(summary) in '\(path)' printed more output than expected")
        }
    }

    private func checkedID(_ text: String, what: String) throws -> String {
        guard text.utf8.count == 40 || text.utf8.count == 64,
              let format = GitObjectFormat(idHexLength: text.utf8.count), GitReference.isFullID(text, format: format) else {
            throw SourceError(.gitFailed, "git printed '\(text.prefix(80))' for the \(what), not an object id")
        }
        return text
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
