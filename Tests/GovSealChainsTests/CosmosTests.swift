import GovSealChains
import GovSealCrypto
import GovSealEncoding
import Testing

@Suite("Cosmos addresses")
struct CosmosTests {
    @Test("the gov module address on the Cosmos Hub")
    func govModule() throws {
        #expect(try Cosmos.moduleAddress("gov", prefix: "cosmos") == "cosmos10d07y265gmmuvt4z0w9aw880jnsr700j6zn9kn")
    }

    @Test("account address of CosmJS's secp256k1 test key")
    func cosmjsAccount() throws {
        #expect(try Cosmos.accountAddress(compressedSecp256k1Key: Keys.cosmjsSecp256k1, prefix: "cosmos")
            == "cosmos1h806c7khnvmjlywdrkdgk2vrayy2mmvf9rxk2r")
    }

    @Test("operator and account addresses share the key hash; consensus bytes match CosmJS's Ed25519 address")
    func sharedBytes() throws {
        let account = try Bech32.decode(Cosmos.accountAddress(compressedSecp256k1Key: Keys.cosmjsSecp256k1, prefix: "cosmos"))
        let valoper = try Bech32.decode(Cosmos.operatorAddress(compressedSecp256k1Key: Keys.cosmjsSecp256k1, prefix: "cosmos"))
        #expect(valoper.hrp == "cosmosvaloper")
        #expect(valoper.data == account.data)
        let valcons = try Bech32.decode(Cosmos.consensusAddress(ed25519Key: Keys.cosmjsEd25519, prefix: "cosmos"))
        #expect(valcons.hrp == "cosmosvalcons")
        #expect(valcons.data == (try Bech32.decode("cosmos1pfq05em6sfkls66ut4m2257p7qwlk448h8mysz")).data)
    }

    @Test("derivations agree with hashes computed by the openssl CLI", arguments: ["agoric", "osmo", "cosmos"])
    func opensslOracle(prefix: String) throws {
        for scalar: UInt8 in [1, 2, 7] {
            let key = try Keys.secp256k1(secretScalar: scalar)
            let hash = try OpenSSLOracle.digest("ripemd160", OpenSSLOracle.digest("sha256", key))
            let valoper = try Bech32.decode(Cosmos.operatorAddress(compressedSecp256k1Key: key, prefix: prefix))
            #expect(valoper.hrp == prefix + "valoper")
            #expect(valoper.data == hash)
        }
        let edKey = Keys.dfxEd25519
        let valcons = try Bech32.decode(Cosmos.consensusAddress(ed25519Key: edKey, prefix: prefix))
        #expect(valcons.data == Array(try OpenSSLOracle.digest("sha256", edKey).prefix(20)))
        let module = try Bech32.decode(Cosmos.moduleAddress("distribution", prefix: prefix))
        #expect(module.data == Array(try OpenSSLOracle.digest("sha256", Array("distribution".utf8)).prefix(20)))
    }

    @Test("prefix table and overrides")
    func prefixes() throws {
        #expect(try Cosmos.bech32Prefix(chainID: "cosmoshub-4", override: nil) == "cosmos")
        #expect(try Cosmos.bech32Prefix(chainID: "agoric-3", override: nil) == "agoric")
        #expect(try Cosmos.bech32Prefix(chainID: "osmosis-1", override: nil) == "osmo")
        #expect(try Cosmos.bech32Prefix(chainID: "my-chain-1", override: "mine") == "mine")
        #expect(try Cosmos.bech32Prefix(chainID: "agoric-3", override: "other") == "other")
        expectChainError(.unknownBech32Prefix, containing: "pass --bech32-prefix") {
            try Cosmos.bech32Prefix(chainID: "my-chain-1", override: nil)
        }
        expectChainError(.unknownBech32Prefix, containing: "lowercase letters and digits") {
            try Cosmos.bech32Prefix(chainID: "my-chain-1", override: "Mine")
        }
        expectChainError(.unknownBech32Prefix, containing: "lowercase letters and digits") {
            try Cosmos.bech32Prefix(chainID: "my-chain-1", override: "")
        }
    }

    @Test("wrong keys are refused")
    func wrongKeys() throws {
        expectChainError(.invalidKey, containing: "33 bytes") {
            try Cosmos.operatorAddress(compressedSecp256k1Key: Keys.cosmjsEd25519, prefix: "cosmos")
        }
        expectChainError(.invalidKey, containing: "32 bytes") {
            try Cosmos.consensusAddress(ed25519Key: Keys.cosmjsSecp256k1, prefix: "cosmos")
        }
        expectChainError(.invalidKey, containing: "02 or 03") {
            try Cosmos.accountAddress(compressedSecp256k1Key: [0x04] + Array(Keys.cosmjsSecp256k1.dropFirst()), prefix: "cosmos")
        }
    }

    @Test("validation accepts each kind of address")
    func validates() throws {
        let key = Keys.cosmjsSecp256k1
        #expect(try Cosmos.validate(Cosmos.accountAddress(compressedSecp256k1Key: key, prefix: "agoric"), prefix: "agoric").kind == "account")
        #expect(try Cosmos.validate(Cosmos.operatorAddress(compressedSecp256k1Key: key, prefix: "agoric"), prefix: "agoric").kind == "operator")
        #expect(try Cosmos.validate(Cosmos.consensusAddress(ed25519Key: Keys.cosmjsEd25519, prefix: "agoric"), prefix: "agoric").kind == "consensus")
        #expect(try Cosmos.validate(Cosmos.moduleAddress("gov", prefix: "agoric"), prefix: "agoric").data.count == 20)
    }

    static let account = "cosmos1h806c7khnvmjlywdrkdgk2vrayy2mmvf9rxk2r"

    static let bad: [BadCase] = [
        BadCase("cosmos1h806c7khnvmjlywdrkdgk2vrayy2mmvf9rxk2q", "checksum mismatch"),
        BadCase("cosmos1h806c7khnvmjlywdrkdgk2vrayy2mmvf9rxk3r", "checksum mismatch"),
        BadCase("cosmos1h806c7khnvmjlywdrkdgk2vrayy2mmvf9rxkr2", "checksum mismatch"),
        BadCase("cosmos1h806c7khnvmjlywdrkdgk2vrayy2mmvf9rxk2b", "invalid bech32 data character 'b' at offset 44"),
        BadCase("COSMOS1H806C7KHNVMJLYWDRKDGK2VRAYY2MMVF9RXK2R", "upper case"),
        BadCase("Cosmos1h806c7khnvmjlywdrkdgk2vrayy2mmvf9rxk2r", "mixes upper and lower case"),
        BadCase("osmo1h806c7khnvmjlywdrkdgk2vrayy2mmvf9rxk2r", "checksum mismatch"),
        BadCase("cosmos h806c7khnvmjlywdrkdgk2vrayy2mmvf9rxk2r", "outside ASCII 33-126"),
        BadCase("", "no '1' separator"),
    ]

    @Test("bad addresses name what is wrong", arguments: bad)
    func rejects(_ vector: BadCase) {
        expectChainError(.invalidAddress, containing: vector.message) { try Cosmos.validate(vector.input, prefix: "cosmos") }
    }

    @Test("well-formed bech32 that is not a Cosmos address of this chain")
    func rejectsForeign() throws {
        let osmo = try Cosmos.accountAddress(compressedSecp256k1Key: Keys.cosmjsSecp256k1, prefix: "osmo")
        expectChainError(.invalidAddress, containing: "has prefix 'osmo'; expected 'cosmos', 'cosmosvaloper' or 'cosmosvalcons'") {
            try Cosmos.validate(osmo, prefix: "cosmos")
        }
        let bech32m = try Bech32.encode(hrp: "cosmos", data: [UInt8](repeating: 1, count: 20), variant: .bech32m)
        expectChainError(.invalidAddress, containing: "Bech32m") { try Cosmos.validate(bech32m, prefix: "cosmos") }
        let short = try Bech32.encode(hrp: "cosmos", data: [UInt8](repeating: 1, count: 19), variant: .bech32)
        expectChainError(.invalidAddress, containing: "holds 19 bytes; expected 20 or 32") { try Cosmos.validate(short, prefix: "cosmos") }
    }
}
