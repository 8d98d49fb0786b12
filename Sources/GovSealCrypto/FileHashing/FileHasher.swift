import GovSealFiles
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The size and digests of one file.
public struct FileDigests: Sendable {
    /// The number of bytes read.
    public let size: UInt64
    /// One digest per requested algorithm.
    public let digests: [DigestAlgorithm: [UInt8]]

    public init(size: UInt64, digests: [DigestAlgorithm: [UInt8]]) {
        self.size = size
        self.digests = digests
    }
}

/// Streaming file hashing: every requested digest in one read of the file, through one
/// fixed buffer, so memory does not grow with the file's size.
public enum FileHasher {
    /// The read buffer size (4 MiB): few read system calls per GiB. Buffers of 256 KiB to
    /// 8 MiB hash at the same speed here (bench/RESULTS.md); memory stays one buffer per core.
    public static let bufferSize = 4 << 20

    /// Hashes the file at `path` with each of `algorithms` in a single pass.
    ///
    /// `progress` is called after each read with the number of bytes done so far.
    /// Throws `CryptoError` (`.io`) naming the file when it cannot be opened or read, or is a
    /// directory; (`.openssl`) when OpenSSL cannot start a digest.
    public static func hash(path: String, algorithms: [DigestAlgorithm],
                            progress: ((UInt64) -> Void)? = nil) throws -> FileDigests {
        var unique: [DigestAlgorithm] = []
        for algorithm in algorithms where !unique.contains(algorithm) { unique.append(algorithm) }
        let hashers = try unique.map { try StreamingHasher($0) }

        let fd: Int32
        let info: stat
        do {
            (fd, info) = try RegularFile.openForReading(path)  // never blocks on a FIFO; refuses folders
        } catch let error as FileError {
            throw CryptoError(.io, error.reason.hasPrefix("is ") ? "'\(path)' \(error.reason)" : "cannot open '\(path)': \(error.reason)")
        }
        defer { close(fd) }
        #if canImport(Glibc)
        // A hint for a larger read-ahead; failure (a pipe, a device) changes nothing.
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif

        // Small files get a buffer of their own size; a file that grows while read is still
        // read to its end through the same buffer.
        let size = info.st_mode & S_IFMT == S_IFREG ? Int(clamping: info.st_size) : bufferSize
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(4096, min(bufferSize, size + 1)), alignment: 4096)
        defer { buffer.deallocate() }
        var total: UInt64 = 0
        while true {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw KeyFileIO.ioError("cannot read '\(path)'")
            }
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            for hasher in hashers { hasher.update(chunk) }
            total += UInt64(count)
            progress?(total)
        }
        var digests: [DigestAlgorithm: [UInt8]] = [:]
        for hasher in hashers { digests[hasher.algorithm] = hasher.finalize() }
        return FileDigests(size: total, digests: digests)
    }
}
