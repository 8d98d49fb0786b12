#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock on a file that is replaced by rename while locked.
///
/// Locking the document itself would race: a waiter could lock the old inode after a writer
/// renamed a new file over it and then read stale content. So after `flock` succeeds the lock
/// checks that the path still names the locked inode and retries otherwise.
public final class FileLock {
    private let fd: Int32

    /// Blocks until the lock on `path` is held. Throws `FileError` when the file cannot be opened.
    public init(path: String) throws {
        while true {
            let fd = try RegularFile.openForReading(path).fd
            while flock(fd, LOCK_EX) != 0 {
                if Glibc.errno != EINTR {
                    let error = FileError.errno(path, "lock")
                    close(fd)
                    throw error
                }
            }
            var locked = stat()
            var current = stat()
            if fstat(fd, &locked) == 0, stat(path, &current) == 0,
               locked.st_ino == current.st_ino, locked.st_dev == current.st_dev {
                self.fd = fd
                return
            }
            close(fd)  // replaced while we waited: lock the new file
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
