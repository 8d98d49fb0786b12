#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// `rebuild --vary`: builds a commit twice as the control and once under each variation, each in
/// its own bubblewrap sandbox, as many at once as there are CPUs, and names per artifact the
/// variations that change it and the members that differ.
public enum VariationRebuilder {
    /// Exports `commit` of `repository` once per build (every object verified; its tree must equal
    /// `expectedTree` when given) and runs `recipe` in the sandbox under the two controls and each
    /// of `variations`. Inside every sandbox the source is at `/build/src` (`build_path` moves it),
    /// home at `/build/home`, `TMPDIR=/tmp`, `LC_ALL=C`, `TZ=UTC`, `SOURCE_DATE_EPOCH` the commit time,
    /// and (when libfaketime is installed) every process's clock starts at the run's start time.
    /// A variation this machine cannot apply is reported in `unavailable`, never faked.
    ///
    /// Throws like `Rebuilder.rebuild` (`.sandboxUnavailable` when bubblewrap is missing or refused;
    /// `--vary` has no unsandboxed mode), `.interrupted` on SIGINT, SIGTERM or SIGHUP.
    public static func check(repository: SourceRepository, commit: String, expectedTree: String?, recipe: RebuildRecipe,
                             artifacts: [ExpectedArtifact], variations: [BuildVariation],
                             options: RebuildOptions) throws -> VariationReport {
        guard !recipe.command.trimmingWhitespace().isEmpty else { throw SourceError(.buildFailed, "the build command is empty") }
        guard let bubblewrap = options.bubblewrap ?? BuildSandbox.locate() else { throw BuildSandbox.missing }
        let started = ContinuousClock.now
        let parent = options.temporaryDirectory ?? FileTree.defaultTemporaryParent
        return try TerminationSignals.watching {
            let work = try FileTree.makeTemporaryDirectory(in: parent, prefix: "govseal-vary-")
            do {
                var report = try check(in: work, repository: repository, commit: commit, expectedTree: expectedTree, recipe: recipe,
                                       artifacts: artifacts, variations: variations, options: options, bubblewrap: bubblewrap)
                let elapsed = ContinuousClock.now - started
                report = VariationReport(commit: report.commit, tree: report.tree, command: report.command, selected: report.selected,
                                         unavailable: report.unavailable, builds: report.builds, artifacts: report.artifacts,
                                         parallelism: report.parallelism, wallSeconds: seconds(elapsed),
                                         workDirectory: options.keep ? work : nil)
                if !options.keep { try FileTree.remove(work) }
                return report
            } catch {
                try? FileTree.remove(work)
                throw error
            }
        }
    }

    private struct Plan {
        let name: String
        let variation: BuildVariation?
        let setting: VariedSetting
        let folder: String
    }

    private static func check(in work: String, repository: SourceRepository, commit: String, expectedTree: String?,
                              recipe: RebuildRecipe, artifacts: [ExpectedArtifact], variations: [BuildVariation],
                              options: RebuildOptions, bubblewrap: String) throws -> VariationReport {
        let log = options.log ?? { _ in }
        let verified = try repository.commit(commit)
        if let expectedTree, expectedTree != verified.tree {
            throw SourceError(.treeMismatch, "commit \(verified.id) records tree \(verified.tree), but tree \(expectedTree) was expected")
        }
        let tools = VariationTools.find()
        var unavailable: [UnavailableVariation] = []
        var runnable: [BuildVariation] = []
        for variation in variations {
            if let reason = tools.unavailability(of: variation) {
                unavailable.append(UnavailableVariation(variation: variation, reason: reason))
            } else {
                runnable.append(variation)
            }
        }
        let now = time(nil)
        let start = tools.faketime == nil ? nil : clockText(now)
        let later = tools.faketime == nil ? nil : clockText(now + 5479 * 86400)
        let control = VariedSetting.control(start: start)
        var planned = [Plan(name: "control-1", variation: nil, setting: control, folder: work + "/build-control-1"),
                     Plan(name: "control-2", variation: nil, setting: control, folder: work + "/build-control-2")]
        planned += runnable.map { Plan(name: $0.rawValue, variation: $0, setting: control.applying($0, laterStart: later), folder: work + "/build-" + $0.rawValue) }

        // Shared, read-only: the generated locale and a passwd naming the varied user.
        let locale = work + "/locale"
        let passwd = work + "/passwd"
        try makeFolder(locale)
        try writeFile(passwd, passwdLines()
                      + "\(VariedSetting.otherUser.name):x:\(VariedSetting.otherUser.uid):\(VariedSetting.otherUser.gid)::/build/another-home-folder:/bin/sh\n")
        for plan in planned {
            for folder in [plan.folder, plan.folder + "/home", plan.folder + "/tmp"] { try makeFolder(folder) }
            log("checking out \(verified.id) for \(plan.name)")
            try repository.export(commit: verified.id, to: plan.folder + "/src")
        }
        let plans = planned
        let parallelism = max(1, min(tools.cpus, plans.count))
        log("running \(plans.count) builds, \(parallelism) at a time, each in a bubblewrap sandbox: \(recipe.command)")
        let results = Mutex([VariedBuild?](repeating: nil, count: plans.count))
        let failure = Mutex<(any Error)?>(nil)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: parallelism) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < plans.count, failure.withLock({ $0 == nil }) else { return }
                do {
                    let build = try run(plans[index], recipe: recipe, epoch: verified.committerTime, tools: tools, locale: locale,
                                        passwd: passwd, options: options, bubblewrap: bubblewrap)
                    log("\(build.name): \(build.succeeded ? "finished" : "FAILED") after \(Int(build.durationSeconds)) s")
                    results.withLock { $0[index] = build }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let builds = results.withLock { $0.compactMap { $0 } }
        try TerminationSignals.check("the rebuild")

        let deadline = ContinuousClock.now + options.timeout
        let compared = try artifacts.map { artifact in
            try compare(artifact, plans: plans, builds: builds, deadline: deadline)
        }
        return VariationReport(commit: verified.id, tree: verified.tree, command: recipe.command, selected: variations,
                               unavailable: unavailable, builds: builds, artifacts: compared, parallelism: parallelism,
                               wallSeconds: 0, workDirectory: nil)
    }

