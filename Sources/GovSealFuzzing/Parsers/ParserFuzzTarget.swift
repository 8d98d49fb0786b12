/// FuzzParsers: the first byte picks a parser (modulo the number of parsers), which reads
/// the rest of the input; every parser must fail with an error, never crash, and what it
/// accepts must round-trip where the format has one canonical form.
enum ParserFuzzTarget {
    static let target = FuzzTarget.parsers

    /// The parsers, in selector order (`Fuzz/README.md` lists them; seeds depend on the order).
    enum Parser: UInt8, CaseIterable {
        case bech32, bech32Words, base58, base64, hex, base32
        case chainID, timestamp, icpPrincipal, nearKey, eip55, sha256sums, chainAddress
    }

    static func check(_ bytes: [UInt8]) throws(PropertyViolation) -> FuzzOutcome {
        guard let selector = bytes.first else { return .rejected }
        let parser = Parser(rawValue: selector % UInt8(Parser.allCases.count))!
        let rest = Array(bytes.dropFirst())
        let text = String(decoding: rest, as: UTF8.self)
        let accepted: Bool
        switch parser {
        case .bech32: accepted = try EncodingRoundTrips.bech32(text)
        case .bech32Words: accepted = try EncodingRoundTrips.bech32Words(text)
        case .base58: accepted = try EncodingRoundTrips.base58(text, raw: rest)
        case .base64: accepted = try EncodingRoundTrips.base64(text, raw: rest)
        case .hex: accepted = try EncodingRoundTrips.hex(text, raw: rest)
        case .base32: accepted = try EncodingRoundTrips.base32(text, raw: rest)
        case .chainID: accepted = try ChainRoundTrips.chainID(text)
        case .timestamp: accepted = try ChainRoundTrips.timestamp(text)
        case .icpPrincipal: accepted = try ChainRoundTrips.icpPrincipal(text, raw: rest)
        case .nearKey: accepted = try ChainRoundTrips.nearKey(text)
        case .eip55: accepted = try ChainRoundTrips.eip55(text)
        case .sha256sums: accepted = try ChainRoundTrips.sha256sums(rest)
        case .chainAddress: accepted = ChainRoundTrips.chainAddress(text)
        }
        return accepted ? .accepted : .rejected
    }
}
