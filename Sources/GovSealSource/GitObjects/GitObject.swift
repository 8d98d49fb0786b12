import GovSealCrypto

/// The four kinds of git object.
enum GitObjectKind: UInt8, Sendable {
    case commit = 1
    case tree = 2
    case blob = 3
    case tag = 4

    /// The name git writes in an object's header (`blob 12\0…`).
    var name: String {
        switch self {
        case .commit: "commit"
        case .tree: "tree"
        case .blob: "blob"
        case .tag: "tag"
        }
    }

    init?(name: some Collection<UInt8>) {
        switch String(decoding: name, as: UTF8.self) {
        case "commit": self = .commit
        case "tree": self = .tree
        case "blob": self = .blob
        case "tag": self = .tag
        default: return nil
        }
    }
}

/// An object's kind and content (without git's `<kind> <size>\0` header).
struct GitObject {
    let kind: GitObjectKind
    let content: [UInt8]

    /// The id git gives this object: the hash of `<kind> <size>\0<content>`.
    func id(format: GitObjectFormat) -> [UInt8] {
        let hasher: StreamingHasher
        do { hasher = try StreamingHasher(format.digestAlgorithm) } catch { return [] }
        hasher.update(Array("\(kind.name) \(content.count)\u{0}".utf8))
        hasher.update(content)
        return hasher.finalize()
    }
}

/// A commit object's fields that a rebuild needs.
public struct GitCommit: Sendable, Equatable {
    /// The commit id (lowercase hex).
    public let id: String
    /// The id of the tree it records (lowercase hex).
    public let tree: String
    /// The committer time, seconds since 1970 (the value for `SOURCE_DATE_EPOCH`).
    public let committerTime: Int64

    /// Parses a verified commit object. Throws `.corruptObject` when its first line is not a tree of
    /// this format or it has no readable committer line.
    init(id: String, content: [UInt8], format: GitObjectFormat) throws {
        let lines = content.split(separator: 0x0a, omittingEmptySubsequences: false)
        let treePrefix = Array("tree ".utf8)
        guard let first = lines.first, first.starts(with: treePrefix) else {
            throw SourceError(.corruptObject, "commit \(id) does not start with a tree line")
        }
        let tree = String(decoding: first.dropFirst(treePrefix.count), as: UTF8.self)
        guard GitReference.isFullID(tree, format: format) else {
            throw SourceError(.corruptObject, "commit \(id) records the tree '\(tree.prefix(80))', not a \(format.rawValue) object id")
        }
        var time: Int64?
        for line in lines.dropFirst() {
            if line.isEmpty { break }  // the end of the header
            guard line.starts(with: Array("committer ".utf8)) else { continue }
            let fields = line.split(separator: 0x20)
            if fields.count >= 3, let seconds = Int64(String(decoding: fields[fields.count - 2], as: UTF8.self)) {
                time = seconds
            }
            break
        }
        guard let time else { throw SourceError(.corruptObject, "commit \(id) has no readable committer time") }
        self.id = id
        self.tree = tree
        self.committerTime = time
    }
}

/// One entry of a tree object.
struct GitTreeEntry {
    enum Kind: Equatable {
        case file(executable: Bool)
        case symlink
        case tree
        case submodule
    }

    let kind: Kind
    let name: [UInt8]
    let id: [UInt8]

    /// git's order key: the name, a tree's name as if followed by "/".
    var sortKey: [UInt8] { kind == .tree ? name + [0x2f] : name }

    /// Parses the entries of a verified tree object (`<octal mode> <name>\0<raw id>` each).
    /// Throws `.corruptObject` for a malformed entry, `.unsupportedEntry` for a mode that cannot
    /// be checked out exactly (git's fsck rejects the same ones) or a name that is unsafe or repeated.
    static func parse(_ content: [UInt8], treeID: String, format: GitObjectFormat) throws -> [GitTreeEntry] {
        var entries: [GitTreeEntry] = []
        var names = Set<[UInt8]>()
        var index = 0
        let idLength = format.idByteCount
        func malformed(_ what: String) -> SourceError {
            SourceError(.corruptObject, "tree \(treeID) is malformed: \(what)")
        }
        while index < content.count {
            guard let space = content[index...].prefix(8).firstIndex(of: 0x20) else { throw malformed("an entry without a mode") }
            let mode = String(decoding: content[index..<space], as: UTF8.self)
            guard let nul = content[(space + 1)...].firstIndex(of: 0) else { throw malformed("an entry name without its end") }
            let name = Array(content[(space + 1)..<nul])
            guard nul + 1 + idLength <= content.count else { throw malformed("an entry cut short") }
            let id = Array(content[(nul + 1)..<(nul + 1 + idLength)])
            index = nul + 1 + idLength
            let shown = POSIX.display(name)
            let kind: Kind
            switch mode {
            case "100644": kind = .file(executable: false)
            case "100755": kind = .file(executable: true)
            case "120000": kind = .symlink
            case "40000": kind = .tree
            case "160000": kind = .submodule
            default:
                throw SourceError(.unsupportedEntry, "tree \(treeID) gives '\(shown)' the mode '\(mode.prefix(8))', which cannot be checked out exactly; refused")
            }
            try validate(name: name, treeID: treeID)
            guard names.insert(name).inserted else {
                throw SourceError(.unsupportedEntry, "tree \(treeID) names '\(shown)' twice; refused")
            }
            // git writes entries in one order only (a folder sorted as if its name ended in "/");
            // any other order is a tree git never made, and one whose checkout does not hash back.
            let entry = GitTreeEntry(kind: kind, name: name, id: id)
            if let previous = entries.last, !previous.sortKey.lexicographicallyPrecedes(entry.sortKey) {
                throw SourceError(.unsupportedEntry, "tree \(treeID) lists '\(shown)' out of git's order; refused")
            }
            entries.append(entry)
        }
        return entries
    }

    /// Refuses names git itself refuses to check out: empty, `.`, `..`, `.git` in any case, or
    /// containing `/`, which could otherwise write outside the export folder or into a repository.
    static func validate(name: [UInt8], treeID: String) throws {
        let lower = name.map { (0x41...0x5a).contains($0) ? $0 | 0x20 : $0 }
        if lower.isEmpty || lower == [0x2e] || lower == [0x2e, 0x2e] || lower == Array(".git".utf8) || lower.contains(0x2f) {
            throw SourceError(.unsupportedEntry, "tree \(treeID) holds the unsafe name '\(POSIX.display(name))'; refused")
        }
    }
}
