import ArgumentParser
import GovSealDocuments
import GovSealJSON

/// `govseal verify`: every check of every document; never a false green.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify documents: signatures, policy thresholds, artifacts, source, timeline and rebuilds.",
        discussion: """
        Each FILE may be a document, a DSSE envelope exported by govseal, or a folder (every *.json below it). \
        A reveal or attestation is compared with its blessing: --proposal, or the blessing with the same \
        proposal id among the files given. Exit status: 0 when every check of every document passed, \
        1 when a check failed, 2 when a file is unreadable or malformed.

        Checks: signatures (all must verify; distinct keys counted once; high-S ECDSA rejected); with \
        --policy, the proposer (blessing, reveal) or rebuilder (attestation) threshold over keys listed in \
        the policy, and the policy's expiry; expiry; --artifacts: each artifact's size and digests; \
        --source: the repository holds the commit and its tree (or a plain folder's content is the tree); \
        nominations: signed by the validator key, which derives the stated address; reveals: commit and \
        tree equal the blessing's, the quiet period was respected, and (with --policy or --attestations) \
        enough rebuilders reproduced every digest (a reveal checked without rebuild evidence says so in its \
        `rebuilders` line); a blessing with --attestations: enough keys of the policy's embargo-rebuilder role \
        reproduced every digest (an empty folder is a failed check). Times are compared exactly, fractions of a second included; an attestation \
        finished more than 5 minutes after the verifier's clock does not count.

        Trust during the embargo: when the policy has an `embargo-rebuilder` role (the coordination group), \
        a blessing checked with --attestations (or an embargoed blessing, or one in a folder with attestations \
        of it) passes only when that role's threshold of distinct member keys reproduced every blessed \
        digest and the commit; each member who disagrees, and each attestation that did not count and why, \
        is named. A member's private attestation never counts toward a reveal's public `rebuilder` threshold.

        Policy rotation: with --policy-updates DIR, every later version of the pinned policy in DIR is applied \
        one step at a time; version N+1 is accepted only when it has the same name, is signed by the `root` \
        threshold of version N and of version N+1 (each key counted once) and no signature on it is invalid. \
        A gap, a lower or repeated version, two candidates for one version or a missing threshold fails the \
        `policy rotation` check of every document; the last valid version applies (its expiry checked). A \
        policy given as FILE with --policy is checked as exactly one such step.
        """
    )

    @Argument(help: "Documents or folders to verify.") var files: [String]
    @Option(help: "Policy document whose roles and thresholds apply (the pinned, trusted version).") var policy: String?
    @Option(help: "Folder of later versions of the --policy, applied one step at a time.") var policyUpdates: String?
    @Option(help: "Folder holding the blessed artifacts by name.") var artifacts: String?
    @Option(help: "Git repository (or plain folder of disclosed source) to check the commit and tree in.") var source: String?
    @Option(help: "The blessing a reveal or attestation refers to.") var proposal: String?
    @Option(help: "Folder of rebuilders' attestations (a reveal's public rebuilds; a blessing's embargo-rebuilder count).") var attestations: String?
    @Option(help: "Bech32 prefix for a Cosmos chain not in the built-in table.") var bech32Prefix: String?
    @Option(help: "Verify as of this time (RFC 3339 UTC) instead of now.") var at: String?
    @Flag(help: "Print one JSON report.") var json = false
    @OptionGroup(title: "The proposal as the chain holds it") var onChain: OnChainOptions

    func run() throws {
        var context = VerificationContext(bech32Prefix: try CLI.bech32Prefix(bech32Prefix))
        if let at { context.now = try CLI.timestamp(at, option: "--at") }
        if let artifacts {
            guard CLI.isDirectory(artifacts) else { throw InputError(file: artifacts, "--artifacts: not a folder") }
            context.artifactsDirectory = artifacts
        }
        if let source {
            guard CLI.isDirectory(source) else { throw InputError(file: source, "--source: not a folder") }
            context.sourceDirectory = source
        }
        if let rotation = try CLI.policyRotation(pinned: policy, updates: policyUpdates) {
            context.rotation = rotation
            context.policy = rotation.applied
        }
        if let proposal {
            let document = try CLI.readDocument(proposal)
            guard document.type == .blessing else { throw InputError(file: proposal, "is a \(document.type.rawValue), not a blessing") }
            _ = try reading(proposal) { try Blessing(body: document.body) }
            context.proposal = document
        }
        var attestationErrors: [String] = []
        if let attestations {
            let loaded = try reading(attestations) { try DocumentSet.load([attestations], alternate: CLI.dsseReader) }
            context.attestations = loaded.documents.filter { $0.document.type == .attestation }
            context.attestationsGiven = true
            attestationErrors = loaded.errors
        }
        let set = try DocumentSet.load(files, alternate: CLI.dsseReader)
        guard !set.documents.isEmpty || !set.errors.isEmpty else {
            throw InputError(file: files.joined(separator: ", "), "no govseal documents (*.json) to verify")
        }
        try onChain.apply(to: &context, documents: set)
        let reports = set.verify(context: context)
        var failures = 0
        for result in reports {
            switch result {
            case .report(let report): if !report.passed { failures += 1 }
            case .malformed: break
            }
        }
        let malformed = set.errors.count
        if json {
            var members: [(String, JSONValue)] = [("passed", .bool(failures == 0 && malformed == 0))]
            if let rotation = context.rotation { members.append(("policy", rotation.json)) }
            members.append(("documents", .array(reports.compactMap { if case .report(let r) = $0 { r.json } else { nil } })))
            members.append(("errors", .array((set.errors + reports.compactMap { if case .malformed(let e) = $0 { e } else { nil } }).map { .string($0) })))
            CLI.printJSON(.object(JSONObject(members)))
        } else {
            for result in reports {
                if case .report(let report) = result { report.lines.forEach { CLI.say($0) } }
            }
        }
        let allErrors = attestationErrors + set.errors + reports.compactMap { if case .malformed(let e) = $0 { e } else { nil } }
        for error in allErrors { printError("govseal: \(error)") }
        if !allErrors.isEmpty { throw ExitCode(GovSealExit.badInput) }
        if failures > 0 || context.rotation?.failures.isEmpty == false { throw ChecksFailed() }
    }
}
