import ArgumentParser
import GovSealDocuments

/// `govseal reveal`: record the disclosure of an embargoed release's source.
struct RevealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reveal",
        abstract: "Record the disclosure of an embargoed release's source, checked against the blessing.",
        discussion: """
        The disclosed source (--source: a git repository, or a plain folder such as an unpacked tarball) \
        must hold the blessed commit and tree, every object verified against its id (the repository is \
        read natively, never through git); otherwise the failed checks are printed, nothing is written and \
        the exit status is 1. The reveal is written \
        unsigned (sign it with `govseal sign`); when the disclosure came before rollout_completed + the \
        quiet period, the quiet-period check fails and the exit status is 1.
        """
    )

    @Argument(help: "The blessing being revealed.") var blessing: String
    @Option(help: "The disclosed source: a git repository or a plain folder.") var source: String
    @Option(help: "Where the source is now published (default: the blessing's repository).") var repository: String?
    @Option(help: "When the rollout completed (RFC 3339 UTC).") var rolloutCompleted: String
    @Option(help: "When the source was disclosed (RFC 3339 UTC).") var disclosed: String
    @Option(help: "Security advisory text or URL.") var advisory: String?
    @Flag(help: "Reveal a blessing that had no embargo.") var allowWithoutEmbargo = false
    @Option(help: "Where to write the reveal.") var out: String
    @Flag(help: "Replace --out if it exists.") var force = false

    func run() throws {
        let rollout = try CLI.timestamp(rolloutCompleted, option: "--rollout-completed")
        let disclosedAt = try CLI.timestamp(disclosed, option: "--disclosed")
        let blessingDocument = try CLI.readDocument(blessing)
        guard CLI.isDirectory(source) else { throw InputError(file: source, "--source: not a folder") }
        let prepared: Result<RevealDraft, SourceMismatch> = try reading(blessing) {
            do {
                return .success(try Reveal.prepare(for: blessingDocument, sourceDirectory: source, repository: repository,
                                                   rolloutCompleted: rollout, disclosed: disclosedAt, advisory: advisory,
                                                   allowWithoutEmbargo: allowWithoutEmbargo))
            } catch let mismatch as SourceMismatch {
                return .failure(mismatch)
            }
        }
        guard case .success(let draft) = prepared else {
            if case .failure(let mismatch) = prepared { mismatch.checks.forEach { print($0.line) } }
            print("nothing written: the disclosed source does not hold the blessed commit and tree intact")
            throw ChecksFailed()
        }
        try CLI.write(draft.document, to: out, force: force)
        for check in draft.checks { CLI.say(check.line) }
        CLI.say("wrote \(out) (reveal of \(draft.reveal.proposal))")
        CLI.say("next: govseal sign \(out) --key KEYFILE")
        if draft.checks.contains(where: { !$0.passed }) { throw ChecksFailed() }
    }
}