    /// One build in its sandbox, as `plan` says.
    private static func run(_ plan: Plan, recipe: RebuildRecipe, epoch: Int64, tools: VariationTools, locale: String, passwd: String,
                            options: RebuildOptions, bubblewrap: String) throws -> VariedBuild {
        let setting = plan.setting
        if plan.variation == .locale, let localedef = tools.localedef {
            // Only this build uses the generated locale: made here, in parallel with the other builds.
            var generate = Subprocess(executable: localedef, arguments: ["-i", "fr_FR", "-f", "UTF-8", locale + "/fr_FR.UTF-8"],
                                      environment: ["PATH": Rebuilder.buildSearchPath, "LC_ALL": "C"])
            generate.timeout = .seconds(120)
            _ = try generate.run()  // localedef exits 1 on harmless warnings: the build shows whether the locale works
        }
        var source = plan.folder + "/src"
        var mounted: String?
        if setting.reverseDirectoryOrder, let disorderfs = tools.disorderfs {
            let view = plan.folder + "/ordered-view"
            try makeFolder(view)
            var mount = Subprocess(executable: disorderfs, arguments: ["--reverse-dirents=yes", "--shuffle-dirents=no", "--multi-user=yes",
                                                                        "-o", "nosuid,nodev", source, view],
                                   environment: ["PATH": Rebuilder.buildSearchPath, "LC_ALL": "C"])
            mount.timeout = .seconds(60)
            let result = try mount.run()
            guard result.succeeded else {
                return VariedBuild(name: plan.name, variation: plan.variation, exitStatus: nil, timedOut: false, durationSeconds: 0,
                                   logTail: "[govseal] disorderfs could not mount the source: \(result.errorText.firstLine)\n")
            }
            mounted = view
            source = view
        }
        defer {
            if let mounted, let fusermount = tools.fusermount {
                var unmount = Subprocess(executable: fusermount, arguments: ["-u", "-z", mounted], environment: ["PATH": Rebuilder.buildSearchPath])
                unmount.timeout = .seconds(60)
                _ = try? unmount.run()
            }
        }
        let home = VariedSetting.sandboxRoot + "/" + setting.homeName
        var layout = BuildSandbox.Layout(workingDirectory: setting.sourceInside,
                                         writable: [(source, setting.sourceInside), (plan.folder + "/home", home)])
        layout.readOnly = [(locale, VariedSetting.sandboxRoot + "/locale"), (passwd, "/etc/passwd")]
        layout.hostname = setting.hostname
        layout.user = setting.user
        if setting.oneCPU, let taskset = tools.taskset { layout.launcher = [taskset, "-c", "0"] }
        let logFile = plan.folder + "/build.log"
        var build = Subprocess(executable: bubblewrap,
                               arguments: BuildSandbox.arguments(command: setting.script(recipe.command), layout: layout,
                                                                 environment: setting.environment(epoch: epoch, faketime: tools.faketime)),
                               environment: [:])
        build.statusDescriptor = true
        build.runAsBuild(logFile: logFile, timeout: options.timeout)
        let result = try build.run()
        BuildSandbox.awaitEnd(of: result)  // nothing of the build outlives this line
        if !result.timedOut, case .exited = result.termination, !BuildSandbox.commandRan(statusOutput: result.statusOutput) {
            throw BuildSandbox.unavailable(bwrap: bubblewrap, log: LogTail.read(logFile, lines: Rebuilder.logTailLines))
        }
        let exitStatus: Int32? = if case .exited(let status) = result.termination { status } else { nil }
        return VariedBuild(name: plan.name, variation: plan.variation, exitStatus: exitStatus, timedOut: result.timedOut,
                           durationSeconds: seconds(result.duration), logTail: LogTail.read(logFile, lines: Rebuilder.logTailLines))
    }

