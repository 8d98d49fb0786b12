import GovSealCrypto
import GovSealEncoding

/// Cosmos SDK address rules: bech32 (BIP-173, never Bech32m) under a chain's prefix.
public enum Cosmos {
    /// The rule of a Cosmos chain: its built-in entry (`knownChains`), with `bech32PrefixOverride`
    /// (the CLI's `--bech32-prefix`) replacing the prefix when given. A chain not in the table
    /// takes the override and `secp256k1` accounts.
    ///
    /// Throws `ChainError` (`.unknownBech32Prefix`) for a chain not in the table without an
    /// override, or an override that is not lowercase letters and digits starting with a letter.
    public static func rule(chainID: String, bech32PrefixOverride override: String?) throws -> ChainRule {
        let known = knownChains[chainID]
        if let override {
            try checkPrefix(override)
            return ChainRule(bech32Prefix: override, accountKey: known?.accountKey ?? .secp256k1)
        }
        guard let known else {
            throw ChainError(.unknownBech32Prefix, "no built-in bech32 prefix for Cosmos chain '\(chainID)'; "
                + "pass --bech32-prefix (e.g. --bech32-prefix cosmos)")
        }
        return known
    }

    /// The bech32 account prefix for a Cosmos chain, from the built-in table
    /// (`knownChains`) or `override` (the CLI's `--bech32-prefix`).
    ///
    /// Throws as `rule(chainID:bech32PrefixOverride:)` does.
    public static func bech32Prefix(chainID: String, override: String?) throws -> String {
        try rule(chainID: chainID, bech32PrefixOverride: override).bech32Prefix
    }

    /// The validator operator address: bech32(prefix + "valoper", the account bytes of the key
    /// under `rule`): RIPEMD160(SHA256(key)) for `secp256k1`, the Ethereum address bytes for
    /// `ethsecp256k1`.
    ///
    /// Throws `ChainError` (`.invalidKey`) unless the key is a 33-byte compressed secp256k1
    /// point, or (`.unknownBech32Prefix`) for a malformed prefix.
    public static func operatorAddress(compressedSecp256k1Key key: [UInt8], prefix: String,
                                       rule: AccountKeyRule = .secp256k1) throws -> String {
        try encode(prefix: prefix, suffix: "valoper", data: accountBytes(key, rule: rule))
    }

    /// The account address: bech32(prefix, the account bytes of the key under `rule`, as
    /// `operatorAddress` describes).
    ///
    /// Throws `ChainError` (`.invalidKey`) unless the key is a 33-byte compressed secp256k1
    /// point, or (`.unknownBech32Prefix`) for a malformed prefix.
    public static func accountAddress(compressedSecp256k1Key key: [UInt8], prefix: String,
                                      rule: AccountKeyRule = .secp256k1) throws -> String {
        try encode(prefix: prefix, suffix: "", data: accountBytes(key, rule: rule))
    }

    /// The CometBFT consensus address of a validator's Ed25519 key:
    /// bech32(prefix + "valcons", SHA256(key)[0..<20]).
    ///
    /// Throws `ChainError` (`.invalidKey`) unless the key is a valid 32-byte Ed25519 key (not of
    /// small order, canonically encoded), or (`.unknownBech32Prefix`) for a malformed prefix.
    public static func consensusAddress(ed25519Key key: [UInt8], prefix: String) throws -> String {
        _ = try reportingKeyErrors { try PublicKey(algorithm: .ed25519, rawRepresentation: key) }
        return try encode(prefix: prefix, suffix: "valcons", data: Array(Digest.sha256(key).prefix(20)))
    }

    /// The CometBFT consensus address of a validator's secp256k1 key (a `priv_validator_key.json`
    /// holding `tendermint/PrivKeySecp256k1`): bech32(prefix + "valcons", RIPEMD160(SHA256(key))),
    /// as CometBFT computes secp256k1 addresses, whatever the chain's account rule.
    ///
    /// Throws `ChainError` (`.invalidKey`) unless the key is a 33-byte compressed secp256k1
    /// point, or (`.unknownBech32Prefix`) for a malformed prefix.
    public static func consensusAddress(secp256k1Key key: [UInt8], prefix: String) throws -> String {
        try encode(prefix: prefix, suffix: "valcons", data: accountBytes(key, rule: .secp256k1))
    }

