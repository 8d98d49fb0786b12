/// An independent reading of git's delta format, written after git's own `patch_delta`
/// (`delta.h`, `patch-delta.c`) rather than after govseal's `Delta`, for a differential check:
/// both must accept the same deltas with the same result, and refuse the same ones.
///
/// Differences from git, matching govseal's stricter (documented) rules: a header size may not
/// run past 63 bits, a header cut short is refused, and the result may not exceed `limit`.
enum ReferenceDelta {
    static func apply(_ delta: [UInt8], to base: [UInt8], limit: Int) -> [UInt8]? {
        var data = delta[...]
        func headerSize() -> Int? {
            var size = 0
            var shift = 0
            repeat {
                guard let byte = data.popFirst(), shift < 63 else { return nil }
                size |= Int(byte & 0x7f) << shift
                shift += 7
                if byte & 0x80 == 0 { return size }
            } while true
        }
        guard let sourceSize = headerSize(), sourceSize == base.count,
              let targetSize = headerSize(), targetSize <= limit else { return nil }
        var output: [UInt8] = []
        var remaining = targetSize
        while let command = data.popFirst() {
            if command & 0x80 != 0 {
                var fields = [0, 0, 0, 0, 0, 0, 0]  // offset bytes 0-3, size bytes 0-2
                for bit in 0..<7 where command & (1 << bit) != 0 {
                    guard let byte = data.popFirst() else { return nil }
                    fields[bit] = Int(byte)
                }
                let offset = fields[0] | fields[1] << 8 | fields[2] << 16 | fields[3] << 24
                var size = fields[4] | fields[5] << 8 | fields[6] << 16
                if size == 0 { size = 0x10000 }
                guard offset + size <= base.count, size <= remaining else { return nil }
                output += base[offset..<(offset + size)]
                remaining -= size
            } else if command != 0 {
                let size = Int(command)
                guard size <= data.count, size <= remaining else { return nil }
                output += data.prefix(size)
                data = data.dropFirst(size)
                remaining -= size
            } else {
                return nil  // "unexpected delta opcode 0"
            }
        }
        return remaining == 0 ? output : nil
    }
}
