#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One pack (`pack-<id>.pack`) with its index. Entries are read with `pread` and inflated on
/// demand; delta bases are cached by offset within a memory budget.
final class PackFile {
    typealias Unreadable = GitObjectStore.Unreadable

    let name: String
    let index: PackIndex
    private let fd: Int32
    private let size: UInt64
    private let idLength: Int
    private var baseCache: [UInt64: GitObject] = [:]
    private var cachedBytes = 0
    private static let cacheBudget = 96 << 20

    /// Opens `<name>.idx` and `<name>.pack` in the pack folder `folder`.
    init(folder: Int32, name: String, idLength: Int) throws {
        self.name = name
        self.idLength = idLength
        guard let indexFD = try GitObjectStore.openRegularFile(at: folder, name + ".idx") else {
            throw Unreadable(reason: "its index vanished")
        }
        defer { close(indexFD) }
        let indexBytes = try Self.readAll(indexFD, limit: GitObjectStore.maximumIndexSize)
        do {
            index = try PackIndex(bytes: indexBytes, idLength: idLength)
        } catch let failure as PackIndex.Unusable {
            throw Unreadable(reason: "its index is unusable: \(failure.reason)")
        }
        guard let packFD = try GitObjectStore.openRegularFile(at: folder, name + ".pack") else {
            throw Unreadable(reason: "it has an index but no pack")
        }
        // Checked before `fd` is stored: once every property is set, a throw runs `deinit`, which
        // would close the descriptor a second time (possibly one another thread has just opened).
        var info = stat()
        var header = [UInt8](repeating: 0, count: 12)
        let read = header.withUnsafeMutableBytes { Glibc.pread(packFD, $0.baseAddress, 12, 0) }
        guard fstat(packFD, &info) == 0, info.st_size >= 12 + idLength, read == 12, Array(header[0..<4]) == Array("PACK".utf8),
              Array(header[4..<8]) == [0, 0, 0, 2] || Array(header[4..<8]) == [0, 0, 0, 3] else {
            close(packFD)
            throw Unreadable(reason: "it is not a version 2 or 3 pack")
        }
        fd = packFD
        size = UInt64(info.st_size)
    }

    deinit { close(fd) }

    /// The object stored at `offset`, with its deltas applied (not yet verified against an id).
    func object(at offset: UInt64, store: GitObjectStore, depth: Int) throws -> GitObject {
        guard depth <= GitObjectStore.maximumDeltaDepth else {
            throw Unreadable(reason: "its delta chain is longer than \(GitObjectStore.maximumDeltaDepth)")
        }
        if let cached = baseCache[offset] { return cached }
        let end = size - UInt64(idLength)  // the trailing checksum
        guard offset >= 12, offset < end else { throw Unreadable(reason: "an offset points outside the pack") }
        var header = [UInt8](repeating: 0, count: 32 + idLength)
        let available = Int(min(UInt64(header.count), end - offset))
        guard pread(at: offset, into: &header) >= available else { throw Unreadable(reason: "read error at offset \(offset)") }
        var cursor = 0
        func next() throws -> UInt8 {
            guard cursor < available else { throw Unreadable(reason: "an entry header at offset \(offset) is cut short") }
            defer { cursor += 1 }
            return header[cursor]
        }
        var byte = try next()
        let type = (byte >> 4) & 7
        var declared = Int(byte & 0x0f)
        var shift = 4
        while byte & 0x80 != 0 {
            byte = try next()
            guard shift <= 56 else { throw Unreadable(reason: "an entry size at offset \(offset) is too long") }
            declared |= Int(byte & 0x7f) << shift
            shift += 7
        }
        guard declared <= GitObjectStore.maximumObjectSize else {
            throw Unreadable(reason: "an entry at offset \(offset) is larger than \(GitObjectStore.maximumObjectSize) bytes")
        }
        switch type {
        case 1, 2, 3, 4:
            let content = try inflate(from: offset + UInt64(cursor), size: declared, end: end)
            return GitObject(kind: GitObjectKind(rawValue: type)!, content: content)
        case 6:
            // Offset delta: the base is earlier in this pack, at a distance in git's offset encoding.
            byte = try next()
            var distance = UInt64(byte & 0x7f)
            while byte & 0x80 != 0 {
                byte = try next()
                guard distance < (1 << 55) else { throw Unreadable(reason: "a delta offset at \(offset) is too large") }
                distance = ((distance + 1) << 7) | UInt64(byte & 0x7f)
            }
            guard distance > 0, distance <= offset - 12 else { throw Unreadable(reason: "a delta at offset \(offset) names a base outside the pack") }
            let delta = try inflate(from: offset + UInt64(cursor), size: declared, end: end)
            let base = try cachedBase(at: offset - distance, store: store, depth: depth + 1)
            return try applied(delta, to: base, at: offset)
        case 7:
            // Reference delta: the base is named by id (in this pack, another pack or loose).
            guard cursor + idLength <= available else { throw Unreadable(reason: "a delta at offset \(offset) is cut short") }
            let baseID = Array(header[cursor..<(cursor + idLength)])
            cursor += idLength
            let delta = try inflate(from: offset + UInt64(cursor), size: declared, end: end)
            guard let base = try store.unverifiedObject(baseID, depth: depth + 1) else {
                throw Unreadable(reason: "the base of a delta at offset \(offset) is absent")
            }
            return try applied(delta, to: base, at: offset)
        default:
            throw Unreadable(reason: "an entry at offset \(offset) has the unknown type \(type)")
        }
    }

