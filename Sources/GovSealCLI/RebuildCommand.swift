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

    /// Runs the rebuild of the blessing and returns the blessing document and the report.
    func rebuild() throws -> (Document, RebuildReport) {
        let document = try CLI.readDocument(blessing)
        guard document.type == .blessing else { throw InputError(file: blessing, "is a \(document.type.rawValue), not a blessing") }
        let parsed = try reading(blessing) { try Blessing(body: document.body) }
        let repository = try reading(source) { try GitRepository(path: source) }
        var options = RebuildOptions()
        options.timeout = .seconds(timeout)
        options.keep = keep
        options.referenceArtifacts = reference
        if !quiet { options.log = { printError("govseal: \($0)") } }
        let report = try reading(source) {
            do {
                return try parsed.rebuild(from: repository, options: options)
            } catch let error as DocumentError {
                throw InputError(file: blessing, "\(error)")  // the blessing's recipe, not the source, is at fault
            }
        }
        return (document, report)
    }
}

/// `govseal rebuild`: run the blessed recipe on the disclosed source and compare every digest.
struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild the disclosed source with the blessed recipe and compare every artifact digest.",
        discussion: """
        Checks the commit out of --source into a fresh temporary folder (its tree must equal the blessed \
        tree), runs the build command there with a scrubbed environment (PATH=/usr/local/bin:/usr/bin:/bin, \
        HOME in the temporary folder, LC_ALL=C, TZ=UTC, SOURCE_DATE_EPOCH = the commit time) and a timeout, \
        then hashes every declared output. One line per artifact; exit 1 on any mismatch. Output paths that \
        escape the source folder are refused. Nothing is left behind unless --keep.
        """
    )

    @OptionGroup var options: RebuildOptionGroup
    @Flag(help: "Print one JSON report.") var json = false

    func run() throws {
        let (_, report) = try options.rebuild()
        if json {
            CLI.printJSON(report.json)
        } else {
            report.lines.forEach { print($0) }
        }
        if !report.allMatch { throw ChecksFailed() }
    }
}
