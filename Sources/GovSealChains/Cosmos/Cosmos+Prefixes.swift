extension Cosmos {
    /// Built-in bech32 account prefixes of well-known Cosmos chains, by chain id.
    /// Other chains need an explicit prefix (`bech32Prefix(chainID:override:)`).
    public static let knownBech32Prefixes: [String: String] = [
        "cosmoshub-4": "cosmos",
        "agoric-3": "agoric",
        "osmosis-1": "osmo",
        "juno-1": "juno",
        "stargaze-1": "stars",
        "akashnet-2": "akash",
        "celestia": "celestia",
        "dydx-mainnet-1": "dydx",
        "injective-1": "inj",
        "noble-1": "noble",
        "neutron-1": "neutron",
    ]
}
