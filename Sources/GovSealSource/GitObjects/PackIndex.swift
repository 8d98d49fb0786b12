/// A pack index (`objects/pack/pack-*.idx`, version 2, git's `Documentation/gitformat-pack.txt`):
/// maps object ids to offsets in the pack. Every read is bounds-checked; an index that lies (an
/// unsorted name table, an offset into the wrong object) can only make an object look absent or
/// fail its hash check, never change what is accepted, because every object is verified against
/// its id after it is read.
struct PackIndex {
    private let bytes: [UInt8]
    private let idLength: Int
    /// The number of objects the index lists.
    let count: Int
    private let namesStart = 8 + 256 * 4
    private let offsetsStart: Int
    private let largeOffsetsStart: Int
    private let largeOffsetsEnd: Int

    /// Thrown for an index this reader cannot use (the reason names what is wrong).
    struct Unusable: Error { let reason: String }

    init(bytes: [UInt8], idLength: Int) throws {
        guard bytes.count >= 8 + 256 * 4 + 2 * idLength else { throw Unusable(reason: "shorter than an empty index") }
        guard Array(bytes[0..<4]) == [0xff, 0x74, 0x4f, 0x63] else { throw Unusable(reason: "not a version 2 pack index") }
        guard Self.uint32(bytes, at: 4) == 2 else { throw Unusable(reason: "index version \(Self.uint32(bytes, at: 4)) is not 2") }
        var previous: UInt32 = 0
        for bucket in 0..<256 {
            let value = Self.uint32(bytes, at: 8 + bucket * 4)
            guard value >= previous else { throw Unusable(reason: "its fan-out table decreases") }
            previous = value
        }
        let count = Int(previous)
        // names, CRC-32s and 4-byte offsets, then the two trailing checksums at least
        guard count <= (bytes.count - namesStart) / (idLength + 8) else { throw Unusable(reason: "it lists more objects than it holds") }
        self.bytes = bytes
        self.idLength = idLength
        self.count = count
        offsetsStart = namesStart + count * idLength + count * 4
        largeOffsetsStart = offsetsStart + count * 4
        largeOffsetsEnd = bytes.count - 2 * idLength
        guard largeOffsetsStart <= largeOffsetsEnd else { throw Unusable(reason: "it is cut short") }
    }

    /// The pack offset of `id`, or nil when the index does not list it.
    func offset(of id: [UInt8]) -> UInt64? {
        guard id.count == idLength else { return nil }
        let bucket = Int(id[0])
        var low = bucket == 0 ? 0 : Int(Self.uint32(bytes, at: 8 + (bucket - 1) * 4))
        var high = Int(Self.uint32(bytes, at: 8 + bucket * 4))
        guard low <= high, high <= count else { return nil }
        while low < high {
            let middle = (low + high) / 2
            let start = namesStart + middle * idLength
            let order = compare(id, at: start)
            if order == 0 { return offset(atPosition: middle) }
            if order < 0 { high = middle } else { low = middle + 1 }
        }
        return nil
    }

    /// The object id at `position` in the name table (0 ..< count), as the index states it.
    func id(atPosition position: Int) -> [UInt8] {
        let start = namesStart + position * idLength
        return Array(bytes[start..<(start + idLength)])
    }

    private func compare(_ id: [UInt8], at start: Int) -> Int {
        for index in 0..<idLength where id[index] != bytes[start + index] {
            return id[index] < bytes[start + index] ? -1 : 1
        }
        return 0
    }

    private func offset(atPosition position: Int) -> UInt64? {
        let small = Self.uint32(bytes, at: offsetsStart + position * 4)
        guard small & 0x8000_0000 != 0 else { return UInt64(small) }
        let slot = largeOffsetsStart + Int(small & 0x7fff_ffff) * 8
        guard slot + 8 <= largeOffsetsEnd else { return nil }
        return UInt64(Self.uint32(bytes, at: slot)) << 32 | UInt64(Self.uint32(bytes, at: slot + 4))
    }

    private static func uint32(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8 | UInt32(bytes[index + 3])
    }
}
