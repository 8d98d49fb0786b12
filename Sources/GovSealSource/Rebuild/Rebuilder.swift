#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reproducible rebuilds: export a commit, run its build recipe in a sandbox with a scrubbed
/// environment, and compare every declared output with the blessed size and digests.
public enum Rebuilder {
    /// The search path given to builds.
    public static let buildSearchPath = "/usr/local/bin:/usr/bin:/bin"
    /// How many lines of build output the report keeps.
    public static let logTailLines = 40

    /// Exports `commit` (a full id) from `repository` into a fresh temporary folder (`<tmp>/src`),
    /// every object verified against its id, checks that its tree equals `expectedTree` when given, then runs `/bin/sh -c recipe.command` there with
    /// stdin from `/dev/null`, a time limit (after which the whole process group is killed) and a
    /// scrubbed environment holding only `PATH=/usr/local/bin:/usr/bin:/bin`, `HOME=<tmp>/home`,
    /// `TMPDIR=<tmp>/tmp`, `LC_ALL=C`, `TZ=UTC` and `SOURCE_DATE_EPOCH=<committer time>`.
    /// Then hashes every declared output and compares size and SHA-256 (and SHA-512 when given).
    ///
    /// By default (`options.isolation == .bubblewrap`) the command runs inside `BuildSandbox`: no
    /// network, its own PID namespace (when it ends, times out or this process gets SIGINT, SIGTERM
    /// or SIGHUP, every process of the build is gone, `setsid` daemons included), the system
    /// read-only and only `src`, `home` and `tmp` of the temporary folder writable. The build log
    /// and everything else of the caller's stay outside it. On SIGINT, SIGTERM or SIGHUP the build
    /// is killed, the temporary folder removed and `.interrupted` thrown.
    ///
    /// Output paths that leave the source folder (absolute, containing "..", or through a symlink
    /// to outside) are refused as `.unsafePath` before they are read. On a mismatch, when both
    /// the rebuilt output and the published artifact in `options.referenceArtifacts` are tar
    /// archives (plain or gzip), the members that differ are listed. The temporary folder is
    /// removed unless `options.keep`; on error it is always removed.
    ///
    /// A failed build, a timeout or a mismatch is reported, not thrown: see `RebuildReport.allMatch`
    /// and `problems`. Throws `SourceError` for what prevents a rebuild: `.invalidReference`,
    /// `.unknownCommit`, `.missingObject` or `.corruptObject` for the commit and its objects, `.treeMismatch` when the commit's tree is not
    /// `expectedTree`, `.buildFailed` for an empty command, `.io`, `.gitFailed`, `.spawnFailed`,
    /// `.sandboxUnavailable` when bubblewrap is missing or cannot set up its namespaces (before the
    /// build starts), `.interrupted`.
    public static func rebuild(repository: SourceRepository, commit: String, expectedTree: String?, recipe: RebuildRecipe,
                               artifacts: [ExpectedArtifact], options: RebuildOptions) throws -> RebuildReport {
        guard !recipe.command.trimmingWhitespace().isEmpty else {
            throw SourceError(.buildFailed, "the build command is empty")
        }
        var bubblewrap: String?
        if options.isolation == .bubblewrap {
            guard let found = options.bubblewrap ?? BuildSandbox.locate() else { throw BuildSandbox.missing }
            bubblewrap = found
        }
        let parent = options.temporaryDirectory ?? FileTree.defaultTemporaryParent
        return try TerminationSignals.watching {
            let work = try FileTree.makeTemporaryDirectory(in: parent, prefix: "govseal-rebuild-")
            do {
                let report = try rebuild(in: work, repository: repository, commit: commit, expectedTree: expectedTree,
                                         recipe: recipe, artifacts: artifacts, options: options, bubblewrap: bubblewrap)
                if !options.keep {
                    options.log?("removing \(work)")
                    try FileTree.remove(work)
                }
                return report
            } catch {
                try? FileTree.remove(work)
                throw error
            }
        }
    }

