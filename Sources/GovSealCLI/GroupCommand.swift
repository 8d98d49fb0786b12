import ArgumentParser
import GovSealDocuments

/// `govseal group`: the coordination group as its nominations show it.
struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "The coordination group: its members from their nominations, and their age recipients.",
        subcommands: [GroupListCommand.self, GroupRecipientsCommand.self]
    )
}

/// The options both `group` subcommands take: where the nominations are, which group, when.
struct GroupOptions: ParsableArguments {
    @Argument(help: "A folder (or file) of nominations; other documents are ignored.") var directory: String
    @Option(help: "The coordination group, as the nominations name it.") var group: String
    @Option(help: "List the group as of this time (RFC 3339 UTC) instead of now.") var at: String?
    @Option(help: "Bech32 prefix for a Cosmos chain not in the built-in table.") var bech32Prefix: String?

    /// Reads every nomination under `directory` and sorts them into members and exclusions. A
    /// file that is unreadable or malformed is bad input (exit 2).
    func load() throws -> CoordinationGroup {
        let now = try at.map { try CLI.timestamp($0, option: "--at") } ?? .now()
        let prefix = try CLI.bech32Prefix(bech32Prefix)
        let set = try reading(directory) { try DocumentSet.load([directory], alternate: CLI.dsseReader) }
        if let error = set.errors.first { throw InputError(error) }
        return try reading(directory) { try CoordinationGroup(group: group, documents: set.documents, at: now, bech32Prefix: prefix) }
    }
}

/// `govseal group list`: one line per member, then each excluded nomination and why.
struct GroupListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the members of a coordination group: one per validator key with a valid, unexpired nomination.",
        discussion: """
        A member is a validator key with a nomination for --group that is signed by that key, whose key \
        derives the stated address under the chain's rules, and that has not expired (the newest when a key \
        nominated twice). Every other nomination is listed as excluded with its reason: bad signature, \
        address not derived from the key, expired, created in the future, another group, superseded.
        """
    )

    @OptionGroup var options: GroupOptions
    @Flag(help: "Print one JSON report.") var json = false

    func run() throws {
        let group = try options.load()
        if json {
            CLI.printJSON(group.json)
        } else {
            group.lines.forEach { CLI.say($0) }
        }
    }
}

/// `govseal group recipients`: the age recipients file of the group's members.
struct GroupRecipientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recipients",
        abstract: "Write an age recipients file (age -R FILE) of the group's members.",
        discussion: """
        For each member (see `group list`) with an age recipient in its nomination: a comment line naming \
        the validator, then its recipient. Without --policy every validator with a valid nomination for the \
        group is included (anyone can self-nominate): pass --policy to send only to the members the foundation \
        admitted, those whose keys are in the policy's `embargo-rebuilder` role. Members left out are named on stderr. Encrypt with the real age tool:
          govseal group recipients nominations --group security --policy policy.json --out group.txt
          age -R group.txt -o patch.diff.age patch.diff
        Exit status 1 when no member is left to encrypt to (nothing is written).
        """
    )

    @OptionGroup var options: GroupOptions
    @Option(help: "Only members whose keys are in this policy's embargo-rebuilder role.") var policy: String?
    @Option(help: "Write the recipients file here instead of stdout.") var out: String?
    @Flag(help: "Replace --out if it exists.") var force = false

    static let role = "embargo-rebuilder"

    func run() throws {
        let group = try options.load()
        var members = group.members
        if let policy {
            let trusted = try CLI.readPolicy(policy).policy
            if !(group.at < trusted.expires) {
                printError("govseal: warning: \(policy): '\(TerminalText.escape(trusted.name))' v\(trusted.version) expired at \(trusted.expires)")
            }
            guard let (chosen, unmatched) = group.restricted(to: trusted, role: Self.role) else {
                throw InputError(file: policy, "defines no '\(Self.role)' role")
            }
            for key in unmatched {
                printError(TerminalText.escape("govseal: left out: policy key '\(key.label)' (\(key.publicKey.keyID.prefix(16))) "
                                               + "has no valid nomination for group '\(group.group)'"))
            }
            members = chosen
        }
        for member in members where member.nomination.ageRecipient == nil {
            printError(TerminalText.escape("govseal: left out: \(member.nomination.validator.address) [\(member.file)] names no age recipient"))
        }
        let file = CoordinationGroup.ageRecipientsFile(members)
        guard !file.isEmpty else {
            printError("govseal: no member of group '\(TerminalText.escape(group.group))' has an age recipient; nothing written")
            throw ChecksFailed()
        }
        if let out {
            try CLI.write(Array(file.utf8), to: out, force: force)
            let count = members.filter { $0.nomination.ageRecipient != nil }.count
            CLI.say("wrote \(out): \(count) recipient(s) of group '\(group.group)'")
        } else {
            print(file, terminator: "")
        }
    }
}
