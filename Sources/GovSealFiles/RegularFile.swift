#if canImport(Glibc)
import Glibc
#endif

/// Opening files that must be regular files, without ever blocking on a named pipe or a device.
public enum RegularFile {
    /// Opens `path` read-only and returns the descriptor and its `stat`. The open is non-blocking
    /// (so a FIFO cannot hang the process), anything but a regular file is refused, and the
    /// descriptor is then switched back to blocking reads. The caller closes it.
    public static func openForReading(_ path: String) throws -> (fd: Int32, info: stat) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw FileError.errno(path, "cannot open") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = FileError.errno(path, "stat")
            close(fd)
            throw error
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            let kind = (info.st_mode & S_IFMT) == S_IFDIR ? "a folder" : "not a regular file"
            throw FileError(.io, path: path, "is \(kind)")
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return (fd, info)
    }
}
