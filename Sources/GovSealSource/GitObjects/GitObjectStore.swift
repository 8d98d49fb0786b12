#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GovSealEncoding

/// The object database of an untrusted repository, read natively: loose objects
/// (`objects/xx/…`, zlib) and version 2 packs (`objects/pack/pack-*.{idx,pack}`, with offset and
/// ref deltas). Nothing else of the repository is read: no config, refs, replace refs, grafts,
/// shallow file, alternates, promisor remote, commit-graph or multi-pack index, so none of them can
/// substitute an object, fetch one or run anything.
///
/// Every object returned has been hashed and equals its id. Every file is opened relative to the
/// `objects` folder's descriptor with `O_NOFOLLOW | O_NONBLOCK` and must be a regular file, so a
/// symbolic link cannot redirect a read and a FIFO cannot block it.
final class GitObjectStore {
    /// The largest object read (a blob of a source tree); bigger ones are refused.
    static let maximumObjectSize = 1 << 30
    /// The longest delta chain followed.
    static let maximumDeltaDepth = 1000
    /// The largest pack index read.
    static let maximumIndexSize = 1 << 31

    let format: GitObjectFormat
    private let objects: Int32
    private let displayPath: String
    private var packs: [PackFile]?
    /// Why packs were skipped, said when an object is absent.
    private(set) var skippedPacks: [String] = []

    /// Opens `objectsPath` (which must be a real folder, not a symbolic link).
    init(objectsPath: String, format: GitObjectFormat) throws {
        let fd = open(objectsPath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP || code == ENOTDIR {
                throw SourceError(.notARepository, "'\(objectsPath)' is not a folder (a symbolic link is refused)")
            }
            throw POSIX.ioError("cannot open", objectsPath, code)
        }
        objects = fd
        displayPath = objectsPath
        self.format = format
    }

    deinit { close(objects) }

    /// The verified object `id` (lowercase hex of this format), or nil when the repository does not
    /// hold it. Throws `.corruptObject` when copies exist but none hashes to `id`.
    func object(_ id: String) throws -> GitObject? {
        guard GitReference.isFullID(id, format: format), let raw = try? Hex.decode(id) else { return nil }
        var problems: [String] = []
        do {
            if let loose = try looseObject(id) {
                if loose.id(format: format) == raw { return loose }
                problems.append("the loose copy does not hash to its id")
            }
        } catch let failure as Unreadable {
            problems.append("the loose copy: \(failure.reason)")
        }
        for pack in try allPacks() {
            guard let offset = pack.index.offset(of: raw) else { continue }
            do {
                let found = try pack.object(at: offset, store: self, depth: 0)
                if found.id(format: format) == raw { return found }
                problems.append("the copy in \(pack.name) does not hash to its id")
            } catch let failure as Unreadable {
                problems.append("the copy in \(pack.name): \(failure.reason)")
            }
        }
        guard problems.isEmpty else {
            throw SourceError(.corruptObject, "object \(id) in '\(displayPath)' is corrupt: \(problems.joined(separator: "; "))")
        }
        return nil
    }

    /// Why a copy of an object could not be read; the caller says which copy.
    struct Unreadable: Error { let reason: String }

    /// An object's content by id without verifying it (the base of a ref delta: the object built
    /// from it is verified). Loose first, then each pack.
    func unverifiedObject(_ raw: [UInt8], depth: Int) throws -> GitObject? {
        if let loose = try? looseObject(Hex.encode(raw)) { return loose }
        for pack in try allPacks() {
            if let offset = pack.index.offset(of: raw) { return try pack.object(at: offset, store: self, depth: depth) }
        }
        return nil
    }

    // MARK: Loose objects

    func looseObject(_ id: String) throws -> GitObject? {
        let path = String(id.prefix(2)) + "/" + String(id.dropFirst(2))
        let fd: Int32
        do {
            guard let opened = try Self.openRegularFile(at: objects, path) else { return nil }
            fd = opened
        }
        defer { close(fd) }
        let data: [UInt8]
        do {
            data = try Inflate.stream(limit: Self.maximumObjectSize + 64) { buffer in
                let count = read(fd, buffer.baseAddress, buffer.count)
                guard count >= 0 else { throw Unreadable(reason: "read error: \(POSIX.describe(errno))") }
                return count
            }
        } catch let failure as Inflate.Failure {
            throw Unreadable(reason: failure.description)
        }
        guard let nul = data.prefix(32).firstIndex(of: 0), let space = data[..<nul].firstIndex(of: 0x20),
              let kind = GitObjectKind(name: data[..<space]),
              let size = Int(String(decoding: data[(space + 1)..<nul], as: UTF8.self)), size == data.count - nul - 1 else {
            throw Unreadable(reason: "its header is malformed or its size is wrong")
        }
        return GitObject(kind: kind, content: Array(data[(nul + 1)...]))
    }

    /// Opens `path` under `directory` read-only if it is a regular file; nil when it does not exist.
    /// Throws `Unreadable` for a symbolic link, FIFO, device or folder.
    static func openRegularFile(at directory: Int32, _ path: String) throws -> Int32? {
        let fd = openat(directory, path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            if code == ELOOP { throw Unreadable(reason: "'\(path)' is a symbolic link") }
            throw Unreadable(reason: "cannot open '\(path)': \(POSIX.describe(code))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, POSIX.isRegular(info) else {
            close(fd)
            throw Unreadable(reason: "'\(path)' is not a regular file")
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return fd
    }

    // MARK: Packs

    /// The readable packs of the store, opened on first use (unreadable ones are in `skippedPacks`).
    func readablePacks() throws -> [PackFile] { try allPacks() }

    private func allPacks() throws -> [PackFile] {
        if let packs { return packs }
        var found: [PackFile] = []
        let folder = openat(objects, "pack", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if folder >= 0 {
            defer { close(folder) }
            let names = try POSIX.listDirectory(folder, displayPath: displayPath + "/pack")
                .map { String(decoding: $0, as: UTF8.self) }
                .filter { $0.hasPrefix("pack-") && $0.hasSuffix(".idx") }
                .sorted()
            for name in names.prefix(10_000) {
                let base = String(name.dropLast(4))
                do {
                    found.append(try PackFile(folder: folder, name: base, idLength: format.idByteCount))
                } catch let failure as Unreadable {
                    skippedPacks.append("\(base): \(failure.reason)")
                }
            }
        }
        packs = found
        return found
    }
}

extension Inflate.Failure: CustomStringConvertible {
    var description: String {
        switch self {
        case .corrupt(let message): "its compressed data is corrupt (\(message))"
        case .truncated: "its compressed data is cut short"
        case .tooLarge: "it is larger than it may be"
        case .tooShort: "it is shorter than its header says"
        }
    }
}
