import ArgumentParser
import GovSealDocuments
import GovSealExport
import GovSealFiles
import GovSealJSON
#if canImport(Glibc)
import Glibc
#endif

/// `govseal export dsse|cosmos|ic-admin|sha256sums FILE`: a document in another format.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a document as a DSSE envelope, a chain's native proposal, or a SHA256SUMS file.",
        subcommands: [ExportDSSECommand.self, ExportCosmosCommand.self, ExportICAdminCommand.self, ExportSHA256SUMSCommand.self]
    )
}

/// Where an export goes: stdout, or `--out FILE` written atomically.
struct ExportOutput: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Write to FILE (atomically) instead of stdout.", valueName: "FILE"))
    var out: String?
    @Flag(name: .long, help: "Replace existing output files.")
    var force = false

    func emit(_ bytes: [UInt8]) throws {
        guard let out else {
            print(String(decoding: bytes, as: UTF8.self), terminator: "")
            return
        }
        try CLI.write(bytes, to: out, force: force)
    }

    /// Runs an export of `file`: a bad option is a usage error (64), anything else bad input (2).
    static func run<T>(_ file: String, _ body: () throws -> T) throws -> T {
        try reading(file) {
            do {
                return try body()
            } catch let error as ExportError where error.code == .invalidOption {
                throw UsageError(error.description)
            }
        }
    }
}

struct ExportDSSECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsse", abstract: "A DSSE envelope (an in-toto attestation for attestations); ECDSA signatures in DER.")
    @Argument(help: "The document.") var file: String
    @OptionGroup var output: ExportOutput

    func run() throws {
        try output.emit(try ExportOutput.run(file) { try DSSE.envelopeBytes(for: try DocumentFile.read(file)) })
    }
}

struct ExportCosmosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cosmos",
        abstract: "The JSON of `tx gov submit-proposal`: a software upgrade for a blessing, a text proposal for a nomination.")
    @Argument(help: "The document.") var file: String
    @Option(help: "The upgrade plan name (default: release.version).") var planName: String?
    @Option(help: "The block height of the upgrade.") var height: Int64?
    @Option(help: "The initial deposit, e.g. 10000000uatom.") var deposit: String
    @Flag(help: "Submit as an expedited proposal.") var expedited = false
    @Option(help: "Proposal metadata (default for a blessing: its proposal id).") var metadata: String?
    @Option(help: "The bech32 prefix, for a chain not in the built-in table.") var bech32Prefix: String?
    @Option(help: ArgumentHelp("The cosmovisor platform of an artifact, e.g. gaiad=linux/amd64.", valueName: "NAME=OS/ARCH"))
    var platform: [String] = []
    @OptionGroup var output: ExportOutput

    func run() throws {
        let platforms = try platform.map { try CLI.pair($0, option: "--platform", form: "NAME=OS/ARCH") }
            .map { (artifact: $0.0, platform: $0.1) }
        let options = CosmosProposal.Options(planName: planName, height: height, deposit: deposit, expedited: expedited,
                                             metadata: metadata, bech32Prefix: bech32Prefix, platforms: platforms)
        let export = try ExportOutput.run(file) { try CosmosProposal.export(try DocumentFile.read(file), options: options) }
        for note in export.notes { printError("govseal: note: \(note)") }
        try output.emit(JSONWriter.pretty(export.json))
    }
}

struct ExportICAdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ic-admin",
        abstract: "The `ic-admin propose-to-revise-elected-guestos-versions` command line, and its summary file.")
    @Argument(help: "The blessing.") var file: String
    @Option(help: "The artifact that is the release package (when the blessing has several).") var artifact: String?
    @Option(help: ArgumentHelp("Where to write the proposal summary (default: FILE.summary.md).", valueName: "PATH"))
    var summaryOut: String?
    @OptionGroup var output: ExportOutput

    func run() throws {
        let proposal = try ExportOutput.run(file) { try ICAdminProposal(try DocumentFile.read(file), artifact: artifact) }
        let summaryPath = summaryOut ?? file + ".summary.md"
        if !output.force {
            for path in [summaryPath] + (output.out.map { [$0] } ?? []) where AtomicFile.exists(path) {
                throw InputError(file: path, "already exists; pass --force to replace it")
            }
        }
        // Both files or neither: when the command cannot be written, the summary is put back.
        let previous = "\(AtomicFile.parentDirectory(of: summaryPath))/.\(AtomicFile.baseName(of: summaryPath))"
            + ".previous-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let existed = AtomicFile.exists(summaryPath)
        let keptAside = existed && link(summaryPath, previous) == 0  // a hard link to the old file (or symbolic link)
        defer { if keptAside { unlink(previous) } }
        try CLI.write(Array(proposal.summary.utf8), to: summaryPath, force: output.force)
        do {
            try output.emit(Array(proposal.commandLine(summaryFile: summaryPath).utf8))
        } catch {
            if keptAside { rename(previous, summaryPath) } else if !existed { unlink(summaryPath) }
            throw error
        }
    }
}

struct ExportSHA256SUMSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sha256sums", abstract: "A SHA256SUMS file of a blessing's artifacts, for `sha256sum -c`.")
    @Argument(help: "The blessing.") var file: String
    @OptionGroup var output: ExportOutput

    func run() throws {
        try output.emit(try ExportOutput.run(file) { try SHA256SUMS.text(for: try DocumentFile.read(file)) })
    }
}
