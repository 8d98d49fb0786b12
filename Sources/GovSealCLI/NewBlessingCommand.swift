import ArgumentParser
import GovSealDocuments
import GovSealExport
import GovSealFiles

/// `govseal new blessing`: hash the artifacts, pin the commit and recipe, write an unsigned blessing.
struct NewBlessingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blessing",
        abstract: "Create a blessing: artifact digests, the source commit and build recipe, optionally under embargo.",
        discussion: """
        Hashes every --artifact (size and sha256; sha512 with --sha512) and writes an unsigned blessing. \
        With --repo DIR, --commit may be any ref: it is resolved through git to the full commit id and the \
        commit's tree id is recorded; when the folder `git archive <commit>` produces differs from that tree \
        (export-ignore, export-subst, eol attributes), its tree id is recorded too as `archive_tree`, so a \
        forge's source tarball can be checked with `verify --source FOLDER`. Sign the result with `govseal sign`.

        Example:
          govseal new blessing --chain cosmos:agoric-3 --title "Upgrade 17" --summary "Fixes ..." \\
            --repository https://github.com/org/node --repo ./node --commit v17.0.1 \\
            --artifact dist/node-linux-amd64 --url node-linux-amd64=https://example.org/node-linux-amd64 \\
            --build-command "make dist" --output node-linux-amd64=dist/node-linux-amd64 \\
            --embargo-days 10 --out proposals/upgrade-17/blessing.json
        """
    )

    @Option(help: "CAIP-2 chain id, e.g. cosmos:agoric-3, icp:mainnet, near:mainnet.") var chain: String
    @Option(help: "One-line title.") var title: String
    @Option(help: "What the release does (for an embargoed fix: what may be said).") var summary: String
    @Option(help: "Who proposes it (an organisation or person).") var proposer: String = "unspecified"
    @Option(help: "Release version label.") var version: String?
    @Option(help: "URL of the source repository (where it is or will be disclosed).") var repository: String
    @Option(help: "Full commit id (40 or 64 hex), or any ref with --repo.") var commit: String
    @Option(name: .customLong("repo"), help: "Local git repository to resolve --commit in and take the tree id from.")
    var repoDirectory: String?
    @Option(name: .customLong("artifact"), parsing: .singleValue, help: "Artifact file to hash (repeatable); its name is the file name.")
    var artifacts: [String] = []
    @Option(name: .customLong("url"), parsing: .singleValue, help: "NAME=URL where an artifact can be downloaded (repeatable).")
    var urls: [String] = []
    @Option(help: "A SHA256SUMS file (as sha256sum writes it) declaring artifact digests; each must match the --artifact of that name.")
    var sha256sums: String?
    @Option(name: .customLong("size"), parsing: .singleValue, help: "NAME=BYTES: size of an artifact declared in --sha256sums without a local file.")
    var sizes: [String] = []
    @Flag(help: "Also record sha512 digests.") var sha512 = false
    @Option(help: "Shell command, run from the source root, that builds the artifacts.") var buildCommand: String?
    @Option(help: "Build environment, e.g. a container image pinned by digest.") var buildEnvironment: String?
    @Option(name: .customLong("output"), parsing: .singleValue, help: "NAME=RELPATH: where the build writes artifact NAME (repeatable).")
    var outputs: [String] = []
    @Option(help: "Embargo the source: quiet period in days after the rollout before disclosure.") var embargoDays: Int64?
    @Option(help: "Reason for the embargo.") var embargoReason: String?
    @Option(help: "Creation time (RFC 3339 UTC); default now.") var created: String?
    @Option(help: "Expiry time (RFC 3339 UTC).") var expires: String?
    @Option(help: "Expire this many days after creation.") var expiresDays: Int64?
    @Option(help: "Where to write the blessing.") var out: String
    @Flag(help: "Replace --out if it exists.") var force = false

    func run() throws {
        guard !artifacts.isEmpty || sha256sums != nil else {
            throw UsageError("new blessing needs at least one --artifact or a --sha256sums file")
        }
        var draft = BlessingDraft(chain: chain, title: title, summary: summary, proposer: proposer,
                                  repository: repository, commit: commit)
        if let created { draft.created = try CLI.timestamp(created, option: "--created") }
        if let expires { draft.expires = try CLI.timestamp(expires, option: "--expires") }
        if let days = expiresDays { draft.expires = draft.created.adding(days: try CLI.days(days, option: "--expires-days")) }
        draft.version = version
        draft.repositoryDirectory = repoDirectory
        draft.artifactPaths = artifacts
        if let sha256sums {
            let text = try reading(sha256sums) { try AtomicFile.read(sha256sums, limit: 16 << 20) }
            draft.declaredDigests = try reading(sha256sums) { try SHA256SUMS.parse(text, file: sha256sums) }
        }
        draft.declaredSizes = try sizes.map { try CLI.pair($0, option: "--size") }.map { name, value in
            guard let n = UInt64(value), n <= 1 << 53 else { throw UsageError("--size \(name)=\(value): not a byte count up to 2^53") }
            return (name: name, size: n)
        }
        draft.urls = try urls.map { try CLI.pair($0, option: "--url") }.map { (name: $0.0, url: $0.1) }
        draft.includeSHA512 = sha512
        draft.buildCommand = buildCommand
        draft.buildEnvironment = buildEnvironment
        draft.outputs = try outputs.map { try CLI.pair($0, option: "--output") }.map { (name: $0.0, path: $0.1) }
        draft.embargoDays = embargoDays
        draft.embargoReason = embargoReason
        let blessing = try draft.make()
        let document = Document(type: .blessing, body: blessing.json)
        try CLI.write(document, to: out, force: force)
        CLI.say("wrote \(out)")
        CLI.say("proposal \(document.proposalID)")
        for a in blessing.artifacts { CLI.say("  \(a.sha256)  \(a.name) (\(a.size) bytes)") }
        CLI.say("commit \(blessing.source.commit)" + (blessing.source.tree.map { ", tree \($0)" } ?? ""))
        if let e = blessing.embargo { CLI.say("embargoed: \(e.quietPeriodDays)-day quiet period after rollout") }
        CLI.say("next: govseal sign \(out) --key KEYFILE")
    }
}
