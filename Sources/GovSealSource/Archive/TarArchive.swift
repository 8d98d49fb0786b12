#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the regular-file members of a tar archive (ustar, pax, GNU, v7; plain or gzip-compressed)
/// with their sizes and SHA-256 digests, streaming, with bounded memory.
public enum TarArchive {
    /// One regular file inside an archive.
    public typealias Member = (path: String, size: UInt64, sha256: String)

    /// The regular files of the archive at `path`, in archive order. Long names from pax `path`
    /// records and GNU `L` entries are honoured, as are pax `size` records; folders, links and
    /// devices are not listed. A gzip archive (by its magic bytes) is decompressed by running
    /// `gzip -dc` as a subprocess. The file is opened once, without blocking, and must be a
    /// regular file (a FIFO or device put in its place is refused, never waited on).
    ///
    /// Throws `SourceError` `.malformedArchive` when the file is not a readable tar archive (bad
    /// header checksum, truncated member, oversized metadata), `.io` when it cannot be read.
    public static func members(path: String) throws -> [Member] {
        var parser = TarStreamParser()
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw POSIX.ioError("cannot open", path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw POSIX.ioError("cannot inspect", path) }
        guard POSIX.isRegular(info) else { throw SourceError(.unsafePath, "'\(path)' is not a regular file") }
        if isGzip(fd) {
            try gunzip("/proc/self/fd/\(fd)", displayPath: path) { try parser.feed($0) }
        } else {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let count = try POSIX.readChunk(fd, into: buffer, displayPath: path)
                if count == 0 { break }
                try parser.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            }
        }
        do {
            return try parser.finish()
        } catch let error as SourceError {
            throw SourceError(error.code, "'\(path)': \(error.reason)")
        }
    }

    static func isGzip(_ fd: Int32) -> Bool {
        var magic: [UInt8] = [0, 0]
        let count = magic.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 2, 0) }
        return count == 2 && magic == [0x1f, 0x8b]
    }

    /// Decompresses `input` (read as gzip's standard input, so an open descriptor's `/proc/self/fd`
    /// path names exactly the file already checked).
    private static func gunzip(_ input: String, displayPath path: String, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        let searchPath = "/usr/local/bin:/usr/bin:/bin"
        guard let gzip = Subprocess.findExecutable("gzip", searchPath: searchPath) else {
            throw SourceError(.malformedArchive, "'\(path)' is gzip-compressed but no gzip executable was found")
        }
        var process = Subprocess(executable: gzip, arguments: ["-dc"], environment: ["PATH": searchPath, "LC_ALL": "C"])
        process.standardInput = .file(input)
        process.standardError = .capture(limit: 4096)
        process.timeout = .seconds(1800)
        let result = try process.run(onStandardOutput: consume)
        guard result.succeeded else {
            throw SourceError(.malformedArchive, "'\(path)' cannot be decompressed (gzip: \(result.errorText.firstLine))")
        }
    }
}
