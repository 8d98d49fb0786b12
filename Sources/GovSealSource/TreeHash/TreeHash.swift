#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GovSealCrypto
import GovSealEncoding

/// The git tree id of a directory's content, computed natively (no git), byte for byte as
/// `git add -A && git write-tree` would record it.
///
/// Rules, as git applies them: regular files are `100644`, or `100755` when the owner's execute
/// bit is set; symlinks are `120000` with the link target bytes as the blob (never followed, even
/// to a folder); folders are `40000`; entries are sorted by name bytes with a folder compared as if
/// its name ended in "/"; `.git` is ignored at every level; empty folders (and folders holding only
/// empty folders) are omitted. Sockets, FIFOs and devices are skipped, as git skips them. A nested
/// folder holding its own `.git` is hashed by content (git would record a submodule instead).
/// Files are hashed streaming (`blob <size>\0` then the content) with bounded memory.
public enum TreeHash {
    /// The deepest folder nesting accepted, so that a hostile tree cannot exhaust descriptors or stack.
    public static let maximumDepth = 512

    /// The tree id of `directory` (lowercase hex) in the given object format.
    ///
    /// Throws `SourceError` `.io` naming the entry (relative to `directory`) that could not be read,
    /// or that changed size while it was read.
    public static func compute(directory: String, format: GitObjectFormat = .sha1) throws -> String {
        guard !POSIX.containsNUL(directory) else { throw SourceError(.io, "directory path contains a NUL byte") }
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOTDIR { throw SourceError(.io, "'\(directory)' is not a directory") }
            throw POSIX.ioError("cannot open directory", directory, code)
        }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        var walker = Walker(format: format, buffer: buffer)
        let id = try walker.tree(fd, relativePath: [], depth: 0) ?? walker.emptyTreeID()
        return Hex.encode(id)
    }
}

/// One entry of a tree object.
private struct TreeEntry {
    let mode: [UInt8]
    let name: [UInt8]
    let isTree: Bool
    let id: [UInt8]

    /// git's order: name bytes, a tree's name compared as if followed by "/".
    var sortKey: [UInt8] { isTree ? name + [0x2f] : name }
}

private struct Walker {
    let format: GitObjectFormat
    let buffer: UnsafeMutableRawBufferPointer

    static let dotGit: [UInt8] = Array(".git".utf8)

    func display(_ relativePath: [UInt8]) -> String {
        relativePath.isEmpty ? "." : POSIX.display(relativePath)
    }

    func hasher() throws -> StreamingHasher {
        try FileDigest.hasher(format.digestAlgorithm)
    }

    func emptyTreeID() throws -> [UInt8] {
        try object(type: "tree", content: [])
    }

    func object(type: String, content: [UInt8]) throws -> [UInt8] {
        let hash = try hasher()
        hash.update(Array("\(type) \(content.count)".utf8) + [0])
        hash.update(content)
        return hash.finalize()
    }

    /// The id of the folder open at `fd`, or nil when it holds nothing git would record.
    mutating func tree(_ fd: Int32, relativePath: [UInt8], depth: Int) throws -> [UInt8]? {
        guard depth <= TreeHash.maximumDepth else {
            throw SourceError(.io, "'\(display(relativePath))' is nested deeper than \(TreeHash.maximumDepth) folders")
        }
        var entries: [TreeEntry] = []
        for name in try POSIX.listDirectory(fd, displayPath: display(relativePath)) where name != Self.dotGit {
            let path = relativePath.isEmpty ? name : relativePath + [0x2f] + name
            guard let info = try POSIX.entryInfo(at: fd, name, displayPath: display(path)) else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                let executable = info.st_mode & S_IXUSR != 0
                let id = try fileBlob(at: fd, name, displayPath: display(path))
                entries.append(TreeEntry(mode: Array((executable ? "100755" : "100644").utf8), name: name, isTree: false, id: id))
            case S_IFLNK:
                let target = try POSIX.readLink(at: fd, name, displayPath: display(path))
                entries.append(TreeEntry(mode: Array("120000".utf8), name: name, isTree: false, id: try object(type: "blob", content: target)))
            case S_IFDIR:
                let child = POSIX.withCPath(name) { openat(fd, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
                guard child >= 0 else { throw POSIX.ioError("cannot open directory", display(path)) }
                defer { close(child) }
                if let id = try tree(child, relativePath: path, depth: depth + 1) {
                    entries.append(TreeEntry(mode: Array("40000".utf8), name: name, isTree: true, id: id))
                }
            default:
                continue  // sockets, FIFOs, devices: git does not record them
            }
        }
        guard !entries.isEmpty else { return nil }
        entries.sort { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
        var content: [UInt8] = []
        for entry in entries {
            content += entry.mode
            content.append(0x20)
            content += entry.name
            content.append(0)
            content += entry.id
        }
        return try object(type: "tree", content: content)
    }

    /// The blob id of a regular file, streamed: header from the size, then the bytes.
    func fileBlob(at dirfd: Int32, _ name: [UInt8], displayPath: String) throws -> [UInt8] {
        let fd = POSIX.withCPath(name) { openat(dirfd, $0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else { throw POSIX.ioError("cannot open", displayPath) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw POSIX.ioError("cannot inspect", displayPath) }
        guard POSIX.isRegular(info) else { throw SourceError(.io, "'\(displayPath)' changed type while it was hashed") }
        let size = UInt64(info.st_size)
        let hash = try hasher()
        hash.update(Array("blob \(size)".utf8) + [0])
        var read: UInt64 = 0
        while true {
            let count = try POSIX.readChunk(fd, into: buffer, displayPath: displayPath)
            if count == 0 { break }
            read += UInt64(count)
            guard read <= size else { break }
            hash.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        guard read == size else {
            throw SourceError(.io, "'\(displayPath)' changed size while it was hashed (\(size) bytes expected, \(read) read)")
        }
        return hash.finalize()
    }
}
