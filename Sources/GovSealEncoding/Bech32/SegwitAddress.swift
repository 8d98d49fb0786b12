/// A native segregated-witness address (BIP-173, with BIP-350's rule that versions 1–16
/// use Bech32m), used to check the encoders against the BIPs' address vectors.
public struct SegwitAddress: Sendable, Equatable {
    /// The witness version, 0–16.
    public let version: UInt8
    /// The witness program, 2–40 bytes (20 or 32 for version 0).
    public let program: [UInt8]

    /// The output script: `OP_n` (0x00 or 0x50 + n), the program length, the program.
    public var scriptPubKey: [UInt8] {
        [version == 0 ? 0 : 0x50 + version, UInt8(program.count)] + program
    }

    /// Decodes `address`, whose hrp must be one of `hrps` (e.g. `["bc", "tb"]`).
    ///
    /// Throws `EncodingError` (`.bech32`) for what `Bech32.decode5` rejects, an hrp not in
    /// `hrps`, an empty data part, a version above 16, a program of the wrong length, bad
    /// padding, or a checksum variant that does not match the version.
    public init(decoding address: String, hrps: Set<String>) throws {
        let (hrp, words, variant) = try Bech32.decode5(address)
        guard hrps.contains(hrp) else {
            throw EncodingError(.bech32, "segwit hrp '\(hrp)' is not one of \(hrps.sorted().joined(separator: ", "))")
        }
        guard let version = words.first else { throw EncodingError(.bech32, "segwit address has an empty data part") }
        guard version <= 16 else { throw EncodingError(.bech32, "segwit witness version \(version) is above 16") }
        let program = try Bech32.convertBits(Array(words.dropFirst()), from: 5, to: 8, pad: false)
        guard (2...40).contains(program.count) else {
            throw EncodingError(.bech32, "segwit program is \(program.count) bytes; 2 to 40 are allowed")
        }
        guard version != 0 || program.count == 20 || program.count == 32 else {
            throw EncodingError(.bech32, "segwit version 0 program is \(program.count) bytes; it must be 20 or 32")
        }
        let expected: Bech32.Variant = version == 0 ? .bech32 : .bech32m
        guard variant == expected else {
            throw EncodingError(.bech32, "segwit version \(version) needs a \(expected) checksum, found \(variant)")
        }
        self.version = version
        self.program = program
    }

    /// The address text under `hrp`: Bech32 for version 0, Bech32m for versions 1–16.
    ///
    /// Throws `EncodingError` (`.bech32`) for a bad `hrp` (see `Bech32.encode5`).
    public func encoded(hrp: String) throws -> String {
        let words = [version] + (try Bech32.convertBits(program, from: 8, to: 5, pad: true))
        return try Bech32.encode5(hrp: hrp, words: words, variant: version == 0 ? .bech32 : .bech32m)
    }
}
