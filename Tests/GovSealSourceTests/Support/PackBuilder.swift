import GovSealCrypto
@testable import GovSealSource

/// Builds a version 2 pack and its index from scratch, entry by entry, so that tests can state
/// any hostile content (ids that lie, delta loops, huge claimed sizes). CRCs are left zero: the
/// reader never trusts them, every object is verified against its id instead.
struct PackBuilder {
    let format: GitObjectFormat
    private(set) var pack: [UInt8] = Array("PACK".utf8) + [0, 0, 0, 2, 0, 0, 0, 0]
    private var listed: [(id: [UInt8], offset: Int)] = []

    init(format: GitObjectFormat) { self.format = format }

    var algorithm: DigestAlgorithm { format == .sha1 ? .sha1 : .sha256 }

    func id(_ kind: String, _ content: [UInt8]) -> [UInt8] {
        Digest.hash(algorithm, Array("\(kind) \(content.count)\u{0}".utf8) + content)
    }

    /// Appends an entry of pack type `type` (1–4 objects, 6 offset delta, 7 ref delta) listed in the
    /// index as `id`, declaring `declared` bytes, then `between` (a base offset or id), then
    /// `payload` compressed. Returns the entry's offset.
    @discardableResult
    mutating func add(id: [UInt8], type: UInt8, declared: Int? = nil, between: [UInt8] = [], payload: [UInt8]) throws -> Int {
        let offset = pack.count
        var size = declared ?? payload.count
        var byte = type << 4 | UInt8(size & 15)
        size >>= 4
        while size > 0 {
            pack.append(byte | 0x80)
            byte = UInt8(size & 0x7f)
            size >>= 7
        }
        pack.append(byte)
        pack += between + (try GitObjectCodec.deflate(payload))
        listed.append((id, offset))
        return offset
    }

    /// git's encoding of the distance back to an offset delta's base.
    static func distance(_ value: Int) -> [UInt8] {
        var value = value
        var bytes = [UInt8(value & 0x7f)]
        value >>= 7
        while value > 0 {
            value -= 1
            bytes.insert(UInt8(0x80 | (value & 0x7f)), at: 0)
            value >>= 7
        }
        return bytes
    }

    /// A delta header size (little-endian base 128).
    static func varint(_ value: Int) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            let low = UInt8(value & 0x7f)
            value >>= 7
            bytes.append(low | (value > 0 ? 0x80 : 0))
        } while value > 0
        return bytes
    }

    /// The finished `(index, pack)` files.
    func files() -> (index: [UInt8], pack: [UInt8]) {
        var pack = self.pack
        let count = UInt32(listed.count)
        pack.replaceSubrange(8..<12, with: Self.uint32(count))
        pack += Digest.hash(algorithm, pack)
        let sorted = listed.sorted { $0.id.lexicographicallyPrecedes($1.id) }
        var index: [UInt8] = [0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2]
        for bucket in 0..<256 {
            index += Self.uint32(UInt32(sorted.filter { Int($0.id[0]) <= bucket }.count))
        }
        for entry in sorted { index += entry.id }
        for _ in sorted { index += [0, 0, 0, 0] }
        for entry in sorted { index += Self.uint32(UInt32(entry.offset)) }
        index += pack.suffix(format.idByteCount)
        index += Digest.hash(algorithm, index)
        return (index, pack)
    }

    static func uint32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }
}
