import GovSealChains
import Testing

@Suite("CAIP-2 chain ids")
struct ChainIDTests {
    struct Good: Sendable, CustomTestStringConvertible {
        let text: String, namespace: String, reference: String
        var testDescription: String { text }
    }

    static let good: [Good] = [
        Good(text: "cosmos:cosmoshub-4", namespace: "cosmos", reference: "cosmoshub-4"),
        Good(text: "cosmos:agoric-3", namespace: "cosmos", reference: "agoric-3"),
        Good(text: "icp:mainnet", namespace: "icp", reference: "mainnet"),
        Good(text: "near:testnet", namespace: "near", reference: "testnet"),
        Good(text: "eip155:1", namespace: "eip155", reference: "1"),
        Good(text: "bip122:000000000019d6689c085ae165831e93", namespace: "bip122", reference: "000000000019d6689c085ae165831e93"),
        Good(text: "abc-1234:A_b-C", namespace: "abc-1234", reference: "A_b-C"),
    ]

    @Test("well-formed ids parse into their parts and print back", arguments: good)
    func parses(_ vector: Good) throws {
        let id = try ChainID(parsing: vector.text)
        #expect(id.namespace == vector.namespace)
        #expect(id.reference == vector.reference)
        #expect(id.description == vector.text)
        #expect(try ChainID(namespace: vector.namespace, reference: vector.reference) == id)
    }

    static let bad: [BadCase] = [
        BadCase("", "has no ':'"),
        BadCase("cosmoshub-4", "has no ':'"),
        BadCase(":cosmoshub-4", "namespace '' is 0 characters"),
        BadCase("ab:x", "namespace 'ab' is 2 characters; CAIP-2 allows 3 to 8"),
        BadCase("abcdefghi:x", "namespace 'abcdefghi' is 9 characters"),
        BadCase("Cosmos:cosmoshub-4", "namespace has character 'C' at offset 0"),
        BadCase("cos_mos:x", "namespace has character '_' at offset 3"),
        BadCase("cosmos:", "reference '' is 0 characters; CAIP-2 allows 1 to 32"),
        BadCase("cosmos:" + String(repeating: "a", count: 33), "reference '\(String(repeating: "a", count: 33))' is 33 characters"),
        BadCase("cosmos:agoric.3", "reference has character '.' at offset 13"),
        BadCase("cosmos:agoric:3", "reference has character ':' at offset 13"),
        BadCase("cosmos:agoric 3", "reference has character U+0020 at offset 13"),
        BadCase("cosmos:agoric-3\n", "reference has character U+000A at offset 15"),
        BadCase("near:tëst", "reference has character U+00EB at offset 6"),
    ]

    @Test("malformed ids name the part that is wrong", arguments: bad)
    func rejects(_ vector: BadCase) {
        expectChainError(.invalidChainID, containing: vector.message) { try ChainID(parsing: vector.input) }
    }

    @Test("families come from the namespace; unknown namespaces list the known ones")
    func families() throws {
        #expect(try ChainID(parsing: "cosmos:osmosis-1").family == .cosmos)
        #expect(try ChainID(parsing: "icp:mainnet").family == .icp)
        #expect(try ChainID(parsing: "near:mainnet").family == .near)
        #expect(try ChainID(parsing: "eip155:10").family == .eip155)
        expectChainError(.unknownNamespace, containing: "unknown chain namespace 'solana' (known: cosmos, eip155, icp, near)") {
            try ChainID(parsing: "solana:mainnet").family
        }
    }
}
