/// An error from chain rules: a stable `code` for matching and a `reason` a user can act on
/// (which part of a chain id, which character of an address, which algorithms a chain takes).
///
/// Equality compares the code only, so tests can match `ChainError.invalidAddress` whatever the reason.
public struct ChainError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// A CAIP-2 chain id that does not parse.
        case invalidChainID
        /// A namespace govseal has no rules for.
        case unknownNamespace
        /// A Cosmos chain without a known bech32 prefix, or a malformed prefix.
        case unknownBech32Prefix
        /// A key algorithm the chain does not use for validators.
        case unsupportedAlgorithm
        /// A key of the wrong length or not on its curve.
        case invalidKey
        /// An address whose syntax, prefix or checksum is wrong.
        case invalidAddress
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    public static func == (lhs: ChainError, rhs: ChainError) -> Bool { lhs.code == rhs.code }

    public static let invalidChainID = ChainError(.invalidChainID, "")
    public static let unknownNamespace = ChainError(.unknownNamespace, "")
    public static let unknownBech32Prefix = ChainError(.unknownBech32Prefix, "")
    public static let unsupportedAlgorithm = ChainError(.unsupportedAlgorithm, "")
    public static let invalidKey = ChainError(.invalidKey, "")
    public static let invalidAddress = ChainError(.invalidAddress, "")
}
