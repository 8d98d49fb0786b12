#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GovSealEncoding
import GovSealFiles

/// POSIX file access for key files: reads with the file's mode, writes new 0600 files atomically.
enum KeyFileIO {
    /// Reads at most `limit` bytes of a regular file; returns the bytes and the file's mode bits.
    static func readFile(path: String, limit: Int) throws -> (bytes: [UInt8], mode: UInt32) {
        let fd: Int32
        let info: stat
        do {
            (fd, info) = try RegularFile.openForReading(path)  // never blocks on a FIFO
        } catch let error as FileError {
            throw CryptoError(.io, error.reason.hasPrefix("is ") ? "'\(path)' \(error.reason)" : "cannot open '\(path)': \(error.reason)")
        }
        defer { close(fd) }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 8192)
        defer { wipe(&chunk) }
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ioError("cannot read '\(path)'")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk.prefix(count))
            if bytes.count > limit {
                wipe(&bytes)
                throw CryptoError(.invalidKeyFile, "not a key file: '\(path)' is larger than \(limit) bytes")
            }
        }
        return (bytes, UInt32(info.st_mode))
    }

    /// Creates `path` with `bytes` and mode 0600, atomically and without overwriting: writes a
    /// temporary 0600 file in the same folder, fsyncs it, hard-links it to `path` (which fails
    /// if `path` exists), removes the temporary name and fsyncs the folder.
    static func writeNew(path: String, bytes: [UInt8]) throws {
        var existing = stat()
        if lstat(path, &existing) == 0 {
            throw CryptoError(.io, "refusing to overwrite existing file '\(path)'")
        }
        let folder = folderOf(path)
        let temporary = folder + "/.govseal-key-" + Hex.encode(try SecureRandom.bytes(8)) + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ioError("cannot create a file in '\(folder)'") }
        var linked = false
        defer { unlink(temporary) }
        do {
            defer { close(fd) }
            guard fchmod(fd, 0o600) == 0 else { throw ioError("cannot set mode 0600 on a file in '\(folder)'") }
            try writeAll(fd, bytes, path: path)
            guard fsync(fd) == 0 else { throw ioError("cannot fsync '\(path)'") }
        }
        if link(temporary, path) == 0 {
            linked = true
        } else if errno == EEXIST {
            throw CryptoError(.io, "refusing to overwrite existing file '\(path)'")
        } else if lstat(path, &existing) != 0, rename(temporary, path) == 0 {
            // File systems without hard links: rename after the existence check.
            linked = true
        }
        guard linked else { throw ioError("cannot create '\(path)'") }
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            _ = fsync(folderFD)
            close(folderFD)
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ioError("cannot write '\(path)'")
            }
            offset += count
        }
    }

    private static func folderOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// A `.io` error with the C library's message for the current `errno`.
    static func ioError(_ what: String) -> CryptoError {
        CryptoError(.io, "\(what): \(String(cString: strerror(errno)))")
    }
}
