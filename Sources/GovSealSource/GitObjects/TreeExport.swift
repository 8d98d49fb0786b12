#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GovSealEncoding

extension SourceRepository {
    /// The most entries (files, links and folders) an export writes, so that a tree that names one
    /// huge subtree many times cannot fill the disk.
    public static let maximumExportEntries = 2_000_000
    /// The deepest folder nesting an export writes.
    public static let maximumExportDepth = 512

    /// Writes exactly the content that commit `id` records into `directory`: every blob byte for
    /// byte, verified against its id, with its mode (644, 755, symlink), and nothing else: no
    /// filters, no end-of-line conversion, no `.gitattributes`, no hooks.
    ///
    /// `directory` must be missing (it is created) or empty. Every file is created relative to a
    /// folder this export created itself, with `O_EXCL | O_NOFOLLOW`, so a hostile tree cannot make a
    /// write go through a symbolic link. Afterwards the tree id of `directory` is computed again
    /// from the disk and must equal the commit's tree.
    ///
    /// Returns the verified commit. Throws `.invalidReference`, `.unknownCommit` or `.corruptObject`
    /// for the commit, `.missingObject` or `.corruptObject` for any object below it, `.unsupportedEntry` for a submodule or an unsafe
    /// name, `.treeMismatch`, `.io` naming the path. On error nothing written is left behind.
    @discardableResult
    public func export(commit id: String, to directory: String) throws -> GitCommit {
        let store = try openStore(for: id)
        let commit = try commit(id, in: store)
        let created = try Self.prepareEmptyDirectory(directory)
        do {
            let root = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard root >= 0 else { throw POSIX.ioError("cannot open export folder", directory) }
            defer { close(root) }
            var writer = TreeWriter(repository: self, store: store)
            try writer.write(tree: commit.tree, into: root, path: [], depth: 0)
            let written = try TreeHash.compute(directory: directory, format: store.format)
            guard written == commit.tree else {
                throw SourceError(.treeMismatch, "the export of commit \(id) hashes to tree \(written), but the commit records tree \(commit.tree)")
            }
        } catch {
            if created { try? FileTree.remove(directory) } else { try? FileTree.removeContents(of: directory) }
            throw error
        }
        return commit
    }

    /// Reads every object below `commit` (its tree, every subtree and blob) and checks each against
    /// its id, without writing anything: the repository holds the whole source, intact.
    ///
    /// Returns the number of distinct objects verified. Throws `.missingObject`, `.corruptObject`,
    /// `.unsupportedEntry` (a submodule, an unsafe name) as `export` does.
    public func verifyTree(of commit: GitCommit) throws -> Int {
        let store = try openStore(for: commit.id)
        var walker = TreeWriter(repository: self, store: store)
        try walker.write(tree: commit.tree, into: nil, path: [], depth: 0)
        return walker.visited.count
    }

    /// Creates `directory`, or checks that it is an empty folder. Returns true when it was created.
    static func prepareEmptyDirectory(_ directory: String) throws -> Bool {
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
}

/// Writes a verified tree, recursively, relative to folder descriptors it created; with no
/// folder, only reads and verifies every object once.
private struct TreeWriter {
    let repository: SourceRepository
    let store: GitObjectStore
    var entries = 0
    /// The objects verified so far, as kind and id (only tracked when nothing is written). The kind
    /// is part of the key: an id verified as a tree must still be refused where a file names it.
    var visited = Set<String>()

    init(repository: SourceRepository, store: GitObjectStore) {
        self.repository = repository
        self.store = store
    }

    static let maximumLinkTarget = 1 << 16

    mutating func write(tree id: String, into folder: Int32?, path: [UInt8], depth: Int) throws {
        if folder == nil {
            guard visited.insert("tree " + id).inserted else { return }
        }
        guard depth < SourceRepository.maximumExportDepth else {
            throw SourceError(.unsupportedEntry, "the tree nests folders deeper than \(SourceRepository.maximumExportDepth) at '\(POSIX.display(path))'; refused")
        }
        let tree = try object(id, kind: .tree, at: path)
        let parsed = try GitTreeEntry.parse(tree.content, treeID: id, format: store.format)
        // An empty folder cannot be checked out as git records it (git records none).
        guard depth == 0 || !parsed.isEmpty else {
            throw SourceError(.unsupportedEntry, "the tree holds the empty folder '\(POSIX.display(path))' (tree \(id)), which git never records; refused")
        }
        for entry in parsed {
            entries += 1
            guard entries <= SourceRepository.maximumExportEntries else {
                throw SourceError(.unsupportedEntry, "the tree holds more than \(SourceRepository.maximumExportEntries) entries; refused")
            }
            let entryPath = path.isEmpty ? entry.name : path + [0x2f] + entry.name
            let shown = POSIX.display(entryPath)
            let entryID = Hex.encode(entry.id)
            guard let folder else {
                switch entry.kind {
                case .tree: try write(tree: entryID, into: nil, path: entryPath, depth: depth + 1)
                case .file, .symlink: if visited.insert("blob " + entryID).inserted { _ = try object(entryID, kind: .blob, at: entryPath) }
                case .submodule: throw Self.submodule(shown, entryID)
                }
                continue
            }
            switch entry.kind {
            case .tree:
                guard POSIX.withCPath(entry.name, { mkdirat(folder, $0, 0o755) }) == 0 else {
                    throw POSIX.ioError("cannot create folder", shown)
                }
                let child = POSIX.withCPath(entry.name) { openat(folder, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
                guard child >= 0 else { throw POSIX.ioError("cannot open folder", shown) }
                defer { close(child) }
                try write(tree: entryID, into: child, path: entryPath, depth: depth + 1)
            case .file(let executable):
                let blob = try object(entryID, kind: .blob, at: entryPath)
                let fd = POSIX.withCPath(entry.name) {
                    openat(folder, $0, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
                }
                guard fd >= 0 else { throw POSIX.ioError("cannot create", shown) }
                defer { close(fd) }
                try blob.content.withUnsafeBytes { try POSIX.writeAll(fd, $0, displayPath: shown) }
                guard fchmod(fd, executable ? 0o755 : 0o644) == 0 else { throw POSIX.ioError("cannot set the mode of", shown) }
            case .symlink:
                let blob = try object(entryID, kind: .blob, at: entryPath)
                guard blob.content.count <= Self.maximumLinkTarget, !blob.content.contains(0), !blob.content.isEmpty else {
                    throw SourceError(.unsupportedEntry, "symlink '\(shown)' has an empty, NUL-holding or over-long target; refused")
                }
                let made = POSIX.withCPath(blob.content) { target in
                    POSIX.withCPath(entry.name) { symlinkat(target, folder, $0) }
                }
                guard made == 0 else { throw POSIX.ioError("cannot create symlink", shown) }
            case .submodule:
                throw Self.submodule(shown, entryID)
            }
        }
    }

    private static func submodule(_ shown: String, _ id: String) -> SourceError {
        SourceError(.unsupportedEntry, "the source contains the submodule '\(shown)' (commit \(id)); submodules cannot be checked")
    }

    private func object(_ id: String, kind: GitObjectKind, at path: [UInt8]) throws -> GitObject {
        let place = path.isEmpty ? "the root tree" : "'\(POSIX.display(path))'"
        guard let object = try store.object(id) else {
            throw SourceError(.missingObject, "object \(id) for \(place) is not in the repository at '\(repository.path)'\(repository.absenceNote(store))")
        }
        guard object.kind == kind else {
            throw SourceError(.corruptObject, "object \(id) for \(place) is a \(object.kind.name), not a \(kind.name)")
        }
        return object
    }
}
