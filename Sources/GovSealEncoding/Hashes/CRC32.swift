/// CRC-32 as IEEE 802.3 and zlib's `crc32` define it (reflected polynomial 0xEDB88320,
/// initial value and final XOR 0xFFFFFFFF); ICP's textual principal ids use it.
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? crc >> 1 ^ 0xedb8_8320 : crc >> 1
        }
        return crc
    }

    /// The CRC-32 of `bytes` (`"123456789"` gives 0xCBF43926).
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xff)] ^ crc >> 8
        }
        return crc ^ 0xffff_ffff
    }
}
