import GovSealChains
import GovSealCrypto
import Testing

@Suite("Chain rules")
struct ChainRulesTests {
    @Test("Cosmos: a secp256k1 key controls an account and an operator address")
    func cosmosSecp256k1() throws {
        let key = try Keys.secp256k1(Keys.cosmjsSecp256k1)
        let chain = try ChainID(parsing: "cosmos:cosmoshub-4")
        let addresses = try ChainRules.addresses(for: key, on: chain)
        #expect(addresses.map(\.kind) == ["account", "operator"])
        #expect(addresses[0].value == "cosmos1h806c7khnvmjlywdrkdgk2vrayy2mmvf9rxk2r")
        #expect(try ChainRules.validatorAddress(for: key, on: chain) == addresses[1].value)
        #expect(addresses[1].value.hasPrefix("cosmosvaloper1"))
        for address in addresses { try ChainRules.validateAddress(address.value, on: chain) }
    }

    @Test("Cosmos: an Ed25519 key gives the consensus address; prefixes come from the table or the override")
    func cosmosEd25519() throws {
        let key = try Keys.ed25519(Keys.cosmjsEd25519)
        let agoric = try ChainRules.validatorAddress(for: key, on: ChainID(parsing: "cosmos:agoric-3"))
        #expect(agoric.hasPrefix("agoricvalcons1"))
        let custom = try ChainID(parsing: "cosmos:my-chain-7")
        expectChainError(.unknownBech32Prefix, containing: "--bech32-prefix") { try ChainRules.validatorAddress(for: key, on: custom) }
        let mine = try ChainRules.validatorAddress(for: key, on: custom, bech32Prefix: "mine")
        #expect(mine.hasPrefix("minevalcons1"))
        try ChainRules.validateAddress(mine, on: custom, bech32Prefix: "mine")
        expectChainError(.invalidAddress, containing: "has prefix 'minevalcons'") {
            try ChainRules.validateAddress(mine, on: ChainID(parsing: "cosmos:agoric-3"))
        }
    }

    @Test("ICP, NEAR and eip155 validator addresses")
    func otherFamilies() throws {
        let ed = try Keys.ed25519(Keys.dfxEd25519)
        let icp = try ChainID(parsing: "icp:mainnet")
        #expect(try ChainRules.validatorAddress(for: ed, on: icp) == "2nor3-keehi-duuup-d7jcn-onggn-3atzm-gejtl-5tlzn-k4g6c-nnbf7-7qe")
        #expect(try ChainRules.addresses(for: ed, on: icp) == [DerivedAddress(kind: "principal", value: "2nor3-keehi-duuup-d7jcn-onggn-3atzm-gejtl-5tlzn-k4g6c-nnbf7-7qe")])

        let near = try ChainID(parsing: "near:mainnet")
        let nearAddresses = try ChainRules.addresses(for: ed, on: near)
        #expect(nearAddresses.map(\.kind) == ["implicit-account", "key"])
        #expect(try ChainRules.validatorAddress(for: ed, on: near) == nearAddresses[0].value)
        try ChainRules.validateAddress(nearAddresses[0].value, on: near)

        let secp = try Keys.secp256k1(Keys.secp256k1(secretScalar: 1))
        let eth = try ChainID(parsing: "eip155:1")
        #expect(try ChainRules.validatorAddress(for: secp, on: eth) == "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")
        try ChainRules.validateAddress("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", on: eth)
        expectChainError(.invalidAddress, containing: "checksum mismatch") {
            try ChainRules.validateAddress("0x7e5F4552091A69125d5DfCb7b8C2659029395Bdf", on: eth)
        }
    }

    @Test("algorithms a chain does not use are refused, naming the ones it takes")
    func unsupported() throws {
        let ed = try Keys.ed25519(Keys.dfxEd25519)
        let xonly = try PublicKey(algorithm: .bip340, rawRepresentation: Array(Keys.quillSecp256k1.dropFirst()))
        let secp = try Keys.secp256k1(Keys.quillSecp256k1)
        expectChainError(.unsupportedAlgorithm, containing: "eip155:1 validator keys are ecdsa-secp256k1, not ed25519") {
            try ChainRules.validatorAddress(for: ed, on: ChainID(parsing: "eip155:1"))
        }
        expectChainError(.unsupportedAlgorithm, containing: "near:mainnet validator keys are ed25519, not ecdsa-secp256k1") {
            try ChainRules.addresses(for: secp, on: ChainID(parsing: "near:mainnet"))
        }
        expectChainError(.unsupportedAlgorithm, containing: "validator keys are ecdsa-secp256k1 or ed25519, not bip340") {
            try ChainRules.validatorAddress(for: xonly, on: ChainID(parsing: "cosmos:cosmoshub-4"))
        }
        expectChainError(.unsupportedAlgorithm, containing: "not bip340") {
            try ChainRules.validatorAddress(for: xonly, on: ChainID(parsing: "icp:mainnet"))
        }
        expectChainError(.unknownNamespace, containing: "unknown chain namespace 'polkadot'") {
            try ChainRules.validatorAddress(for: ed, on: ChainID(parsing: "polkadot:91b171bb158e2d3848fa23a9f1c25182"))
        }
    }
}
