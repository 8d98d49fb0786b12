#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GovSealCrypto
import GovSealEncoding

/// The size and digests of one regular file, read once with bounded memory.
struct FileDigest: Sendable {
    let size: UInt64
    let sha256: String
    let sha512: String?

    /// Hashes the regular file `path` (a final symlink is refused, not followed).
    ///
    /// Throws `.unsafePath` for a folder or any other non-regular file, `.missingOutput` when
    /// nothing is there, `.io` when reading fails, `.timeout` when `deadline` passes first (a
    /// sparse file of a terabyte takes long to read).
    static func of(path: String, includeSHA512: Bool, deadline: ContinuousClock.Instant? = nil) throws -> FileDigest {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: throw SourceError(.missingOutput, "'\(path)' does not exist")
            case ELOOP: throw SourceError(.unsafePath, "'\(path)' is a symlink")
            case ENXIO, ENODEV, EOPNOTSUPP: throw SourceError(.unsafePath, "output is a socket or device, not a regular file")
            default: throw POSIX.ioError("cannot open", path)
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw POSIX.ioError("cannot inspect", path) }
        if POSIX.isDirectory(info) { throw SourceError(.unsafePath, "output is a directory") }
        guard POSIX.isRegular(info) else { throw SourceError(.unsafePath, "output is not a regular file") }

        let sha256 = try hasher(.sha256)
        let sha512 = includeSHA512 ? try hasher(.sha512) : nil
        var size: UInt64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try POSIX.readChunk(fd, into: buffer, displayPath: path)
            if count == 0 { break }
            if let deadline, ContinuousClock.now >= deadline {
                throw SourceError(.timeout, "hashing '\(path)' ran past the time limit after \(size) bytes")
            }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            sha256.update(chunk)
            sha512?.update(chunk)
            size += UInt64(count)
        }
        return FileDigest(size: size, sha256: Hex.encode(sha256.finalize()), sha512: sha512.map { Hex.encode($0.finalize()) })
    }

    static func hasher(_ algorithm: DigestAlgorithm) throws -> StreamingHasher {
        do {
            return try StreamingHasher(algorithm)
        } catch {
            throw SourceError(.io, "cannot start a \(algorithm.rawValue) digest: \(error)")
        }
    }
}
