/// The limits and number rules the strict reader enforces.
public struct JSONLimits: Sendable {
    /// The largest input accepted, in bytes; checked before parsing.
    public var maxBytes: Int
    /// The deepest nesting of arrays and objects accepted (the root container is depth 1).
    public var maxDepth: Int
    /// Whether every number must be an integer within ±2^53 written without fraction or
    /// exponent (and not `-0`), as govseal documents require.
    public var integersOnly: Bool

    /// Limits with the given values.
    public init(maxBytes: Int, maxDepth: Int, integersOnly: Bool) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.integersOnly = integersOnly
    }

    /// govseal documents (DESIGN.md): 16 MiB, depth 64, integers only with |n| ≤ 2^53.
    public static let document = JSONLimits(maxBytes: 16 << 20, maxDepth: 64, integersOnly: true)

    /// Other JSON (RFC 8785 vectors, other tools' output): 16 MiB, depth 64, and any finite
    /// number; integers within ±2^53 still read as `.integer`, other numbers as `.double`.
    public static let general = JSONLimits(maxBytes: 16 << 20, maxDepth: 64, integersOnly: false)
}