    /// The output of `artifact` in one build: its path when present and safe, else why not.
    private static func output(_ artifact: ExpectedArtifact, in plan: Plan, build: VariedBuild) -> (path: String?, missing: String?) {
        guard build.succeeded else {
            return (nil, build.timedOut ? "the build timed out" : "the build failed (\(build.exitStatus.map { "exit status \($0)" } ?? "killed by a signal"))")
        }
        do {
            let path = try OutputPath.resolve(artifact.outputPath, within: plan.folder + "/src")
            guard let info = try POSIX.pathInfo(path) else { return (nil, "'\(artifact.outputPath)' was not produced") }
            guard POSIX.isRegular(info) else { return (nil, "'\(artifact.outputPath)' is not a regular file") }
            return (path, nil)
        } catch let error as SourceError {
            return (nil, error.reason)
        } catch {
            return (nil, "\(error)")
        }
    }

    private static func compare(_ artifact: ExpectedArtifact, plans: [Plan], builds: [VariedBuild],
                                deadline: ContinuousClock.Instant) throws -> ArtifactReproducibility {
        let first = output(artifact, in: plans[0], build: builds[0])
        let second = output(artifact, in: plans[1], build: builds[1])
        guard let reference = first.path, let other = second.path else {
            return ArtifactReproducibility(name: artifact.name, outputPath: artifact.outputPath, controlSHA256: nil, matchesBlessing: false,
                                           controlMissing: first.missing ?? second.missing, controlDifferences: [], variesWith: [])
        }
        let digest = try FileDigest.of(path: reference, includeSHA512: artifact.sha512 != nil, deadline: deadline)
        let matches = digest.size == artifact.size && digest.sha256 == artifact.sha256 && (artifact.sha512 == nil || digest.sha512 == artifact.sha512)
        let controlDifferences = try ArchiveComparison.compare(reference: reference, rebuilt: other, name: artifact.name, deadline: deadline)
        // A variation explains a difference only when it changes something the controls do not change among themselves.
        let unexplained = Set(controlDifferences.map(\.path))
        var effects: [VariationEffect] = []
        for (plan, build) in zip(plans, builds).dropFirst(2) {
            guard let variation = plan.variation else { continue }
            let varied = output(artifact, in: plan, build: build)
            guard let path = varied.path else {
                effects.append(VariationEffect(variation: variation, differences: [], missing: varied.missing))
                continue
            }
            let differences = try ArchiveComparison.compare(reference: reference, rebuilt: path, name: artifact.name, deadline: deadline)
            if !differences.isEmpty && !Set(differences.map(\.path)).isSubset(of: unexplained) {
                effects.append(VariationEffect(variation: variation, differences: differences, missing: nil))
            }
        }
        return ArtifactReproducibility(name: artifact.name, outputPath: artifact.outputPath, controlSHA256: digest.sha256,
                                       matchesBlessing: matches, controlMissing: nil, controlDifferences: controlDifferences,
                                       variesWith: effects)
    }

    // MARK: small helpers

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// `YYYY-MM-DD hh:mm:ss` in UTC, as libfaketime reads an absolute start time.
    private static func clockText(_ time: time_t) -> String {
        var value = time
        var parts = tm()
        gmtime_r(&value, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    /// The host's `/etc/passwd` (up to 1 MiB), ending in a newline; empty when unreadable.
    private static func passwdLines() -> String {
        guard let text = BuildPlatform.smallRegularFile("/etc/passwd", limit: 1 << 20), !text.isEmpty else { return "" }
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    private static func makeFolder(_ path: String) throws {
        guard mkdir(path, 0o700) == 0 else { throw POSIX.ioError("cannot create", path) }
    }

    private static func writeFile(_ path: String, _ text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIX.ioError("cannot create", path) }
        defer { close(fd) }
        try Array(text.utf8).withUnsafeBytes { try POSIX.writeAll(fd, $0, displayPath: path) }
    }
}
