import GovSealCrypto
import GovSealEncoding

/// Each chain family's rules tying validator keys to addresses (DESIGN.md, "Chain rules").
public enum ChainRules {
    /// Every address `key` controls on `chain` (for `govseal key show --chain`): Cosmos
    /// account and operator addresses of a secp256k1 key or the consensus address of an
    /// Ed25519 key; an ICP principal; a NEAR implicit account and key text; an EIP-55 address.
    ///
    /// Throws `ChainError`: `.unknownNamespace`, `.unknownBech32Prefix` (a Cosmos chain
    /// without a built-in prefix and no `bech32Prefix`), `.unsupportedAlgorithm` naming the
    /// algorithms the chain takes, or `.invalidKey`.
    public static func addresses(for key: PublicKey, on chain: ChainID, bech32Prefix: String? = nil) throws -> [DerivedAddress] {
        let family = try chain.family
        try requireAlgorithm(key.algorithm, on: chain, family: family)
        let raw = key.rawRepresentation
        switch family {
        case .cosmos:
            let prefix = try Cosmos.bech32Prefix(chainID: chain.reference, override: bech32Prefix)
            if key.algorithm == .ed25519 {
                return [DerivedAddress(kind: "consensus", value: try Cosmos.consensusAddress(ed25519Key: raw, prefix: prefix))]
            }
            return [
                DerivedAddress(kind: "account", value: try Cosmos.accountAddress(compressedSecp256k1Key: raw, prefix: prefix)),
                DerivedAddress(kind: "operator", value: try Cosmos.operatorAddress(compressedSecp256k1Key: raw, prefix: prefix)),
            ]
        case .icp:
            return [DerivedAddress(kind: "principal", value: ICP.textual(try ICP.selfAuthenticatingPrincipal(publicKey: key)))]
        case .near:
            return [
                DerivedAddress(kind: "implicit-account", value: try NEAR.implicitAccount(ed25519Key: raw)),
                DerivedAddress(kind: "key", value: try NEAR.keyText(ed25519Key: raw)),
            ]
        case .eip155:
            return [DerivedAddress(kind: "address", value: try EIP155.address(publicKey: key))]
        }
    }

    /// The one validator address a nomination states for this key: Cosmos secp256k1 →
    /// `<prefix>valoper`, Cosmos Ed25519 → `<prefix>valcons`; ICP → the self-authenticating
    /// principal; NEAR → the implicit account (hex); eip155 → the EIP-55 address.
    ///
    /// Throws `ChainError` as `addresses(for:on:bech32Prefix:)` does, `.unsupportedAlgorithm`
    /// saying which algorithms the chain takes.
    public static func validatorAddress(for key: PublicKey, on chain: ChainID, bech32Prefix: String? = nil) throws -> String {
        let family = try chain.family
        try requireAlgorithm(key.algorithm, on: chain, family: family)
        switch family {
        case .cosmos:
            let prefix = try Cosmos.bech32Prefix(chainID: chain.reference, override: bech32Prefix)
            return key.algorithm == .ed25519
                ? try Cosmos.consensusAddress(ed25519Key: key.rawRepresentation, prefix: prefix)
                : try Cosmos.operatorAddress(compressedSecp256k1Key: key.rawRepresentation, prefix: prefix)
        case .icp:
            return ICP.textual(try ICP.selfAuthenticatingPrincipal(publicKey: key))
        case .near:
            return try NEAR.implicitAccount(ed25519Key: key.rawRepresentation)
        case .eip155:
            return try EIP155.address(publicKey: key)
        }
    }

    /// Checks an address's syntax and checksum on `chain`: bech32 checksum and an expected
    /// hrp (Cosmos), the EIP-55 case checksum (eip155), the CRC-32 and canonical form (ICP),
    /// an implicit account or named account id (NEAR).
    ///
    /// Throws `ChainError` (`.invalidAddress`) naming what is wrong, or `.unknownNamespace`
    /// / `.unknownBech32Prefix` when the chain's rules cannot be found.
    public static func validateAddress(_ address: String, on chain: ChainID, bech32Prefix: String? = nil) throws {
        switch try chain.family {
        case .cosmos:
            try Cosmos.validate(address, prefix: Cosmos.bech32Prefix(chainID: chain.reference, override: bech32Prefix))
        case .icp:
            _ = try ICP.parseTextual(address)
        case .near:
            try NEAR.validateAccountID(address)
        case .eip155:
            try EIP155.validate(address)
        }
    }

    private static func requireAlgorithm(_ algorithm: SignatureAlgorithm, on chain: ChainID, family: ChainFamily) throws {
        let allowed = family.validatorAlgorithms
        guard allowed.contains(algorithm) else {
            throw ChainError(.unsupportedAlgorithm, "\(chain) validator keys are \(allowed.map(\.rawValue).joined(separator: " or ")), "
                + "not \(algorithm.rawValue)")
        }
    }
}
