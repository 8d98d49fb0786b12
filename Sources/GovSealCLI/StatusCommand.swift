import ArgumentParser
import GovSealDocuments

/// `govseal status`: the registry at a glance.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the registry: each document's state, embargo timelines, and nominated validators.",
        discussion: """
        Reads every *.json below DIR (default: proposals). For each document: type, chain, title, proposal \
        id, valid signatures against the threshold of the policy in its folder (or DIR's top folder, or \
        --policy, rotated by --policy-updates DIR: the first line names the policy version applied). For each embargoed blessing: blessed; the coordination group members who \
        reproduced it privately (k of n required, when the policy has an `embargo-rebuilder` role); rollout \
        completed; quiet period end; disclosure (on time, EARLY, or pending and OVERDUE once the quiet period \
        could have ended); public rebuilds after disclosure and rebuilders agreeing. --json carries the same lines. Exit status 1 when a document fails verification.
        """
    )

    @Argument(help: "The registry folder.") var directory: String = "proposals"
    @Option(help: "Policy document to apply to every document (the pinned, trusted version).") var policy: String?
    @Option(help: "Folder of later versions of the --policy, applied one step at a time.") var policyUpdates: String?
    @Option(help: "Show the state as of this time (RFC 3339 UTC) instead of now.") var at: String?
    @Flag(help: "Print one JSON report.") var json = false

    func run() throws {
        let now = try at.map { try CLI.timestamp($0, option: "--at") } ?? .now()
        let rotation = try CLI.policyRotation(pinned: policy, updates: policyUpdates)
        let set = try reading(directory) { try DocumentSet.load([directory], alternate: nil) }
        let status = RegistryStatus.build(set, root: directory.hasSuffix("/") ? String(directory.dropLast()) : directory,
                                          now: now, rotation: rotation, blessingChecks: OnChainOptions.folderChecks(set))
        if json {
            CLI.printJSON(status.json)
        } else {
            status.lines.forEach { CLI.say($0) }
        }
        for error in status.errors { printError("govseal: \(error)") }
        if !status.errors.isEmpty { throw ExitCode(GovSealExit.badInput) }
        if status.entries.contains(where: { !$0.report.passed }) || rotation?.failures.isEmpty == false { throw ChecksFailed() }
    }
}
