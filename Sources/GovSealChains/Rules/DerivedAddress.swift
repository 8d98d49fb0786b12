/// One address a key controls on a chain, with what kind of address it is.
public struct DerivedAddress: Sendable, Hashable, CustomStringConvertible {
    /// `"operator"`, `"consensus"`, `"account"` (Cosmos), `"principal"` (ICP),
    /// `"implicit-account"`, `"key"` (NEAR) or `"address"` (eip155).
    public let kind: String
    /// The address text in its canonical form.
    public let value: String

    public init(kind: String, value: String) {
        self.kind = kind
        self.value = value
    }

    /// `kind: value`.
    public var description: String { "\(kind): \(value)" }
}
