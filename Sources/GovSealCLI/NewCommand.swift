import ArgumentParser

/// `govseal new blessing|policy`: start a document.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new unsigned document (a blessing or a policy).",
        subcommands: [NewBlessingCommand.self, NewPolicyCommand.self]
    )
}
