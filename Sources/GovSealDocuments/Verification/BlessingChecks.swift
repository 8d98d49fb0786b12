import GovSealCrypto
import GovSealEncoding
import GovSealSource
#if canImport(Glibc)
import Glibc
#endif

/// The checks of a blessing against the artifacts and the source a voter has in hand.
enum BlessingChecks {
    static func run(_ blessing: Blessing, proposalID: String, context: VerificationContext) -> [Check] {
        var checks: [Check] = []
        if let dir = context.artifactsDirectory {
            checks += artifactChecks(blessing.artifacts, directory: dir)
        }
        if let dir = context.sourceDirectory {
            checks += SourceChecks.run(blessing.source, directory: dir).checks
        }
        checks += EmbargoRebuilderChecks.run(blessing, proposalID: proposalID, context: context) ?? []
        return checks
    }

    /// One check per artifact, in order. Sizes first (a missing or oversized file is named
    /// without reading it), then the artifacts that remain are hashed in parallel (one per
    /// core), each file in one read for all of its listed digests.
    static func artifactChecks(_ artifacts: [Blessing.Artifact], directory: String) -> [Check] {
        var checks: [Check?] = []
        var pending: [(slot: Int, path: String, algorithms: [DigestAlgorithm])] = []
        for artifact in artifacts {
            let path = directory.hasSuffix("/") ? directory + artifact.name : directory + "/" + artifact.name
            if let failed = sizeCheck(artifact, path: path) {
                checks.append(failed)
            } else {
                pending.append((checks.count, path, artifact.sha512 == nil ? [.sha256] : [.sha256, .sha512]))
                checks.append(nil)
            }
        }
        // Every artifact lists SHA-256; those that also list SHA-512 are hashed with both.
        for algorithms in [[DigestAlgorithm.sha256], [.sha256, .sha512]] {
            let group = pending.filter { $0.algorithms == algorithms }
            let results = FileHasher.hashEach(paths: group.map(\.path), algorithms: algorithms)
            for (item, result) in zip(group, results) {
                checks[item.slot] = digestCheck(artifacts[item.slot], path: item.path, result: result)
            }
        }
        return checks.map { $0! }
    }

    /// The failed check when the file is missing, not a regular file, or of the wrong size.
    static func sizeCheck(_ artifact: Blessing.Artifact, path: String) -> Check? {
        let name = "artifact \(artifact.name)"
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return Check(name, passed: false, "missing: \(path)")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return Check(name, passed: false, "not a regular file: \(path)")
        }
        guard UInt64(info.st_size) == artifact.size else {
            return Check(name, passed: false, "size \(info.st_size), expected \(artifact.size): \(path)")
        }
        return nil
    }

    /// Compares the digests read from the file with the listed ones.
    static func digestCheck(_ artifact: Blessing.Artifact, path: String, result: Result<FileDigests, any Error>) -> Check {
        let name = "artifact \(artifact.name)"
        let digests: FileDigests
        do {
            digests = try result.get()
        } catch {
            return Check(name, passed: false, "unreadable: \(error)")
        }
        let sha256 = Hex.encode(digests.digests[.sha256] ?? [])
        guard digests.size == artifact.size else {
            return Check(name, passed: false, "size \(digests.size), expected \(artifact.size): \(path)")
        }
        guard sha256 == artifact.sha256 else {
            return Check(name, passed: false, "sha256 \(sha256), expected \(artifact.sha256)")
        }
        if let expected = artifact.sha512 {
            let got = Hex.encode(digests.digests[.sha512] ?? [])
            guard got == expected else { return Check(name, passed: false, "sha512 \(got), expected \(expected)") }
        }
        return Check(name, passed: true, "\(artifact.size) bytes, sha256 \(sha256)" + (artifact.sha512 != nil ? ", sha512 matches" : ""))
    }
}

/// Checks that a folder holds the recorded source: a git repository must contain the commit
/// and its tree must equal the recorded tree; a plain folder (a disclosed tarball) must have
/// the recorded tree as its content's git tree id.
enum SourceChecks {
    /// The checks, and the tree id the source was verified to have (nil when a check failed).
    static func run(_ source: Blessing.Source, directory: String) -> (checks: [Check], tree: String?) {
        let format: GitObjectFormat = source.commit.utf8.count == 64 ? .sha256 : .sha1
        var isDir = stat()
        guard stat(directory, &isDir) == 0, (isDir.st_mode & S_IFMT) == S_IFDIR else {
            return ([Check("source", passed: false, "not a folder: \(directory)")], nil)
        }
        guard SourceRepository.looksLikeRepository(directory) else {
            return folderChecks(source, directory: directory, format: format)
        }
        let commit: GitCommit
        let repository: SourceRepository
        do {
            repository = try SourceRepository(path: directory)
            commit = try repository.commit(source.commit)
        } catch {
            return ([Check("source commit", passed: false, "\(error)")], nil)
        }
        var checks = [Check("source commit", passed: true,
                            "\(source.commit) present and intact in the repository at \(directory) (its work tree is not compared)")]
        if let expected = source.tree, expected != commit.tree {
            checks.append(Check("source tree", passed: false, "commit has tree \(commit.tree), expected \(expected)"))
            return (checks, nil)
        }
        do {
            let count = try repository.verifyTree(of: commit)
            checks.append(Check("source tree", passed: true, "tree \(commit.tree): all \(count) objects present and hash to their ids"))
            return (checks, commit.tree)
        } catch {
            checks.append(Check("source tree", passed: false, "\(error)"))
            return (checks, nil)
        }
    }
}

extension SourceChecks {
    /// A plain folder (a disclosed tarball) matches when its content's git tree id equals the
    /// commit's `tree` or the `archive_tree` of `git archive <commit>`; the check says which.
    /// Returns the commit's tree (or, without one, the archive tree) when it matched.
    static func folderChecks(_ source: Blessing.Source, directory: String, format: GitObjectFormat) -> (checks: [Check], tree: String?) {
        let expected = [(source.tree, "tree"), (source.archiveTree, "archive_tree")].compactMap { id, name in id.map { ($0, name) } }
        guard !expected.isEmpty else {
            return ([Check("source tree", passed: false,
                           "\(directory) is not a git repository and the document records no tree to compare")], nil)
        }
        let got: String
        do {
            got = try TreeHash.compute(directory: directory, format: format)
        } catch {
            return ([Check("source tree", passed: false, "\(error)")], nil)
        }
        if got == source.tree {
            return ([Check("source tree", passed: true, "folder content has tree \(got) (the commit's tree)")], got)
        }
        if got == source.archiveTree {
            return ([Check("source tree", passed: true,
                           "folder content has archive_tree \(got) (what git archive of the commit produces)")], source.tree ?? got)
        }
        let wanted = expected.map { "\($0.0) (\($0.1))" }.joined(separator: " or ")
        return ([Check("source tree", passed: false, "folder content has tree \(got), expected \(wanted)")], nil)
    }
}

extension Blessing.Source {
    /// Checks that `directory` holds this source: a git repository must contain the commit with
    /// the recorded tree; a plain folder's content must have the recorded tree id.
    public func checks(in directory: String) -> [Check] {
        SourceChecks.run(self, directory: directory).checks
    }
}
