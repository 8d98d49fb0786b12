import GovSealChains
import GovSealCrypto
import GovSealEncoding
import Testing

/// The built-in Cosmos table against each chain's real rule (cosmos/chain-registry), and the
/// address rules against published key → address pairs from the chains' own libraries.
@Suite("Cosmos chain rules against published vectors")
struct CosmosChainRuleTests {
    @Test("every built-in chain has the registry's prefix and account key type", arguments: try RegistryChain.load())
    func tableMatchesRegistry(_ chain: RegistryChain) throws {
        let rule = try #require(Cosmos.knownChains[chain.chain_id], "\(chain.chain_id) is in the built-in table")
        #expect(rule.bech32Prefix == chain.bech32_prefix)
        let expected: Cosmos.AccountKeyRule = (chain.key_algos ?? ["secp256k1"]).contains("ethsecp256k1") ? .ethSecp256k1 : .secp256k1
        #expect(rule.accountKey == expected)
    }

    @Test("the registry extract covers the whole built-in table")
    func registryCoversTable() throws {
        #expect(Set(try RegistryChain.load().map(\.chain_id)) == Set(Cosmos.knownChains.keys))
    }

    @Test("account and operator addresses of published keys", arguments: try AddressVectors.load().accounts)
    func accounts(_ vector: AddressVectors.Account) throws {
        let rule = try #require(Cosmos.AccountKeyRule(rawValue: vector.rule))
        let key = Keys.hex(vector.public_key)
        #expect(try Cosmos.accountAddress(compressedSecp256k1Key: key, prefix: vector.prefix, rule: rule) == vector.account)
        let account = try Bech32.decode(vector.account)
        let valoper = try Bech32.decode(Cosmos.operatorAddress(compressedSecp256k1Key: key, prefix: vector.prefix, rule: rule))
        #expect(valoper.hrp == vector.prefix + "valoper")
        #expect(valoper.data == account.data)
        if let ethereum = vector.ethereum {
            #expect(Hex.encode(account.data) == ethereum.dropFirst(2).lowercased())
            #expect(try EIP155.address(publicKey: Keys.secp256k1(key)).lowercased() == ethereum.lowercased())
        }
        if let secret = vector.secret_key {
            #expect(try Secp256k1.publicKey(secretKey: Keys.hex(secret)) == key)
        }
    }

