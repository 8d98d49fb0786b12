import GovSealChains
import GovSealDocuments
import GovSealEncoding
import GovSealExport

/// Chain ids, times, addresses, keys and checksum files: never crash; what is accepted is in
/// canonical form and comes back unchanged. Each returns whether the parser accepted the input.
enum ChainRoundTrips {
    static let target = FuzzTarget.parsers

    /// CAIP-2: an accepted id prints as its input and rebuilds from its parts.
    static func chainID(_ text: String) throws(PropertyViolation) -> Bool {
        guard let chain = try? ChainID(parsing: text) else { return false }
        try target.require(chain.description == text, "a CAIP-2 id prints as its input", "'\(text)' became '\(chain)'")
        let rebuilt = try? ChainID(namespace: chain.namespace, reference: chain.reference)
        try target.require(rebuilt == chain, "a CAIP-2 id rebuilds from its namespace and reference", "'\(text)'")
        _ = try? chain.family
        return true
    }

    /// RFC 3339: an accepted time keeps its text, and its whole seconds format and re-parse to the same instant.
    static func timestamp(_ text: String) throws(PropertyViolation) -> Bool {
        guard let time = try? Timestamp(parsing: text) else { return false }
        try target.require(time.text == text, "a timestamp keeps its text")
        let formatted = Timestamp(secondsSinceEpoch: time.secondsSinceEpoch)
        let reparsed = try? Timestamp(parsing: formatted.text)
        try target.require(reparsed?.secondsSinceEpoch == time.secondsSinceEpoch,
                           "a timestamp's whole seconds format and parse to the same instant", "'\(text)' → '\(formatted.text)'")
        if !text.contains(".") {
            try target.require(formatted.text == text, "a timestamp without fractions formats as its input",
                               "'\(text)' → '\(formatted.text)'")
        }
        return true
    }

    /// ICP: an accepted principal's textual form is the input; any ≤ 29 bytes round-trip.
    static func icpPrincipal(_ text: String, raw: [UInt8]) throws(PropertyViolation) -> Bool {
        let bytes = Array(raw.prefix(ICP.maximumPrincipalLength))
        try target.require((try? ICP.parseTextual(ICP.textual(bytes))) == bytes, "ICP textual→parse gives the principal back")
        guard let principal = try? ICP.parseTextual(text) else { return false }
        try target.require(principal.count <= ICP.maximumPrincipalLength, "an ICP principal is at most 29 bytes")
        try target.require(ICP.textual(principal) == text, "an accepted ICP principal is in canonical textual form", "'\(text)'")
        return true
    }

    /// NEAR: accepted key text is `ed25519:` + base58 of 32 bytes, exactly as written.
    static func nearKey(_ text: String) throws(PropertyViolation) -> Bool {
        _ = try? NEAR.validateAccountID(text)
        guard let key = try? NEAR.parseKeyText(text) else { return false }
        try target.require(key.count == 32, "a NEAR key is 32 bytes")
        try target.require("ed25519:" + Base58.encode(key) == text, "NEAR key text round-trips", "'\(text)'")
        return true
    }

    /// EIP-55: an address that validates has a checksummed form that validates, and a
    /// mixed-case address that validates is that form.
    static func eip55(_ text: String) throws(PropertyViolation) -> Bool {
        let checksummed = try? EIP155.checksummed(text)
        if let checksummed {
            try target.require((try? EIP155.validate(checksummed)) != nil, "an EIP-55 checksummed address validates", checksummed)
        }
        guard (try? EIP155.validate(text)) != nil else { return false }
        try target.require(checksummed != nil, "a valid eip155 address has a checksummed form", "'\(text)'")
        let digits = text.dropFirst(2)
        if digits.contains(where: \.isLowercase) && digits.contains(where: \.isUppercase) {
            try target.require(checksummed == text, "a valid mixed-case address is its EIP-55 form", "'\(text)'")
        }
        return true
    }

    /// SHA256SUMS: accepted files give lowercase digests and plain names, one entry a line,
    /// and the file govseal writes for those entries parses to the same entries.
    static func sha256sums(_ bytes: [UInt8]) throws(PropertyViolation) -> Bool {
        guard let entries = try? SHA256SUMS.parse(bytes, file: "SHA256SUMS") else { return false }
        for entry in entries {
            try target.require(Hex.isLowercase(entry.sha256, length: 32), "SHA256SUMS digests are read as lowercase hex")
            try target.require(!entry.name.isEmpty && !entry.name.utf8.contains(UInt8(ascii: "/")),
                               "SHA256SUMS names are plain file names", entry.name)
        }
        // govseal writes names without newlines only (blessing names never hold one).
        guard !entries.contains(where: { $0.name.utf8.contains(0x0a) }) else { return true }
        let blessing = Blessing(
            chain: "cosmos:fuzz-1", title: "fuzz", summary: "fuzz", proposer: "fuzz",
            source: .init(repository: "https://example.invalid/fuzz.git", commit: String(repeating: "0", count: 40)),
            artifacts: entries.map { Blessing.Artifact(name: $0.name, size: 0, sha256: $0.sha256) },
            created: Timestamp(secondsSinceEpoch: 0))
        let written = (try? SHA256SUMS.text(for: blessing)) ?? []  // parsed names are always writable
        let reread = try? SHA256SUMS.parse(written, file: "SHA256SUMS")
        try target.require(reread.map { $0.elementsEqual(entries) { $0.name == $1.name && $0.sha256 == $1.sha256 } } == true,
                           "SHA256SUMS written for parsed entries parses to the same entries", excerpt(written))
        return true
    }

    /// `CAIP-2 id` newline `address`: ChainRules.validateAddress never crashes.
    static func chainAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let chain = try? ChainID(parsing: String(parts[0])) else { return false }
        return (try? ChainRules.validateAddress(String(parts[1]), on: chain)) != nil
    }
}
