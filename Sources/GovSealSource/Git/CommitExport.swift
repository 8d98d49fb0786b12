#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GitRepository {
    /// Writes exactly the content that commit `id` records into `directory`: every blob byte for
    /// byte, with its mode (644, 755, symlink), and nothing else. No smudge or clean filters, no
    /// end-of-line conversion, no `ident`, no `export-ignore`: the tree is listed with
    /// `git ls-tree -r -z` and the blobs are streamed from `git cat-file --batch`, so
    /// `.gitattributes` and the repository's configuration are never applied. The repository's
    /// index and work tree are not touched.
    ///
    /// `directory` must be missing (it is created) or empty. Afterwards the TreeHash of
    /// `directory` is checked against the commit's tree.
    ///
    /// Throws `.invalidReference`/`.unknownCommit` for the commit, `.unsupportedEntry` for a
    /// submodule or an unsafe entry name, `.treeMismatch` when the written folder does not hash
    /// to the commit's tree, `.io` naming the path. On error nothing written is left behind.
    public func export(commit id: String, to directory: String) throws {
        let full = try resolveCommit(id)
        let tree = try treeID(ofCommit: full)
        let format = try objectFormat()
        let created = try prepareEmptyDirectory(directory)
        do {
            let entries = try listTree(of: full)
            try writeBlobs(entries, into: directory, commit: full)
            let written = try TreeHash.compute(directory: directory, format: format)
            guard written == tree else {
                throw SourceError(.treeMismatch, "the export of commit \(full) hashes to tree \(written), but the commit records tree \(tree)")
            }
        } catch {
            if created { try? FileTree.remove(directory) } else { try? FileTree.removeContents(of: directory) }
            throw error
        }
    }

    /// Creates `directory`, or checks that it is an empty folder. Returns true when it was created.
    private func prepareEmptyDirectory(_ directory: String) throws -> Bool {
        guard !directory.isEmpty, !POSIX.containsNUL(directory) else { throw SourceError(.io, "invalid export folder path") }
        guard let info = try POSIX.pathInfo(directory) else {
            guard mkdir(directory, 0o755) == 0 else { throw POSIX.ioError("cannot create export folder", directory) }
            return true
        }
        guard POSIX.isDirectory(info) else { throw SourceError(.io, "export target '\(directory)' exists and is not a folder") }
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIX.ioError("cannot open export folder", directory) }
        defer { close(fd) }
        guard try POSIX.listDirectory(fd, displayPath: directory).isEmpty else {
            throw SourceError(.io, "export folder '\(directory)' is not empty")
        }
        return false
    }

    /// Every blob of the commit's tree, recursively, in git's order.
    private func listTree(of commit: String) throws -> [ExportEntry] {
        let listing = try run(["ls-tree", "-r", "-z", "--full-tree", commit], limit: 1 << 30)
        var entries: [ExportEntry] = []
        for record in listing.output.split(separator: 0, omittingEmptySubsequences: true) {
            guard let tab = record.firstIndex(of: 0x09) else {
                throw SourceError(.gitFailed, "git ls-tree printed an unreadable entry for commit \(commit)")
            }
            let fields = record[..<tab].split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
            let path = Array(record[(tab + 1)...])
            let shown = POSIX.display(path)
            guard fields.count == 3 else { throw SourceError(.gitFailed, "git ls-tree printed an unreadable entry for '\(shown)'") }
            let kind: ExportEntry.Kind
            switch (fields[0], fields[1]) {
            case ("100644", "blob"): kind = .file(executable: false)
            case ("100755", "blob"): kind = .file(executable: true)
            case ("120000", "blob"): kind = .symlink
            case ("160000", _):
                throw SourceError(.unsupportedEntry, "commit \(commit) contains the submodule '\(shown)' (commit \(fields[2])); submodules cannot be exported")
            default:
                throw SourceError(.unsupportedEntry, "commit \(commit) contains '\(shown)' with mode \(fields[0]) (\(fields[1])), which cannot be exported")
            }
            try ExportEntry.validate(path, commit: commit)
            entries.append(ExportEntry(path: path, objectID: fields[2], kind: kind))
        }
        return entries
    }

    private func writeBlobs(_ entries: [ExportEntry], into directory: String, commit: String) throws {
        guard !entries.isEmpty else { return }
        var process = command(["cat-file", "--batch"])
        process.standardInput = .bytes(Array(entries.map { $0.objectID + "\n" }.joined().utf8))
        process.standardError = .capture(limit: 64 << 10)
        let writer = BlobStreamWriter(root: Array(directory.utf8), entries: entries)
        let result = try process.run { try writer.feed($0) }
        try check(result, arguments: ["cat-file", "--batch"], failure: .gitFailed, reason: nil)
        try writer.finish()
    }
}

/// One blob of an exported tree.
struct ExportEntry {
    enum Kind {
        case file(executable: Bool)
        case symlink
    }

    let path: [UInt8]
    let objectID: String
    let kind: Kind

    /// Refuses paths git itself would refuse to check out: empty, ".", ".." or ".git" (any case)
    /// components, which could otherwise write outside the export folder.
    static func validate(_ path: [UInt8], commit: String) throws {
        for component in path.split(separator: 0x2f, omittingEmptySubsequences: false) {
            let lower = component.map { (0x41...0x5a).contains($0) ? $0 | 0x20 : $0 }
            if lower.isEmpty || lower == [0x2e] || lower == [0x2e, 0x2e] || lower == Array(".git".utf8) {
                throw SourceError(.unsupportedEntry, "commit \(commit) contains the unsafe path '\(POSIX.display(path))'; refused")
            }
        }
    }
}
