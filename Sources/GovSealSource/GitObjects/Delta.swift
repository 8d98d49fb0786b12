/// git's delta format (`Documentation/gitformat-pack.txt`, "Deltified representation"): the
/// base's size and the result's size as little-endian base-128 numbers, then instructions that copy
/// a range of the base or insert literal bytes. Every range is checked against the base and the
/// declared result size.
enum Delta {
    struct Malformed: Error { let reason: String }

    static func apply(_ delta: [UInt8], to base: [UInt8], limit: Int) throws -> [UInt8] {
        var index = 0
        func size() throws -> Int {
            var value = 0
            var shift = 0
            while true {
                guard index < delta.count else { throw Malformed(reason: "its header is cut short") }
                let byte = delta[index]
                index += 1
                guard shift <= 56 else { throw Malformed(reason: "a size in its header is too long") }
                value |= Int(byte & 0x7f) << shift
                shift += 7
                if byte & 0x80 == 0 { return value }
            }
        }
        let baseSize = try size()
        guard baseSize == base.count else {
            throw Malformed(reason: "it expects a \(baseSize)-byte base but the base has \(base.count) bytes")
        }
        let resultSize = try size()
        guard resultSize >= 0, resultSize <= limit else { throw Malformed(reason: "its result would exceed \(limit) bytes") }
        var result: [UInt8] = []
        // Reserve no more than the bytes at hand: the declared size is a claim (a 20-byte delta may
        // declare a gigabyte and then fail), and a result larger than its base grows as it is made.
        result.reserveCapacity(min(resultSize, base.count + delta.count))
        while index < delta.count {
            let opcode = delta[index]
            index += 1
            if opcode & 0x80 != 0 {
                var offset = 0
                var length = 0
                for bit in 0..<4 where opcode & (1 << bit) != 0 {
                    guard index < delta.count else { throw Malformed(reason: "a copy instruction is cut short") }
                    offset |= Int(delta[index]) << (8 * bit)
                    index += 1
                }
                for bit in 0..<3 where opcode & (0x10 << bit) != 0 {
                    guard index < delta.count else { throw Malformed(reason: "a copy instruction is cut short") }
                    length |= Int(delta[index]) << (8 * bit)
                    index += 1
                }
                if length == 0 { length = 0x10000 }
                guard offset + length <= base.count else { throw Malformed(reason: "a copy reaches past the end of its base") }
                guard result.count + length <= resultSize else { throw Malformed(reason: "its instructions exceed the declared size") }
                result.append(contentsOf: base[offset..<(offset + length)])
            } else if opcode != 0 {
                let length = Int(opcode)
                guard index + length <= delta.count else { throw Malformed(reason: "an insert instruction is cut short") }
                guard result.count + length <= resultSize else { throw Malformed(reason: "its instructions exceed the declared size") }
                result.append(contentsOf: delta[index..<(index + length)])
                index += length
            } else {
                throw Malformed(reason: "it holds the reserved instruction 0")
            }
        }
        guard result.count == resultSize else { throw Malformed(reason: "it produces \(result.count) of its \(resultSize) bytes") }
        return result
    }
}
