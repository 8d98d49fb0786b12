import GovSealChains
import GovSealEncoding
import Testing

@Suite("NEAR accounts and keys")
struct NEARTests {
    @Test("implicit account and key text round-trip")
    func roundTrip() throws {
        let key = Keys.dfxEd25519
        let implicit = try NEAR.implicitAccount(ed25519Key: key)
        #expect(implicit == Hex.encode(key))
        #expect(implicit.count == 64)
        try NEAR.validateAccountID(implicit)
        let text = try NEAR.keyText(ed25519Key: key)
        #expect(text == "ed25519:" + Base58.encode(key))
        #expect(try NEAR.parseKeyText(text) == key)
    }

    static let badKeys: [BadCase] = [
        BadCase("secp256k1:5ftgm7wYK5gtVqq1kxMGy7gSudkrfYCbpsjL6sH1nwx2", "has curve 'secp256k1'"),
        BadCase("DcA2MzgpJbrUATQLLceocVckhhAqrkingax4oJ9kZ847", "no 'ed25519:' prefix"),
        BadCase("ed25519:DcA2MzgpJbrUATQLLceocVckhhAqrkingax4oJ9kZ84O", "invalid base58 character 'O' at offset 43"),
        BadCase("ed25519:2g", "holds 1 bytes; an Ed25519 key is 32"),
        BadCase("ed25519:", "holds 0 bytes"),
    ]

    @Test("bad key text names what is wrong", arguments: badKeys)
    func rejectsKeys(_ vector: BadCase) {
        expectChainError(.invalidKey, containing: vector.message) { try NEAR.parseKeyText(vector.input) }
    }

    @Test("named accounts", arguments: ["near", "alice.near", "app-1.alice.testnet", "a_b.c-d", "0x1234", "aa"])
    func namedAccounts(_ account: String) throws {
        try NEAR.validateAccountID(account)
    }

    static let badAccounts: [BadCase] = [
        BadCase("a", "is 1 characters; 2 to 64"),
        BadCase(String(repeating: "a", count: 65), "is 65 characters"),
        BadCase("Alice.near", "character 'A' at offset 0 is not allowed (account ids are lowercase)"),
        BadCase("alice..near", "'.' at offset 5 must sit between letters or digits"),
        BadCase(".near", "'.' at offset 0"),
        BadCase("near-", "'-' at offset 4"),
        BadCase("a-_b", "'-' at offset 1"),
        BadCase("alice@near", "character '@' at offset 5"),
        BadCase(Hex.encode([UInt8](repeating: 0xab, count: 32)).uppercased(), "account ids are lowercase"),
    ]

    @Test("bad account ids name the rule broken", arguments: badAccounts)
    func rejectsAccounts(_ vector: BadCase) {
        expectChainError(.invalidAddress, containing: vector.message) { try NEAR.validateAccountID(vector.input) }
    }

    @Test("keys that are not 32 bytes are refused")
    func badKey() {
        expectChainError(.invalidKey, containing: "32 bytes") { try NEAR.implicitAccount(ed25519Key: [1, 2, 3]) }
        expectChainError(.invalidKey, containing: "32 bytes") { try NEAR.keyText(ed25519Key: Keys.cosmjsSecp256k1) }
    }
}
