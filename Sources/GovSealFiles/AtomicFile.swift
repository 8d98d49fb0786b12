#if canImport(Glibc)
import Glibc
#endif

/// An error reading or writing a file: the path and what the system said.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable { case exists, notFound, tooLarge, io, insecure }
    public let code: Code
    public let path: String
    public let reason: String

    public init(_ code: Code, path: String, _ reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
    public static func == (l: FileError, r: FileError) -> Bool { l.code == r.code }

    static func errno(_ path: String, _ action: String) -> FileError {
        let e = Glibc.errno
        let text = String(cString: strerror(e))
        switch e {
        case ENOENT: return FileError(.notFound, path: path, "\(action): \(text)")
        case EEXIST: return FileError(.exists, path: path, "\(action): \(text)")
        default: return FileError(.io, path: path, "\(action): \(text)")
        }
    }
}

/// Crash-safe file replacement: the bytes go to a temporary file in the same folder, which is
/// fsynced and renamed over the target, then the folder is fsynced. A reader (or a crash at any
/// moment) sees the old file or the new one, never a truncated one.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically with the given permission bits.
    ///
    /// With `overwrite` false the final step is a `link(2)`, which fails if `path` exists, so
    /// an existing file is never replaced (`FileError.exists`). On any error the temporary file
    /// is removed and `path` is untouched.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644, overwrite: Bool = true) throws {
        let directory = parentDirectory(of: path)
        let temporary = "\(directory)/.\(baseName(of: path)).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileError.errno(path, "cannot create a temporary file in \(directory)") }
        var committed = false
        defer {
            if !committed { unlink(temporary) }
        }
        do {
            defer { close(fd) }
            guard fchmod(fd, mode) == 0 else { throw FileError.errno(path, "chmod") }
            try bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 {
                        if Glibc.errno == EINTR { continue }
                        throw FileError.errno(path, "write")
                    }
                    offset += n
                }
            }
            guard fsync(fd) == 0 else { throw FileError.errno(path, "fsync") }
        }
        if overwrite {
            guard rename(temporary, path) == 0 else { throw FileError.errno(path, "rename") }
        } else {
            guard link(temporary, path) == 0 else {
                if Glibc.errno == EEXIST {
                    throw FileError(.exists, path: path, "already exists (refusing to overwrite it)")
                }
                throw FileError.errno(path, "link")
            }
            unlink(temporary)
        }
        committed = true
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    /// Replaces the existing regular file at `path` atomically (as `write`), keeping its
    /// permission bits: a 0600 draft stays 0600. Throws `FileError` when `path` is not a
    /// regular file (a symbolic link is resolved by the caller, see `resolvingSymbolicLink`).
    public static func replace(_ bytes: [UInt8], at path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw FileError.errno(path, "cannot open") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw FileError(.io, path: path, "is not a regular file") }
        try write(bytes, to: path, mode: info.st_mode & 0o777, overwrite: true)
    }

    /// The file a change to `path` must replace so that a symbolic link stays a link: `path`
    /// itself, or, when `path` is a symbolic link, the file it finally names (every link
    /// resolved). Replacing that file (temporary file and rename in its own folder) keeps the
    /// link and changes its target atomically. Throws `FileError` for a dangling link.
    public static func resolvingSymbolicLink(_ path: String) throws -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw FileError.errno(path, "cannot open") }
        guard (info.st_mode & S_IFMT) == S_IFLNK else { return path }
        guard let resolved = realpath(path, nil) else {
            throw FileError.errno(path, "cannot resolve the symbolic link")
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Reads a whole regular file, refusing one larger than `limit` bytes before reading it.
    public static func read(_ path: String, limit: Int = 16 << 20) throws -> [UInt8] {
        let (fd, info) = try RegularFile.openForReading(path)
        defer { close(fd) }
        guard info.st_size <= limit else {
            throw FileError(.tooLarge, path: path, "\(info.st_size) bytes; the limit is \(limit) bytes")
        }
        var out = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < out.count {
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if Glibc.errno == EINTR { continue }
                throw FileError.errno(path, "read")
            }
            if n == 0 { break }
            offset += n
        }
        if offset < out.count { out.removeSubrange(offset...) }
        // A file that grew while read is still bounded by the limit.
        return out
    }

    /// True when something exists at `path` (a link counts, even a dangling one).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The folder `path` is in (`.` for a bare name).
    public static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    /// The last component of `path`.
    public static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
