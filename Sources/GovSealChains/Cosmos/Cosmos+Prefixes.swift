extension Cosmos {
    /// How a Cosmos chain turns an account (and operator) key into address bytes.
    public enum AccountKeyRule: String, Sendable, Hashable {
        /// The Cosmos SDK's `secp256k1` accounts: RIPEMD160(SHA256(33-byte compressed key)).
        case secp256k1
        /// Ethermint's `ethsecp256k1` accounts (Injective, Evmos, Cronos, …): as Ethereum does,
        /// the last 20 bytes of Keccak-256 of the 64-byte uncompressed key without its 04 prefix.
        case ethSecp256k1 = "ethsecp256k1"
    }

    /// What govseal knows about a Cosmos chain: its bech32 account prefix (operator and
    /// consensus prefixes add `valoper` and `valcons`) and its account key rule.
    public struct ChainRule: Sendable, Hashable {
        public let bech32Prefix: String
        public let accountKey: AccountKeyRule

        public init(bech32Prefix: String, accountKey: AccountKeyRule) {
            self.bech32Prefix = bech32Prefix
            self.accountKey = accountKey
        }
    }

    /// Built-in rules of well-known Cosmos chains, by chain id. Other chains need an explicit
    /// prefix (`rule(chainID:bech32PrefixOverride:)`) and are taken to use `secp256k1` accounts.
    /// Each entry is checked against the chain's own code or libraries in the tests
    /// (Tests/GovSealChainsTests/Fixtures/SOURCES.md).
    public static let knownChains: [String: ChainRule] = [
        "cosmoshub-4": ChainRule(bech32Prefix: "cosmos", accountKey: .secp256k1),
        "agoric-3": ChainRule(bech32Prefix: "agoric", accountKey: .secp256k1),
        "osmosis-1": ChainRule(bech32Prefix: "osmo", accountKey: .secp256k1),
        "juno-1": ChainRule(bech32Prefix: "juno", accountKey: .secp256k1),
        "stargaze-1": ChainRule(bech32Prefix: "stars", accountKey: .secp256k1),
        "akashnet-2": ChainRule(bech32Prefix: "akash", accountKey: .secp256k1),
        "celestia": ChainRule(bech32Prefix: "celestia", accountKey: .secp256k1),
        "dydx-mainnet-1": ChainRule(bech32Prefix: "dydx", accountKey: .secp256k1),
        "noble-1": ChainRule(bech32Prefix: "noble", accountKey: .secp256k1),
        "neutron-1": ChainRule(bech32Prefix: "neutron", accountKey: .secp256k1),
        "injective-1": ChainRule(bech32Prefix: "inj", accountKey: .ethSecp256k1),
        "evmos_9001-2": ChainRule(bech32Prefix: "evmos", accountKey: .ethSecp256k1),
        "cronosmainnet_25-1": ChainRule(bech32Prefix: "crc", accountKey: .ethSecp256k1),
    ]

    /// Built-in bech32 account prefixes of well-known Cosmos chains, by chain id (`knownChains`).
    public static var knownBech32Prefixes: [String: String] { knownChains.mapValues(\.bech32Prefix) }
}
