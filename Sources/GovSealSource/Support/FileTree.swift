#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creating and removing folders that the module owns (temporary work folders, exports).
enum FileTree {
    /// Creates a fresh, private (0700) folder `<parent>/<prefix>XXXXXX` and returns its path.
    static func makeTemporaryDirectory(in parent: String, prefix: String) throws -> String {
        var template = Array("\(parent)/\(prefix)XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let made else { throw POSIX.ioError("cannot create a temporary folder in", parent) }
        return String(cString: made)
    }

    /// The folder for temporary files: `$TMPDIR` when set to an absolute path, else `/tmp`.
    static var defaultTemporaryParent: String {
        if let value = getenv("TMPDIR") {
            let text = String(cString: value)
            if text.hasPrefix("/") { return text.count > 1 && text.hasSuffix("/") ? String(text.dropLast()) : text }
        }
        return "/tmp"
    }

    /// Removes `path` and everything below it without following symlinks, restoring owner
    /// permissions on folders a build made read-only. A missing path is not an error.
    static func remove(_ path: String) throws {
        guard let info = try POSIX.pathInfo(path) else { return }
        if POSIX.isDirectory(info) {
            try removeContents(of: path)
            guard rmdir(path) == 0 || errno == ENOENT else { throw POSIX.ioError("cannot remove", path) }
        } else {
            guard unlink(path) == 0 || errno == ENOENT else { throw POSIX.ioError("cannot remove", path) }
        }
    }

    /// Removes everything inside the folder `path`, keeping the folder itself.
    static func removeContents(of path: String) throws {
        _ = chmod(path, 0o700)
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw POSIX.ioError("cannot open folder", path) }
        defer { close(fd) }
        try removeContents(fd, displayPath: path)
    }

    private static func removeContents(_ fd: Int32, displayPath: String) throws {
        _ = fchmod(fd, 0o700)
        for name in try POSIX.listDirectory(fd, displayPath: displayPath) {
            let childPath = displayPath + "/" + POSIX.display(name)
            guard let info = try POSIX.entryInfo(at: fd, name, displayPath: childPath) else { continue }
            if POSIX.isDirectory(info) {
                var child = POSIX.withCPath(name) { openat(fd, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
                if child < 0 && errno == EACCES {
                    _ = POSIX.withCPath(name) { fchmodat(fd, $0, 0o700, 0) }
                    child = POSIX.withCPath(name) { openat(fd, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
                }
                guard child >= 0 else { throw POSIX.ioError("cannot open folder", childPath) }
                defer { close(child) }
                try removeContents(child, displayPath: childPath)
                guard POSIX.withCPath(name, { unlinkat(fd, $0, AT_REMOVEDIR) }) == 0 else {
                    throw POSIX.ioError("cannot remove", childPath)
                }
            } else {
                guard POSIX.withCPath(name, { unlinkat(fd, $0, 0) }) == 0 || errno == ENOENT else {
                    throw POSIX.ioError("cannot remove", childPath)
                }
            }
        }
    }
}
