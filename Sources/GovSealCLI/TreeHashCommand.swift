import ArgumentParser
import GovSealSource

/// `govseal tree-hash DIR [--object-format sha1|sha256]`: prints the git tree id of a folder's
/// content, computed without git.
struct TreeHashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree-hash",
        abstract: "Print the git tree id of a directory's content (as `git add -A && git write-tree` would), without git.",
        discussion: ".git is ignored at every level and empty folders are omitted, as git does."
    )

    @Argument(help: "The directory to hash.")
    var directory: String

    @Option(name: .customLong("object-format"), help: "The repository object format: sha1 or sha256.",
            transform: { text in
                guard let format = GitObjectFormat(rawValue: text) else {
                    throw ValidationError("unknown object format '\(text)'; expected sha1 or sha256")
                }
                return format
            })
    var objectFormat: GitObjectFormat = .sha1

    func run() throws {
        let id = try reading(directory) { try TreeHash.compute(directory: directory, format: objectFormat) }
        print(id)
    }
}