    /// The attack this closes: on injective-1 the old rule (RIPEMD160(SHA256)) gave an address
    /// of no key at all, and verification accepted it.
    @Test("injective-1: the Ethereum rule, not the Cosmos SDK one")
    func injective() throws {
        let vector = try #require(try AddressVectors.load().accounts.first { $0.prefix == "inj" })
        let key = try Keys.secp256k1(Keys.hex(vector.public_key))
        let chain = try ChainID(parsing: "cosmos:injective-1")
        let addresses = try ChainRules.addresses(for: key, on: chain)
        #expect(addresses == [
            DerivedAddress(kind: "account", value: vector.account),
            DerivedAddress(kind: "operator", value: try Bech32.encode(hrp: "injvaloper", data: Bech32.decode(vector.account).data,
                                                                       variant: .bech32)),
        ])
        let cosmosRule = try Cosmos.operatorAddress(compressedSecp256k1Key: key.rawRepresentation, prefix: "inj", rule: .secp256k1)
        let accepted = try ChainRules.validatorAddresses(for: key, on: chain).map(\.value)
        #expect(!accepted.contains(cosmosRule))
        #expect(accepted.contains(addresses[1].value))
        // The consensus (CometBFT) address of a secp256k1 key does not depend on the account rule.
        #expect(accepted.contains(try Cosmos.consensusAddress(secp256k1Key: key.rawRepresentation, prefix: "inj")))
        #expect(accepted.count == 2)
    }

    @Test("evmos and cronos use the Ethereum bytes under their own prefixes")
    func evmosAndCronos() throws {
        let vector = try #require(try AddressVectors.load().accounts.first { $0.prefix == "inj" })
        let key = try Keys.secp256k1(Keys.hex(vector.public_key))
        let bytes = try Bech32.decode(vector.account).data
        for (chainID, prefix) in [("evmos_9001-2", "evmos"), ("cronosmainnet_25-1", "crc")] {
            let addresses = try ChainRules.addresses(for: key, on: ChainID(parsing: "cosmos:\(chainID)"))
            #expect(addresses.map(\.value) == [
                try Bech32.encode(hrp: prefix, data: bytes, variant: .bech32),
                try Bech32.encode(hrp: prefix + "valoper", data: bytes, variant: .bech32),
            ])
        }
    }

    @Test("Ethereum address <-> ethermint bech32, as evmosjs converts", arguments: try AddressVectors.load().ethermint_encodings)
    func ethermintEncoding(_ vector: AddressVectors.Encoding) throws {
        let decoded = try Bech32.decode(vector.bech32)
        #expect(Hex.encode(decoded.data) == vector.ethereum.dropFirst(2).lowercased())
        #expect(try Bech32.encode(hrp: decoded.hrp, data: Keys.hex(String(vector.ethereum.dropFirst(2)).lowercased()),
                                  variant: .bech32) == vector.bech32)
        #expect(try EIP155.checksummed(vector.ethereum) == vector.ethereum)
    }

    @Test("CometBFT consensus addresses of both curves (tendermint-rs vectors)", arguments: try AddressVectors.load().consensus)
    func consensus(_ vector: AddressVectors.Consensus) throws {
        let key = Keys.hex(vector.public_key)
        let address = vector.curve == "ed25519"
            ? try Cosmos.consensusAddress(ed25519Key: key, prefix: "cosmos")
            : try Cosmos.consensusAddress(secp256k1Key: key, prefix: "cosmos")
        let decoded = try Bech32.decode(address)
        #expect(decoded.hrp == "cosmosvalcons")
        #expect(Hex.encode(decoded.data) == vector.address_bytes)
    }

    @Test("a consensus key gives only its valcons address, whatever its curve or the chain's account rule",
          arguments: ["cosmoshub-4", "injective-1", "agoric-3"])
    func consensusRole(_ chainID: String) throws {
        let secp = try Keys.secp256k1(Keys.cosmjsSecp256k1)
        let chain = try ChainID(parsing: "cosmos:\(chainID)")
        let prefix = try Cosmos.bech32Prefix(chainID: chainID, override: nil)
        let valcons = try Cosmos.consensusAddress(secp256k1Key: secp.rawRepresentation, prefix: prefix)
        #expect(try ChainRules.addresses(for: secp, on: chain, role: .consensus) == [DerivedAddress(kind: "consensus", value: valcons)])
        #expect(try ChainRules.validatorAddress(for: secp, on: chain, role: .consensus) == valcons)
        #expect(try ChainRules.validatorAddress(for: secp, on: chain, role: .operator).hasPrefix(prefix + "valoper1"))
        let ed = try Keys.ed25519(Keys.cosmjsEd25519)
        #expect(try ChainRules.validatorAddresses(for: ed, on: chain).map(\.kind) == ["consensus"])
        #expect(try ChainRules.validatorAddresses(for: secp, on: chain).map(\.kind) == ["operator", "consensus"])
    }

    @Test("an unknown chain with --bech32-prefix uses secp256k1 accounts; a known one keeps its rule")
    func overrides() throws {
        #expect(try Cosmos.rule(chainID: "my-chain-1", bech32PrefixOverride: "mine")
            == Cosmos.ChainRule(bech32Prefix: "mine", accountKey: .secp256k1))
        #expect(try Cosmos.rule(chainID: "injective-1", bech32PrefixOverride: "inj")
            == Cosmos.ChainRule(bech32Prefix: "inj", accountKey: .ethSecp256k1))
    }

    @Test("small-order Ed25519 keys derive no address")
    func smallOrderKeys() {
        let identity: [UInt8] = [1] + [UInt8](repeating: 0, count: 31)
        expectChainError(.invalidKey, containing: "small order") { try Cosmos.consensusAddress(ed25519Key: identity, prefix: "cosmos") }
        expectChainError(.invalidKey, containing: "small order") { try NEAR.implicitAccount(ed25519Key: identity) }
    }
}
