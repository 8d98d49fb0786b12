#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small helpers over the C file-system calls, working on raw byte paths so that names which are
/// not valid UTF-8 survive unchanged.
enum POSIX {
    /// The C library's text for an `errno` value.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// An `.io` error: "<action> '<path>': <strerror>".
    static func ioError(_ action: String, _ path: String, _ code: Int32 = errno) -> SourceError {
        SourceError(.io, "\(action) '\(path)': \(describe(code))")
    }

    /// A path for messages (invalid UTF-8 shown with replacement characters).
    static func display(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Calls `body` with a NUL-terminated copy of `bytes`.
    static func withCPath<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        var terminated = bytes
        terminated.append(0)
        return try terminated.withUnsafeBufferPointer { buffer in
            try buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { try body($0) }
        }
    }

    /// True when `text` contains a NUL byte (which C would silently truncate at).
    static func containsNUL(_ text: String) -> Bool {
        text.utf8.contains(0)
    }

    /// The names in an open directory, without "." and "..". Does not close `fd`.
    static func listDirectory(_ fd: Int32, displayPath: String) throws -> [[UInt8]] {
        let copy = dup(fd)
        guard copy >= 0 else { throw ioError("cannot read directory", displayPath) }
        guard let dir = fdopendir(copy) else {
            let code = errno
            close(copy)
            throw ioError("cannot read directory", displayPath, code)
        }
        defer { closedir(dir) }
        rewinddir(dir)
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { throw ioError("cannot read directory", displayPath) }
                break
            }
            let name: [UInt8] = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2e] || name == [0x2e, 0x2e] { continue }
            names.append(name)
        }
        return names
    }

    /// `fstatat` without following a final symlink; nil when the entry does not exist.
    static func entryInfo(at dirfd: Int32, _ name: [UInt8], displayPath: String) throws -> stat? {
        var info = stat()
        let result = withCPath(name) { fstatat(dirfd, $0, &info, AT_SYMLINK_NOFOLLOW) }
        if result == 0 { return info }
        if errno == ENOENT { return nil }
        throw ioError("cannot inspect", displayPath)
    }

    /// `lstat` of an absolute or relative path; nil when it does not exist.
    static func pathInfo(_ path: String) throws -> stat? {
        var info = stat()
        if lstat(path, &info) == 0 { return info }
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw ioError("cannot inspect", path)
    }

    static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }
    static func isRegular(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }
    static func isSymlink(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFLNK }

    /// Reads a symlink's target bytes relative to `dirfd`.
    static func readLink(at dirfd: Int32, _ name: [UInt8], displayPath: String) throws -> [UInt8] {
        var capacity = 256
        while true {
            var buffer = [UInt8](repeating: 0, count: capacity)
            let count = withCPath(name) { cname in
                buffer.withUnsafeMutableBytes { readlinkat(dirfd, cname, $0.baseAddress!.assumingMemoryBound(to: CChar.self), capacity) }
            }
            guard count >= 0 else { throw ioError("cannot read symlink", displayPath) }
            if count < capacity { return Array(buffer.prefix(count)) }
            guard capacity < 1 << 20 else { throw SourceError(.io, "symlink '\(displayPath)' has an oversized target") }
            capacity *= 4
        }
    }

    /// Writes all of `bytes` to `fd`, retrying on interruption.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, displayPath: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ioError("cannot write", displayPath)
            }
            offset += written
        }
    }

    /// Reads from `fd` into `buffer`, retrying on interruption; 0 at end of file.
    static func readChunk(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, displayPath: String) throws -> Int {
        while true {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw ioError("cannot read", displayPath)
        }
    }

    /// Moves a descriptor to a number above the standard streams, so that handing it to a child
    /// with `dup2` never collides with 0, 1 or 2. Keeps close-on-exec.
    static func aboveStandardStreams(_ fd: Int32) -> Int32 {
        guard fd >= 0, fd < 3 else { return fd }
        let moved = fcntl(fd, F_DUPFD_CLOEXEC, 3)
        close(fd)
        return moved
    }
}
