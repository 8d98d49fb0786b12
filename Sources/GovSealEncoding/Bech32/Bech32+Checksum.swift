extension Bech32 {
    /// The BCH checksum polynomial of BIP-173 over 5-bit values.
    static func polymod(_ values: [UInt8]) -> UInt32 {
        let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
        var checksum: UInt32 = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1ff_ffff) << 5 ^ UInt32(value)
            for i in 0..<5 where (top >> i) & 1 == 1 {
                checksum ^= generator[i]
            }
        }
        return checksum
    }

    /// The hrp as the checksum sees it: high bits of each character, a zero, low bits.
    static func hrpExpand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    /// The six checksum words for `hrp` and `words` under `variant`.
    static func checksum(hrp: [UInt8], words: [UInt8], variant: Variant) -> [UInt8] {
        let residue = polymod(hrpExpand(hrp) + words + [0, 0, 0, 0, 0, 0]) ^ variant.constant
        return (0..<6).map { UInt8(residue >> (5 * (5 - $0)) & 31) }
    }
}
