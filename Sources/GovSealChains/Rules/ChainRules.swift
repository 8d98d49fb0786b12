import GovSealCrypto
import GovSealEncoding

/// Each chain family's rules tying validator keys to addresses (DESIGN.md, "Chain rules").
public enum ChainRules {
    /// Every address `key` controls on `chain` (for `govseal key show --chain`). Cosmos: for an
    /// Ed25519 key or any `.consensus` key (from a `priv_validator_key.json`), the `valcons`
    /// address; for a secp256k1 `.operator` key, the account and `valoper` addresses under the
    /// chain's account rule (`secp256k1` or `ethsecp256k1`, `Cosmos.knownChains`). ICP: the
    /// principal; NEAR: the implicit account and key text; eip155: the EIP-55 address.
    ///
    /// Throws `ChainError`: `.unknownNamespace`, `.unknownBech32Prefix` (a Cosmos chain
    /// without a built-in prefix and no `bech32Prefix`), `.unsupportedAlgorithm` naming the
    /// algorithms the chain takes, or `.invalidKey`.
    public static func addresses(for key: PublicKey, on chain: ChainID, bech32Prefix: String? = nil,
                                 role: KeyRole = .operator) throws -> [DerivedAddress] {
        let family = try chain.family
        try requireAlgorithm(key.algorithm, on: chain, family: family)
        let raw = key.rawRepresentation
        switch family {
        case .cosmos:
            let rule = try Cosmos.rule(chainID: chain.reference, bech32PrefixOverride: bech32Prefix)
            if key.algorithm == .ed25519 || role == .consensus {
                return [try cosmosConsensusAddress(key, prefix: rule.bech32Prefix)]
            }
            return [
                DerivedAddress(kind: "account", value: try Cosmos.accountAddress(
                    compressedSecp256k1Key: raw, prefix: rule.bech32Prefix, rule: rule.accountKey)),
                DerivedAddress(kind: "operator", value: try Cosmos.operatorAddress(
                    compressedSecp256k1Key: raw, prefix: rule.bech32Prefix, rule: rule.accountKey)),
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

    /// The one validator address a nomination made with this key states: Cosmos → the
    /// `valcons` address of an Ed25519 or `.consensus` key, else the `valoper` address under the
    /// chain's account rule; ICP → the self-authenticating principal; NEAR → the implicit
    /// account (hex); eip155 → the EIP-55 address.
    ///
    /// Throws `ChainError` as `addresses(for:on:bech32Prefix:role:)` does.
    public static func validatorAddress(for key: PublicKey, on chain: ChainID, bech32Prefix: String? = nil,
                                        role: KeyRole = .operator) throws -> String {
        let family = try chain.family
        try requireAlgorithm(key.algorithm, on: chain, family: family)
        switch family {
        case .cosmos:
            let rule = try Cosmos.rule(chainID: chain.reference, bech32PrefixOverride: bech32Prefix)
            if key.algorithm == .ed25519 || role == .consensus {
                return try cosmosConsensusAddress(key, prefix: rule.bech32Prefix).value
            }
            return try Cosmos.operatorAddress(compressedSecp256k1Key: key.rawRepresentation,
                                              prefix: rule.bech32Prefix, rule: rule.accountKey)
        case .icp:
            return ICP.textual(try ICP.selfAuthenticatingPrincipal(publicKey: key))
        case .near:
            return try NEAR.implicitAccount(ed25519Key: key.rawRepresentation)
        case .eip155:
            return try EIP155.address(publicKey: key)
        }
    }

    /// Every validator address DESIGN.md's chain rules derive for `key` on `chain`, and so the
    /// only addresses a nomination signed by `key` may state: on Cosmos, for a secp256k1 key, its
    /// `valoper` address (as an operator key, under the chain's account rule) and its `valcons`
    /// address (as a CometBFT consensus key); for an Ed25519 key, its `valcons` address. On other
    /// chains, the one `validatorAddress`.
    ///
    /// Throws `ChainError` as `addresses(for:on:bech32Prefix:role:)` does.
    public static func validatorAddresses(for key: PublicKey, on chain: ChainID,
                                          bech32Prefix: String? = nil) throws -> [DerivedAddress] {
        let family = try chain.family
        guard family == .cosmos else {
            let kind = family == .icp ? "principal" : family == .near ? "implicit-account" : "address"
            return [DerivedAddress(kind: kind, value: try validatorAddress(for: key, on: chain, bech32Prefix: bech32Prefix))]
        }
        let consensus = DerivedAddress(kind: "consensus", value: try validatorAddress(
            for: key, on: chain, bech32Prefix: bech32Prefix, role: .consensus))
        guard key.algorithm != .ed25519 else { return [consensus] }
        let operatorAddress = DerivedAddress(kind: "operator", value: try validatorAddress(
            for: key, on: chain, bech32Prefix: bech32Prefix, role: .operator))
        return [operatorAddress, consensus]
    }

    /// The CometBFT consensus address of a Cosmos validator key of either curve.
    private static func cosmosConsensusAddress(_ key: PublicKey, prefix: String) throws -> DerivedAddress {
        let raw = key.rawRepresentation
        let value = key.algorithm == .ed25519
            ? try Cosmos.consensusAddress(ed25519Key: raw, prefix: prefix)
            : try Cosmos.consensusAddress(secp256k1Key: raw, prefix: prefix)
        return DerivedAddress(kind: "consensus", value: value)
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
