/// BIP-173 Bech32 and BIP-350 Bech32m strings, with a strict decoder.
///
/// The 8-bit forms (`encode(hrp:data:variant:)`, `decode(_:limit:)`) regroup bytes into 5-bit
/// words as Cosmos addresses do; the 5-bit forms (`encode5`, `decode5`) give the raw words,
/// as segwit addresses and the BIP test vectors need.
public enum Bech32 {
    /// The checksum constant: BIP-173 Bech32 or BIP-350 Bech32m.
    public enum Variant: Sendable, Hashable, CustomStringConvertible {
        case bech32, bech32m

        var constant: UInt32 {
            switch self {
            case .bech32: 1
            case .bech32m: 0x2bc8_30a3
            }
        }

        public var description: String {
            switch self {
            case .bech32: "bech32"
            case .bech32m: "bech32m"
            }
        }
    }

    /// The longest string BIP-173 allows, the default `limit`.
    public static let maximumLength = 90

    static let charset: [UInt8] = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, char) in charset.enumerated() {
            table[Int(char)] = Int8(value)
            table[Int(char) & ~0x20] = Int8(value)  // upper case of the letters; digits map to themselves
        }
        return table
    }()

    /// Encodes bytes (regrouped 8 → 5 bits, zero-padded) under the human-readable part `hrp`.
    ///
    /// Throws `EncodingError` (`.bech32`) for an empty or non-lowercase `hrp`, an `hrp`
    /// character outside ASCII 33–126, or a result longer than `limit` characters.
    public static func encode(hrp: String, data: [UInt8], variant: Variant, limit: Int = maximumLength) throws -> String {
        try encode5(hrp: hrp, words: convertBits(data, from: 8, to: 5, pad: true), variant: variant, limit: limit)
    }

    /// Decodes a string whose data part holds whole bytes (regrouped 5 → 8 bits).
    ///
    /// Returns the lowercase `hrp`, the bytes and which checksum matched. Throws
    /// `EncodingError` (`.bech32`) for everything `decode5` rejects, and for more than 4
    /// padding bits or non-zero padding bits in the data part.
    public static func decode(_ text: String, limit: Int = maximumLength) throws -> (hrp: String, data: [UInt8], variant: Variant) {
        let (hrp, words, variant) = try decode5(text, limit: limit)
        return (hrp, try convertBits(words, from: 5, to: 8, pad: false), variant)
    }

    /// Encodes 5-bit words (each 0–31) under `hrp`.
    ///
    /// Throws `EncodingError` (`.bech32`) for a word above 31 and the `hrp` and length
    /// problems `encode(hrp:data:variant:limit:)` names.
    public static func encode5(hrp: String, words: [UInt8], variant: Variant, limit: Int = maximumLength) throws -> String {
        let hrpBytes = try ASCIIInput.bytes(hrp, .bech32, what: "bech32 hrp")
        guard !hrpBytes.isEmpty else { throw EncodingError(.bech32, "bech32 hrp is empty") }
        for (offset, char) in hrpBytes.enumerated() {
            guard (33...126).contains(char) else {
                throw EncodingError(.bech32, "bech32 hrp character \(ASCIIInput.describe(char)) at offset \(offset) is outside ASCII 33-126")
            }
            guard !(0x41...0x5a).contains(char) else {
                throw EncodingError(.bech32, "bech32 hrp '\(hrp)' has an upper-case character at offset \(offset); encode with a lowercase hrp")
            }
        }
        if let bad = words.firstIndex(where: { $0 > 31 }) {
            throw EncodingError(.bech32, "bech32 word \(words[bad]) at index \(bad) is not a 5-bit value")
        }
        let length = hrpBytes.count + 1 + words.count + 6
        guard length <= limit else {
            throw EncodingError(.bech32, "bech32 string would be \(length) characters, over the limit of \(limit)")
        }
        let checksum = self.checksum(hrp: hrpBytes, words: words, variant: variant)
        let out = hrpBytes + [UInt8(ascii: "1")] + (words + checksum).map { charset[Int($0)] }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a string into its lowercase `hrp`, its 5-bit data words (checksum removed) and
    /// the variant whose checksum matched.
    ///
    /// Throws `EncodingError` (`.bech32`) naming the problem: non-ASCII text, a string longer
    /// than `limit`, mixed case, no `1` separator, an empty hrp, an hrp character outside ASCII
    /// 33–126, a data part shorter than the 6-character checksum, a character outside the
    /// bech32 alphabet (with its offset), or "checksum mismatch".
    public static func decode5(_ text: String, limit: Int = maximumLength) throws -> (hrp: String, words: [UInt8], variant: Variant) {
        let chars = try ASCIIInput.bytes(text, .bech32, what: "bech32 string")
        guard chars.count <= limit else {
            throw EncodingError(.bech32, "bech32 string is \(chars.count) characters, over the limit of \(limit)")
        }
        for (offset, char) in chars.enumerated() where !(33...126).contains(char) {
            throw EncodingError(.bech32, "bech32 string has character \(ASCIIInput.describe(char)) at offset \(offset), outside ASCII 33-126")
        }
        let hasLower = chars.contains { (0x61...0x7a).contains($0) }
        if hasLower, let upper = chars.firstIndex(where: { (0x41...0x5a).contains($0) }) {
            throw EncodingError(.bech32, "bech32 string mixes upper and lower case (upper-case character at offset \(upper))")
        }
        let lower = chars.map { (0x41...0x5a).contains($0) ? $0 | 0x20 : $0 }
        guard let separator = lower.lastIndex(of: UInt8(ascii: "1")) else {
            throw EncodingError(.bech32, "bech32 string has no '1' separator")
        }
        guard separator > 0 else { throw EncodingError(.bech32, "bech32 hrp is empty (the string starts with the '1' separator)") }
        let dataCount = lower.count - separator - 1
        guard dataCount >= 6 else {
            throw EncodingError(.bech32, "bech32 data part has \(dataCount) characters, fewer than the 6 of the checksum")
        }
        let hrp = Array(lower[..<separator])
        var words = [UInt8]()
        words.reserveCapacity(dataCount)
        for offset in (separator + 1)..<lower.count {
            let value = values[Int(lower[offset])]
            guard value >= 0 else {
                throw EncodingError(.bech32, "invalid bech32 data character \(ASCIIInput.describe(chars[offset])) at offset \(offset)")
            }
            words.append(UInt8(value))
        }
        let residue = polymod(hrpExpand(hrp) + words)
        let variant: Variant
        switch residue {
        case Variant.bech32.constant: variant = .bech32
        case Variant.bech32m.constant: variant = .bech32m
        default: throw EncodingError(.bech32, "bech32 checksum mismatch in '\(text)'")
        }
        return (String(decoding: hrp, as: UTF8.self), Array(words.dropLast(6)), variant)
    }

    /// Regroups `from`-bit values into `to`-bit values (BIP-173 `convertbits`). With `pad`,
    /// the last group is zero-filled; without it, more than `from - 1` leftover bits or any
    /// non-zero leftover bit is an error.
    static func convertBits(_ input: [UInt8], from: Int, to: Int, pad: Bool) throws -> [UInt8] {
        var accumulator: UInt32 = 0
        var bits = 0
        let mask: UInt32 = (1 << to) - 1
        var out = [UInt8]()
        out.reserveCapacity(input.count * from / to + 1)
        for value in input {
            accumulator = (accumulator << from | UInt32(value)) & 0xfff
            bits += from
            while bits >= to {
                bits -= to
                out.append(UInt8(accumulator >> bits & mask))
            }
        }
        if pad {
            if bits > 0 { out.append(UInt8(accumulator << (to - bits) & mask)) }
        } else if bits >= from {
            throw EncodingError(.bech32, "bech32 data part has \(bits) padding bits; at most \(from - 1) are allowed")
        } else if accumulator << (to - bits) & mask != 0 {
            throw EncodingError(.bech32, "bech32 data part has non-zero padding bits")
        }
        return out
    }
}