    private static func rebuild(in work: String, repository: SourceRepository, commit: String, expectedTree: String?,
                                recipe: RebuildRecipe, artifacts: [ExpectedArtifact], options: RebuildOptions,
                                bubblewrap: String?) throws -> RebuildReport {
        let log = options.log ?? { _ in }
        let verified = try repository.commit(commit)
        let full = verified.id
        let tree = verified.tree
        if let expectedTree, expectedTree != tree {
            throw SourceError(.treeMismatch, "commit \(full) records tree \(tree), but tree \(expectedTree) was expected")
        }
        let source = work + "/src"
        let home = work + "/home"
        let temporary = work + "/tmp"
        for folder in [home, temporary] where mkdir(folder, 0o700) != 0 {
            throw POSIX.ioError("cannot create", folder)
        }
        log("checking out \(full) (tree \(tree)) into \(source)")
        try repository.export(commit: full, to: source)
        try TerminationSignals.check("the rebuild")
        let epoch = verified.committerTime

        let environment = [
            "PATH": buildSearchPath, "HOME": home, "TMPDIR": temporary,
            "LC_ALL": "C", "TZ": "UTC", "SOURCE_DATE_EPOCH": String(epoch),
        ]
        let logFile = work + "/build.log"
        var build = Subprocess(executable: "/bin/sh", arguments: ["-c", recipe.command], environment: environment,
                               workingDirectory: source)
        if let bubblewrap {
            build.executable = bubblewrap
            build.arguments = BuildSandbox.arguments(command: recipe.command, source: source, writable: [source, home, temporary],
                                                     environment: environment)
            build.statusDescriptor = true
        }
        build.runAsBuild(logFile: logFile, timeout: options.timeout)
        let isolation = bubblewrap == nil ? "WITHOUT a sandbox" : "in a bubblewrap sandbox"
        log("running build \(isolation): \(recipe.command) (SOURCE_DATE_EPOCH=\(epoch), time limit \(options.timeout))")
        let deadline = ContinuousClock.now + options.timeout  // for the build and the checking of its outputs
        let result = try build.run()
        if bubblewrap != nil { BuildSandbox.awaitEnd(of: result) }  // nothing of the build outlives this line
        if let bubblewrap, !result.timedOut, case .exited = result.termination,
           !BuildSandbox.commandRan(statusOutput: result.statusOutput) {
            throw BuildSandbox.unavailable(bwrap: bubblewrap, log: LogTail.read(logFile, lines: logTailLines))
        }
        let seconds = Double(result.duration.components.seconds) + Double(result.duration.components.attoseconds) / 1e18
        var outcome = "build finished with \(result.termination) after \(Int(seconds)) s"
        var note: String?  // appended to the log tail, which otherwise would not say why the build stopped
        if result.timedOut {
            outcome = "the build ran past its time limit of \(options.timeout) and its process group was killed"
            note = "[govseal] " + outcome
        } else if case .signaled(let signal) = result.termination {
            outcome = "the build was killed by signal \(signal)"
            note = "[govseal] " + outcome
        }
        log(outcome)

        var results: [ArtifactResult] = []
        var timedOut = result.timedOut
        func unchecked(_ artifact: ExpectedArtifact) -> ArtifactResult {
            ArtifactResult(name: artifact.name, outputPath: artifact.outputPath,
                           outcome: .unsafePath(reason: "not checked: the rebuild ran past its time limit"))
        }
        for artifact in artifacts {
            try TerminationSignals.check("the rebuild")
            if timedOut {
                results.append(unchecked(artifact))
                continue
            }
            log("checking \(artifact.name) at \(artifact.outputPath)")
            do {
                results.append(try ArtifactCheck.check(artifact, sourceRoot: source, referenceFolder: options.referenceArtifacts,
                                                       deadline: deadline))
            } catch let error as SourceError where error.code == .timeout {
                timedOut = true
                note = "[govseal] checking the outputs ran past the time limit of \(options.timeout): \(error.reason)"
                log(note ?? "")
                results.append(unchecked(artifact))
            }
        }
        var tail = LogTail.read(logFile, lines: logTailLines)
        if let note { tail += (tail.isEmpty || tail.hasSuffix("\n") ? "" : "\n") + note + "\n" }
        let exitStatus: Int32? = if case .exited(let status) = result.termination { status } else { nil }
        return RebuildReport(commit: full, tree: tree, command: recipe.command, exitStatus: exitStatus, timedOut: timedOut,
                             durationSeconds: seconds, artifacts: results, workDirectory: options.keep ? work : nil, logTail: tail,
                             isolation: bubblewrap == nil ? .none : .bubblewrap, platform: .current())
    }
}

extension Subprocess {
    /// Sets this process up as a build: stopped with govseal on SIGINT, SIGTERM or SIGHUP, no
    /// input, standard output and error together into `logFile`, killed after `timeout`.
    mutating func runAsBuild(logFile: String, timeout: Duration) {
        stopsOnTerminationSignals = true
        standardInput = .null
        standardOutput = .file(logFile)
        standardError = .standardOutput
        self.timeout = timeout
    }
}

/// The end of a log file.
enum LogTail {
    /// The last `lines` lines of `path` (reading at most its last 64 KiB); empty when unreadable or
    /// not a regular file (a FIFO, socket, device or symlink put in its place is never opened
    /// blocking nor followed).
    static func read(_ path: String, lines: Int) -> String {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, POSIX.isRegular(info) else { return "" }
        let window = 64 << 10
        let end = lseek(fd, 0, SEEK_END)
        guard end > 0 else { return "" }
        let start = max(0, end - off_t(window))
        var bytes = [UInt8](repeating: 0, count: Int(end - start))
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, start) }
        guard count > 0 else { return "" }
        bytes = Array(bytes.prefix(count))
        var newlines = 0
        var cut = bytes.endIndex
        for index in bytes.indices.reversed() where bytes[index] == 0x0a && index != bytes.count - 1 {
            newlines += 1
            if newlines == lines { cut = index + 1; break }
        }
        let kept = newlines == lines ? bytes[cut...] : bytes[...]
        return String(decoding: kept, as: UTF8.self)
    }
}