    /// A module account address: bech32(prefix, SHA256(name)[0..<20]); `"gov"` gives the
    /// authority of governance messages.
    ///
    /// Throws `ChainError` (`.unknownBech32Prefix`) for a malformed prefix.
    public static func moduleAddress(_ name: String, prefix: String) throws -> String {
        try encode(prefix: prefix, suffix: "", data: Array(Digest.sha256(Array(name.utf8)).prefix(20)))
    }

    /// Checks a Cosmos address: a bech32 (not Bech32m) string whose hrp is `prefix`,
    /// `prefix + "valoper"` or `prefix + "valcons"`, holding 20 or 32 bytes. Returns the kind
    /// (`"account"`, `"operator"` or `"consensus"`) and the address bytes.
    ///
    /// Throws `ChainError` (`.invalidAddress`) naming the problem, including the bech32
    /// decoder's own message (a bad character and its offset, "checksum mismatch").
    @discardableResult
    public static func validate(_ address: String, prefix: String) throws -> (kind: String, data: [UInt8]) {
        try checkPrefix(prefix)
        let decoded: (hrp: String, data: [UInt8], variant: Bech32.Variant)
        do {
            decoded = try Bech32.decode(address)
        } catch let error as EncodingError {
            throw ChainError(.invalidAddress, "Cosmos address '\(address)': \(error.reason)")
        }
        guard address == address.lowercased() else {
            throw ChainError(.invalidAddress, "Cosmos address '\(address)' is upper case; Cosmos addresses are lowercase")
        }
        guard decoded.variant == .bech32 else {
            throw ChainError(.invalidAddress, "Cosmos address '\(address)' has a Bech32m checksum; Cosmos uses Bech32")
        }
        let kinds = [prefix: "account", prefix + "valoper": "operator", prefix + "valcons": "consensus"]
        guard let kind = kinds[decoded.hrp] else {
            throw ChainError(.invalidAddress, "Cosmos address '\(address)' has prefix '\(decoded.hrp)'; "
                + "expected '\(prefix)', '\(prefix)valoper' or '\(prefix)valcons'")
        }
        guard decoded.data.count == 20 || decoded.data.count == 32 else {
            throw ChainError(.invalidAddress, "Cosmos address '\(address)' holds \(decoded.data.count) bytes; expected 20 or 32")
        }
        return (kind, decoded.data)
    }

    // MARK: - Helpers

    /// The 20 address bytes of a compressed secp256k1 key under `rule`.
    private static func accountBytes(_ key: [UInt8], rule: AccountKeyRule) throws -> [UInt8] {
        _ = try reportingKeyErrors { try PublicKey(algorithm: .ecdsaSecp256k1, rawRepresentation: key) }
        switch rule {
        case .secp256k1:
            return Digest.ripemd160(Digest.sha256(key))
        case .ethSecp256k1:
            return try EIP155.addressBytes(uncompressedKey65: reportingKeyErrors { try Secp256k1.uncompressed(key) })
        }
    }

    private static func encode(prefix: String, suffix: String, data: [UInt8]) throws -> String {
        try checkPrefix(prefix)
        return try Bech32.encode(hrp: prefix + suffix, data: data, variant: .bech32)
    }

    /// A prefix is 1–40 lowercase ASCII letters and digits, starting with a letter.
    static func checkPrefix(_ prefix: String) throws {
        let scalars = Array(prefix.unicodeScalars)
        guard let first = scalars.first, ("a"..."z").contains(first), scalars.count <= 40,
              scalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        else {
            throw ChainError(.unknownBech32Prefix, "bech32 prefix '\(prefix)' must be 1 to 40 lowercase letters and digits, starting with a letter")
        }
    }
}
