import GovSealCrypto
import GovSealEncoding
import GovSealSource

/// Everything `govseal new blessing` is told; `make()` hashes the artifacts and resolves the
/// commit into a validated `Blessing`.
public struct BlessingDraft: Sendable {
    public var chain: String
    public var title: String
    public var summary: String
    public var proposer: String
    public var version: String?
    public var repository: String
    /// A full commit id, or (with `repositoryDirectory`) any ref git resolves.
    public var commit: String
    /// A local clone: the commit is resolved through git and its tree recorded.
    public var repositoryDirectory: String?
    public var artifactPaths: [String] = []
    /// Digests declared elsewhere (a SHA256SUMS file): each must match the `artifactPaths` file of
    /// the same name when one is given; otherwise its size comes from `declaredSizes`.
    public var declaredDigests: [(name: String, sha256: String)] = []
    public var declaredSizes: [(name: String, size: UInt64)] = []
    /// Artifact name → URLs.
    public var urls: [(name: String, url: String)] = []
    public var includeSHA512 = false
    public var buildCommand: String?
    public var buildEnvironment: String?
    public var outputs: [(name: String, path: String)] = []
    public var embargoDays: Int64?
    public var embargoReason: String?
    public var created: Timestamp
    public var expires: Timestamp?

    public init(chain: String, title: String, summary: String, proposer: String, repository: String, commit: String,
                created: Timestamp = .nowInWholeSeconds()) {
        self.chain = chain
        self.title = title
        self.summary = summary
        self.proposer = proposer
        self.repository = repository
        self.commit = commit
        self.created = created
    }

    /// Hashes every artifact (in parallel), resolves the commit, and validates the result by
    /// reading it back exactly as a verifier would. `progress` gets a line per step.
    public func make(progress: (@Sendable (String) -> Void)? = nil) throws -> Blessing {
        var source = Blessing.Source(repository: repository, commit: commit)
        if let dir = repositoryDirectory {
            let repo = try GitRepository(path: dir)
            source.commit = try repo.resolveCommit(commit)
            source.tree = try repo.treeID(ofCommit: source.commit)
            progress?("resolved \(commit) to commit \(source.commit), tree \(source.tree!)")
            let format: GitObjectFormat = source.commit.utf8.count == 64 ? .sha256 : .sha1
            let archiveTree = try repo.archiveTreeID(ofCommit: source.commit, format: format)
            if archiveTree != source.tree {
                source.archiveTree = archiveTree
                progress?("git archive of the commit has tree \(archiveTree) (export attributes apply): recorded as archive_tree")
            }
        }
        let algorithms: [DigestAlgorithm] = includeSHA512 ? [.sha256, .sha512] : [.sha256]
        let hashed = try FileHasher.hashMany(paths: artifactPaths, algorithms: algorithms)
        var artifacts: [Blessing.Artifact] = []
        for (path, digests) in zip(artifactPaths, hashed) {
            let name = Self.baseName(path)
            guard !artifacts.contains(where: { $0.name == name }) else {
                throw DocumentError(.invalidValue, path: "--artifact", "two artifacts are named '\(name)'")
            }
            artifacts.append(Blessing.Artifact(
                name: name, size: digests.size, sha256: Hex.encode(digests.digests[.sha256] ?? []),
                sha512: includeSHA512 ? Hex.encode(digests.digests[.sha512] ?? []) : nil,
                urls: urls.filter { $0.name == name }.map(\.url)))
            progress?("hashed \(name): \(digests.size) bytes")
        }
        for declared in declaredDigests {
            if let i = artifacts.firstIndex(where: { $0.name == declared.name }) {
                guard artifacts[i].sha256 == declared.sha256.lowercased() else {
                    throw DocumentError(.invalidValue, path: "--sha256sums",
                                        "\(declared.name): the file hashes to \(artifacts[i].sha256), the list says \(declared.sha256)")
                }
            } else {
                guard let size = declaredSizes.first(where: { $0.name == declared.name })?.size else {
                    throw DocumentError(.invalidValue, path: "--sha256sums",
                                        "\(declared.name): no --artifact file to take its size from; pass --size \(declared.name)=BYTES")
                }
                guard !includeSHA512 else {
                    throw DocumentError(.invalidValue, path: "--sha512", "\(declared.name): sha512 needs the --artifact file")
                }
                artifacts.append(Blessing.Artifact(name: declared.name, size: size, sha256: declared.sha256.lowercased(),
                                                   urls: urls.filter { $0.name == declared.name }.map(\.url)))
            }
        }
        for (name, _) in declaredSizes where !artifacts.contains(where: { $0.name == name }) {
            throw DocumentError(.invalidValue, path: "--size", "'\(name)' names no artifact")
        }
        for (name, _) in urls where !artifacts.contains(where: { $0.name == name }) {
            throw DocumentError(.invalidValue, path: "--url", "'\(name)' names no --artifact")
        }
        var build: Blessing.Build?
        if let command = buildCommand {
            build = Blessing.Build(command: command, environment: buildEnvironment,
                                   outputs: outputs.map { (artifact: $0.name, path: $0.path) })
        } else if !outputs.isEmpty {
            throw DocumentError(.invalidValue, path: "--output", "outputs need a --build-command")
        }
        var embargo: Blessing.Embargo?
        if let days = embargoDays {
            embargo = Blessing.Embargo(reason: embargoReason ?? "security fix under coordinated disclosure", quietPeriodDays: days)
        }
        let draft = Blessing(chain: chain, title: title, summary: summary, proposer: proposer, version: version,
                             source: source, artifacts: artifacts, build: build, embargo: embargo,
                             created: created, expires: expires)
        // Validate exactly as a verifier reads it.
        return try Blessing(body: draft.json)
    }

    static func baseName(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }
}
