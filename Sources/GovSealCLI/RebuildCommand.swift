import ArgumentParser
import GovSealDocuments
import GovSealJSON
import GovSealSource

/// Options shared by `rebuild` and `attest`.
struct RebuildOptionGroup: ParsableArguments {
    @Argument(help: "The blessing whose build recipe to run.") var blessing: String
    @Option(help: "The disclosed source repository (git) holding the blessed commit.") var source: String
    @Option(help: "Kill the build after this many seconds.") var timeout: Int = 1800
    @Option(help: "Folder of the published artifacts by name, to list which archive members differ on a mismatch.")
    var reference: String?
    @Flag(help: "Keep the temporary build folder and print its path.") var keep = false
    @Flag(help: "Print no progress lines on stderr.") var quiet = false
    @Flag(help: "Run the build without the bubblewrap sandbox (network, home and keys reachable); recorded as isolation none.")
    var noSandbox = false

    /// Runs the rebuild of the blessing and returns the blessing document and the report.
    ///
    /// When the source does not hold the blessed commit and tree intact (absent, partial, corrupt,
    /// another tree), that is a failed check, not bad input: one `[FAIL] source …` line (or a JSON
    /// report with `--json`) and exit 1. Nothing is built then.
    func rebuild(json: Bool = false) throws -> (Document, RebuildReport) {
        let (document, parsed, repository, options) = try prepare()
        let report = try guarded(json: json) { try parsed.rebuild(from: repository, options: options) }
        return (document, report)
    }

    /// `--vary`: the control builds and one build per variation, each in the sandbox.
    func vary(_ variations: [BuildVariation], json: Bool) throws -> VariationReport {
        let (_, parsed, repository, options) = try prepare()
        return try guarded(json: json) {
            let (recipe, artifacts) = try parsed.rebuildInputs()
            return try VariationRebuilder.check(repository: repository, commit: parsed.source.commit, expectedTree: parsed.source.tree,
                                                recipe: recipe, artifacts: artifacts, variations: variations, options: options)
        }
    }

    private func prepare() throws -> (Document, Blessing, SourceRepository, RebuildOptions) {
        let document = try CLI.readDocument(blessing)
        guard document.type == .blessing else { throw InputError(file: blessing, "is a \(document.type.rawValue), not a blessing") }
        let parsed = try reading(blessing) { try Blessing(body: document.body) }
        let repository = try reading(source) { try SourceRepository(path: source) }
        var options = RebuildOptions()
        options.timeout = .seconds(timeout)
        options.keep = keep
        options.referenceArtifacts = reference
        options.isolation = noSandbox ? .none : .bubblewrap
        if noSandbox {
            printError("govseal: warning: --no-sandbox: the build runs as you, with your network, home, keys and sockets reachable")
        }
        if !quiet { options.log = { printError("govseal: \($0)") } }
        return (document, parsed, repository, options)
    }

    /// Runs `body`, mapping what stops a rebuild to the CLI's outcomes.
    ///
    /// When the source does not hold the blessed commit and tree intact (absent, partial, corrupt,
    /// another tree), that is a failed check, not bad input: one `[FAIL] source …` line (or a JSON
    /// report with `--json`) and exit 1. Nothing is built then.
    private func guarded<T>(json: Bool, _ body: () throws -> T) throws -> T {
        var interruption: SourceError?
        do {
            return try build(json: json, interruption: &interruption, body)
        } catch is ChecksFailed where interruption != nil {  // the build was killed and its folder removed
            printError("govseal: \(interruption!.reason); the temporary folder was removed")
            throw ExitCode(128 + TerminationSignals.received)
        }
    }

