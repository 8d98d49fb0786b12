import ArgumentParser
import GovSealDemo

/// `govseal demo`: the whole lifecycle on the bundled example, offline.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole lifecycle of an embargoed security release on a bundled example, offline.",
        discussion: """
        In a temporary folder: a private fix is committed (with fixed ids) and built reproducibly; three \
        validators self-nominate for the coordination group (one states an address its key does not derive, \
        and is excluded and named); the foundation admits two by policy (role embargo-rebuilder), blesses the \
        release by checksum and commit under a 10-day embargo and signs it; it encrypts the private source to \
        the two members with the real age tool when age is on PATH (and says it skipped that step when not); \
        both rebuild it privately and attest; a validator outside the group verifies the blessing with the \
        2-of-2 group threshold before any source is public; after the rollout and the quiet period the source is disclosed and revealed; two independent \
        rebuilders reproduce every artifact and sign attestations; a 2-of-2 rebuilder policy is checked; \
        finally a tampered disclosure (one changed byte) is caught and the changed file named. Exit status \
        0 when all of that holds.
        """
    )

    @Option(help: "Use secret key files foundation.pem, rebuilder-a.pem and rebuilder-b.pem from this folder.")
    var keys: String?
    @Option(help: "Also write the signed documents (policy, blessing, reveal, attestations) to this folder.")
    var export: String?

    func run() throws {
        let demo = Demo(say: { CLI.say($0) }, keysDirectory: keys, exportDirectory: export)
        let outcome = try demo.run()
        if !outcome.succeeded { throw ChecksFailed() }
    }
}
