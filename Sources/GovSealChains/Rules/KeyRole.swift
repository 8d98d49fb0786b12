/// What a validator key is used for, which decides the address a Cosmos chain gives it.
public enum KeyRole: String, Sendable, Hashable, CaseIterable {
    /// An account / operator key (a wallet, `keys add`): account and `valoper` addresses on Cosmos.
    case `operator`
    /// A CometBFT consensus key (`priv_validator_key.json`), whatever its curve: the `valcons` address.
    case consensus
}