    private func build<T>(json: Bool, interruption: inout SourceError?, _ body: () throws -> T) throws -> T {
        try reading(source) {
            do {
                return try body()
            } catch let error as SourceError where error.code == .sandboxUnavailable {
                throw InputError(error.reason)  // exit 2, naming the cause and --no-sandbox
            } catch let error as SourceError where error.code == .interrupted {
                interruption = error
                throw ChecksFailed()
            } catch let error as DocumentError {
                throw InputError(file: blessing, "\(error)")  // the blessing's recipe, not the source, is at fault
            } catch let error as SourceError where Self.evidenceFailures.contains(error.code) {
                let check = Check(error.code == .treeMismatch ? "source tree" : "source commit", passed: false, "\(error)")
                if json {
                    let entry = JSONObject([("name", .string(check.name)), ("passed", .bool(false)), ("detail", .string(check.detail))])
                    CLI.printJSON(.object(JSONObject([("passed", .bool(false)), ("checks", .array([.object(entry)]))])))
                } else {
                    print(check.line)
                }
                throw ChecksFailed()
            }
        }
    }
}

extension RebuildOptionGroup {
    /// Source errors that mean the evidence does not hold (exit 1), as opposed to unusable input.
    static let evidenceFailures: Set<SourceError.Code> = [.unknownCommit, .missingObject, .corruptObject, .treeMismatch]
}

/// `govseal rebuild`: run the blessed recipe on the disclosed source and compare every digest.
struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild the disclosed source with the blessed recipe and compare every artifact digest.",
        discussion: """
        Reads the blessed commit from --source natively (never through git: the repository's config, refs, \
        replace refs, grafts, hooks and alternates are not used), verifying every object against its id, and \
        writes it into a fresh temporary folder (its tree must equal the blessed tree; an absent or corrupt \
        commit is a failed check, exit 1), runs the build command there with a scrubbed environment (PATH=/usr/local/bin:/usr/bin:/bin, \
        HOME in the temporary folder, LC_ALL=C, TZ=UTC, SOURCE_DATE_EPOCH = the commit time) and a timeout, \
        inside a bubblewrap sandbox (no network, the system read-only, only the build folder writable, own PID \
        namespace: nothing of the build survives it, your home and keys invisible; --no-sandbox runs it as you), \
        then hashes every declared output. One line per artifact; exit 1 on any mismatch. Output paths that \
        escape the source folder are refused. Nothing is left behind unless --keep.

        --vary (the blessing may be unsigned: the check before blessing) builds twice as the control and once \
        under each variation: time, build_path, umask, locale, timezone, hostname, user, home, num_cpus, \
        file_order, environment. Exit 0 only when every artifact is identical in every build; a difference \
        between the two controls is non-determinism no variation explains. A variation this machine cannot \
        apply is named and makes the check incomplete (exit 1); choose others with --variations.
        """
    )

    @OptionGroup var options: RebuildOptionGroup
    @Flag(help: "Print one JSON report.") var json = false
    @Flag(help: "Build twice as the control and once under each variation (in the sandbox, in parallel); name per artifact the variations that change it.")
    var vary = false
    @Option(help: "With --vary: the variations, comma-separated (default all: \(BuildVariation.allCases.map(\.rawValue).joined(separator: ","))).")
    var variations: String?

    func validate() throws {
        if variations != nil && !vary { throw ValidationError("--variations needs --vary") }
        if vary && options.noSandbox { throw ValidationError("--vary runs every build in the sandbox; it cannot be combined with --no-sandbox") }
        if let variations {
            let parsed = BuildVariation.parse(variations)
            if !parsed.unknown.isEmpty {
                throw ValidationError("unknown variation \(parsed.unknown.map { "'\($0)'" }.joined(separator: ", ")); known: "
                                      + BuildVariation.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if parsed.variations.isEmpty { throw ValidationError("--variations names no variation") }
        }
    }

    func run() throws {
        if vary {
            let selected = variations.map { BuildVariation.parse($0).variations } ?? BuildVariation.allCases
            let report = try options.vary(selected, json: json)
            if json {
                CLI.printJSON(report.json)
            } else {
                report.lines.forEach { print($0) }
            }
            if !report.allReproducible { throw ChecksFailed() }
            return
        }
        let (_, report) = try options.rebuild(json: json)
        if json {
            CLI.printJSON(report.json)
        } else {
            report.lines.forEach { print($0) }
        }
        if !report.allMatch { throw ChecksFailed() }
    }
}
