/// A CAIP-2 blockchain id such as `cosmos:agoric-3`, `icp:mainnet`, `near:mainnet` or
/// `eip155:1`: a namespace and a reference within it.
public struct ChainID: Sendable, Hashable, CustomStringConvertible {
    /// The namespace, `[-a-z0-9]{3,8}` (e.g. `cosmos`).
    public let namespace: String
    /// The chain within the namespace, `[-_a-zA-Z0-9]{1,32}` (e.g. `cosmoshub-4`).
    public let reference: String

    /// Parses `namespace:reference` per CAIP-2.
    ///
    /// Throws `ChainError` (`.invalidChainID`) naming the part that is wrong: a missing `:`,
    /// a namespace or reference of the wrong length, or a character outside its alphabet
    /// (with its offset in the whole text). The namespace need not be one govseal knows;
    /// `family` checks that.
    public init(parsing text: String) throws {
        let scalars = Array(text.unicodeScalars)
        guard let colon = scalars.firstIndex(of: ":") else {
            throw ChainError(.invalidChainID, "chain id '\(text)' has no ':' between namespace and reference (CAIP-2, e.g. cosmos:cosmoshub-4)")
        }
        let namespace = scalars[..<colon]
        let reference = scalars[(colon + 1)...]
        try Self.check(namespace, part: "namespace", in: text, lengths: 3...8, allowed: Self.isNamespaceCharacter,
                       alphabet: "lowercase letters, digits and '-'")
        try Self.check(reference, part: "reference", in: text, lengths: 1...32, allowed: Self.isReferenceCharacter,
                       alphabet: "letters, digits, '-' and '_'")
        self.namespace = String(String.UnicodeScalarView(namespace))
        self.reference = String(String.UnicodeScalarView(reference))
    }

    /// Makes a chain id from its parts, checked as `init(parsing:)` checks them.
    ///
    /// Throws `ChainError` (`.invalidChainID`) naming the part that is wrong.
    public init(namespace: String, reference: String) throws {
        guard !namespace.contains(":") else {
            throw ChainError(.invalidChainID, "chain id namespace '\(namespace)' contains ':'")
        }
        try self.init(parsing: namespace + ":" + reference)
    }

    /// `namespace:reference`.
    public var description: String { namespace + ":" + reference }

    /// The chain family whose address rules apply.
    ///
    /// Throws `ChainError` (`.unknownNamespace`) for a namespace govseal has no rules for.
    public var family: ChainFamily {
        get throws { try ChainFamily(namespace: namespace) }
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private static func isNamespaceCharacter(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "-"
    }

    private static func isReferenceCharacter(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == "_"
    }

    private static func check(
        _ part: ArraySlice<Unicode.Scalar>, part name: String, in text: String, lengths: ClosedRange<Int>, allowed: (Unicode.Scalar) -> Bool, alphabet: String
    ) throws {
        // The slice keeps the whole text's indices, so `bad` is the offset in `text`.
        if let bad = part.firstIndex(where: { !allowed($0) }) {
            let scalar = part[bad]
            let shown = (0x21...0x7e).contains(scalar.value) ? "'\(scalar)'" : Self.codePoint(scalar)
            throw ChainError(.invalidChainID, "chain id '\(text)': \(name) has character \(shown) at offset \(bad) "
                + "(the \(name) allows \(alphabet))")
        }
        guard lengths.contains(part.count) else {
            throw ChainError(.invalidChainID, "chain id '\(text)': \(name) '\(String(String.UnicodeScalarView(part)))' is "
                + "\(part.count) characters; CAIP-2 allows \(lengths.lowerBound) to \(lengths.upperBound)")
        }
    }
}
