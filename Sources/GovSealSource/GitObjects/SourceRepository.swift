#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A disclosed repository, which is hostile input: read natively from its object database, never
/// through the `git` program, so that nothing of the repository (its config, refs, replace refs,
/// grafts, shallow file, hooks, attributes, alternates, promisor remote, include files) can change
/// what is read or run anything, whatever git version is installed.
///
/// Only objects named by id are read, from the commit down, and each is hashed and must equal its
/// id before it is used. A commit that is absent is `.unknownCommit` (a failed check for callers,
/// never a fetch); one whose stored bytes do not hash to its id is `.corruptObject`.
public struct SourceRepository: Sendable {
    /// The path as given (the top of a work tree, or a bare repository).
    public let path: String
    /// The git folder whose `objects` are read (`<path>/.git`, or `path` for a bare repository).
    public let gitDirectory: String

    /// Opens the repository at `path`: a folder holding a `.git` folder, or a bare repository (a
    /// folder holding `objects/` and `HEAD`).
    ///
    /// Throws `.notARepository` naming the path for anything else, and refuses a `.git` that is a
    /// symbolic link or a file (`gitdir: …`), which would take another folder's objects for this one.
    public init(path: String) throws {
        var info = stat()
        guard !path.isEmpty, !POSIX.containsNUL(path), stat(path, &info) == 0, POSIX.isDirectory(info) else {
            throw SourceError(.notARepository, "'\(path)' is not a folder")
        }
        self.path = path
        let dotGit = path + "/.git"
        if let marker = try POSIX.pathInfo(dotGit) {
            if POSIX.isSymlink(marker) {
                throw SourceError(.notARepository, "'\(dotGit)' is a symbolic link; refusing to take another repository's objects for this folder")
            }
            guard POSIX.isDirectory(marker) else {
                throw SourceError(.notARepository, "'\(dotGit)' is a file (a 'gitdir:' redirect to another folder, as in a linked work tree or submodule); refused: pass the repository that holds the objects")
            }
            gitDirectory = dotGit
            return
        }
        if let objects = try POSIX.pathInfo(path + "/objects"), POSIX.isDirectory(objects),
           let head = try POSIX.pathInfo(path + "/HEAD"), POSIX.isRegular(head) {
            gitDirectory = path
            return
        }
        throw SourceError(.notARepository, "'\(path)' is not a git repository (no .git folder, and not a bare repository)")
    }

    /// True when `path` holds something that claims to be a repository: a `.git` entry of any kind
    /// (folder, file or symbolic link, which `init` then accepts or refuses), or the `objects/` and
    /// `HEAD` of a bare repository. A folder without these is a plain source folder.
    public static func looksLikeRepository(_ path: String) -> Bool {
        if (try? POSIX.pathInfo(path + "/.git")) != nil { return true }
        guard let objects = try? POSIX.pathInfo(path + "/objects"), POSIX.isDirectory(objects),
              let head = try? POSIX.pathInfo(path + "/HEAD"), POSIX.isRegular(head) else { return false }
        return true
    }

    /// The commit `id` (a full lowercase object id; its length says the object format), verified.
    ///
    /// Throws `.invalidReference` when `id` is not a full object id, `.unknownCommit` when the
    /// repository does not hold it (or it names another kind of object), `.corruptObject` when its
    /// stored bytes do not hash to `id`.
    public func commit(_ id: String) throws -> GitCommit {
        let store = try openStore(for: id)
        return try commit(id, in: store)
    }

    /// True when the repository holds commit `id` intact.
    public func containsCommit(_ id: String) -> Bool {
        (try? commit(id)) != nil
    }

    func openStore(for id: String) throws -> GitObjectStore {
        guard let format = GitObjectFormat(idHexLength: id.utf8.count), GitReference.isFullID(id, format: format) else {
            throw SourceError(.invalidReference, "'\(id.prefix(80))' is not a full commit id (40 or 64 lowercase hex digits)")
        }
        return try GitObjectStore(objectsPath: gitDirectory + "/objects", format: format)
    }

    func commit(_ id: String, in store: GitObjectStore) throws -> GitCommit {
        guard let object = try store.object(id) else {
            throw SourceError(.unknownCommit, "commit \(id) is not in the repository at '\(path)'\(absenceNote(store))")
        }
        guard object.kind == .commit else {
            throw SourceError(.unknownCommit, "\(id) in the repository at '\(path)' is a \(object.kind.name), not a commit")
        }
        return try GitCommit(id: id, content: object.content, format: store.format)
    }

    /// What the absence of an object may be due to: the sources that are deliberately not followed.
    func absenceNote(_ store: GitObjectStore) -> String {
        var notes: [String] = []
        if (try? POSIX.pathInfo(gitDirectory + "/objects/info/alternates")) != nil {
            notes.append("objects/info/alternates is not followed")
        }
        if !store.skippedPacks.isEmpty {
            notes.append("unreadable packs: " + store.skippedPacks.prefix(3).joined(separator: "; "))
        }
        return notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"
    }
}
