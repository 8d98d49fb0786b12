#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds where two byte streams first differ, reading both in step with bounded memory (two
/// 64 KiB buffers, the current line capped at `maximumLineBytes`).
enum FirstDifference {
    /// Bytes shown either side of a binary difference.
    static let context = 8
    /// The longest line shown for a text difference.
    static let maximumLineBytes = 160
    private static let chunk = 1 << 16

    /// A source of bytes: returns how many it wrote into the buffer, 0 at the end.
    typealias Source = (UnsafeMutableRawBufferPointer) throws -> Int

    /// The first difference of `reference` and `rebuilt`, or nil when they are equal. Text when
    /// neither side has a NUL byte in its first 8 KiB.
    static func find(reference: @escaping Source, rebuilt: @escaping Source, deadline: ContinuousClock.Instant?) throws -> ContentDetail? {
        var left = FilledReader(reference, capacity: chunk)
        var right = FilledReader(rebuilt, capacity: chunk)
        defer { left.deallocate(); right.deallocate() }
        var offset: UInt64 = 0
        var line = 1
        var lineSoFar: [UInt8] = []      // the current line's bytes before this chunk (capped, its end kept)
        var before: [UInt8] = []         // the bytes just before this chunk (for binary context)
        var isText: Bool?
        while true {
            try ArchiveMembers.checkDeadline(deadline)
            let a = try left.fill()
            let b = try right.fill()
            if isText == nil {
                isText = !a.prefix(8192).contains(0) && !b.prefix(8192).contains(0)
            }
            let common = min(a.count, b.count)
            var index = 0
            while index < common && a[index] == b[index] { index += 1 }
            if index == common && a.count == b.count {
                if a.isEmpty { return nil }
                for byte in a { if byte == 0x0a { line += 1; lineSoFar = [] } else { lineSoFar.append(byte) } }
                lineSoFar = Array(lineSoFar.suffix(maximumLineBytes))
                before = Array((before + a).suffix(context))
                offset += UInt64(a.count)
                continue
            }
            // They differ at `index` of this chunk (or one side ended there).
            if isText == true {
                var start = lineSoFar
                for byte in a[..<index] { if byte == 0x0a { line += 1; start = [] } else { start.append(byte) } }
                func rest(_ bytes: ArraySlice<UInt8>, ended: Bool) -> String? {
                    if ended && start.isEmpty { return nil }
                    let tail = bytes.prefix { $0 != 0x0a }
                    return String(decoding: (start + tail).prefix(maximumLineBytes), as: UTF8.self)
                }
                return .text(line: line, reference: rest(a[index...], ended: index >= a.count),
                             rebuilt: rest(b[index...], ended: index >= b.count))
            }
            let prefix = (before + a[..<index]).suffix(context)
            return .binary(offset: offset + UInt64(index), reference: Array(prefix + a[index...].prefix(context)),
                           rebuilt: Array(prefix + b[index...].prefix(context)))
        }
    }

    /// A regular file as a `Source` (opened without blocking; a final symlink is not followed).
    static func file(_ path: String) throws -> (source: Source, close: () -> Void) {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw POSIX.ioError("cannot open", path) }
        var info = stat()
        guard fstat(fd, &info) == 0, POSIX.isRegular(info) else {
            close(fd)
            throw SourceError(.unsafePath, "'\(path)' is not a regular file")
        }
        return ({ try POSIX.readChunk(fd, into: $0, displayPath: path) }, { close(fd) })
    }
}

/// Reads a source until its buffer is full or the source ends, so two sources of different
/// chunking are compared at equal offsets.
private struct FilledReader {
    let source: FirstDifference.Source
    let buffer: UnsafeMutableRawBufferPointer

    init(_ source: @escaping FirstDifference.Source, capacity: Int) {
        self.source = source
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    mutating func fill() throws -> [UInt8] {
        var count = 0
        while count < buffer.count {
            let got = try source(UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
            if got == 0 { break }
            count += got
        }
        return Array(buffer[0..<count])
    }

    func deallocate() { buffer.deallocate() }
}