    private func applied(_ delta: [UInt8], to base: GitObject, at offset: UInt64) throws -> GitObject {
        do {
            return GitObject(kind: base.kind, content: try Delta.apply(delta, to: base.content, limit: GitObjectStore.maximumObjectSize))
        } catch let failure as Delta.Malformed {
            throw Unreadable(reason: "the delta at offset \(offset) is malformed: \(failure.reason)")
        }
    }

    private func cachedBase(at offset: UInt64, store: GitObjectStore, depth: Int) throws -> GitObject {
        if let cached = baseCache[offset] { return cached }
        let base = try object(at: offset, store: store, depth: depth)
        if cachedBytes + base.content.count > Self.cacheBudget {
            baseCache.removeAll(keepingCapacity: true)
            cachedBytes = 0
        }
        if base.content.count <= Self.cacheBudget / 4 {
            baseCache[offset] = base
            cachedBytes += base.content.count
        }
        return base
    }

    private func inflate(from start: UInt64, size declared: Int, end: UInt64) throws -> [UInt8] {
        var position = start
        do {
            return try Inflate.stream(limit: GitObjectStore.maximumObjectSize, expectedSize: declared) { buffer in
                guard position < end else { return 0 }
                let wanted = Int(min(UInt64(buffer.count), end - position))
                let count = Glibc.pread(fd, buffer.baseAddress, wanted, off_t(position))
                guard count >= 0 else { throw Unreadable(reason: "read error: \(POSIX.describe(errno))") }
                position += UInt64(count)
                return count
            }
        } catch let failure as Inflate.Failure {
            throw Unreadable(reason: "the entry at offset \(start): \(failure.description)")
        }
    }

    private func pread(at offset: UInt64, into buffer: inout [UInt8]) -> Int {
        buffer.withUnsafeMutableBytes { Glibc.pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
    }

    private static func readAll(_ fd: Int32, limit: Int) throws -> [UInt8] {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Unreadable(reason: "cannot stat its index") }
        guard info.st_size <= limit else { throw Unreadable(reason: "its index is larger than \(limit) bytes") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.pread(fd, $0.baseAddress! + filled, $0.count - filled, off_t(filled)) }
            guard count > 0 else { throw Unreadable(reason: "cannot read its index") }
            filled += count
        }
        return bytes
    }
}
