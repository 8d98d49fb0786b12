import GovSealCrypto

/// A family of chains sharing one set of address rules, named by its CAIP-2 namespace.
public enum ChainFamily: String, Sendable, CaseIterable, Hashable {
    /// Cosmos SDK chains (`cosmos:<chain-id>`): bech32 addresses.
    case cosmos
    /// The Internet Computer (`icp:<network>`): self-authenticating principals.
    case icp
    /// NEAR (`near:<network>`): implicit accounts and `ed25519:` key text.
    case near
    /// EVM chains (`eip155:<chain id>`): EIP-55 addresses.
    case eip155

    /// The family of `namespace`.
    ///
    /// Throws `ChainError` (`.unknownNamespace`) listing the known namespaces.
    public init(namespace: String) throws {
        guard let family = ChainFamily(rawValue: namespace) else {
            let known = ChainFamily.allCases.map(\.rawValue).sorted().joined(separator: ", ")
            throw ChainError(.unknownNamespace, "unknown chain namespace '\(namespace)' (known: \(known))")
        }
        self = family
    }

    /// The signature algorithms whose keys can be validator keys on this family.
    public var validatorAlgorithms: [SignatureAlgorithm] {
        switch self {
        case .cosmos: [.ecdsaSecp256k1, .ed25519]
        case .icp: [.ed25519, .ecdsaSecp256k1]
        case .near: [.ed25519]
        case .eip155: [.ecdsaSecp256k1]
        }
    }
}
