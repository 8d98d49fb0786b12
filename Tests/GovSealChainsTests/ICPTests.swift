import GovSealChains
import GovSealCrypto
import GovSealEncoding
import Testing

@Suite("ICP principals")
struct ICPTests {
    struct TextVector: Sendable, CustomTestStringConvertible {
        let bytes: String, text: String
        var testDescription: String { text }
    }

    /// The management canister (empty), the anonymous principal (0x04), and the IC interface
    /// specification's example 0xABCD01 → em77e-bvlzu-aq ("Textual representation of principals").
    static let textVectors = [
        TextVector(bytes: "", text: "aaaaa-aa"),
        TextVector(bytes: "04", text: "2vxsx-fae"),
        TextVector(bytes: "abcd01", text: "em77e-bvlzu-aq"),
    ]

    @Test("published textual ids encode and parse", arguments: textVectors)
    func textual(_ vector: TextVector) throws {
        let bytes = try Hex.decode(vector.bytes)
        #expect(ICP.textual(bytes) == vector.text)
        #expect(try ICP.parseTextual(vector.text) == bytes)
    }

    @Test("every principal length round-trips")
    func roundTrip() throws {
        for count in 0...ICP.maximumPrincipalLength {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 3) }
            #expect(try ICP.parseTextual(ICP.textual(bytes)) == bytes)
        }
    }

    struct KeyVector: Sendable, CustomTestStringConvertible {
        let source: String, algorithm: SignatureAlgorithm, key: [UInt8], principal: String
        var testDescription: String { source }
    }

    /// Published key → principal pairs from DFINITY's own test suites (see `Keys`).
    static let keyVectors = [
        KeyVector(source: "dfinity/sdk e2e ed25519 identity", algorithm: .ed25519, key: Keys.dfxEd25519,
                  principal: "2nor3-keehi-duuup-d7jcn-onggn-3atzm-gejtl-5tlzn-k4g6c-nnbf7-7qe"),
        KeyVector(source: "dfinity/quill tests identity.pem", algorithm: .ecdsaSecp256k1, key: Keys.quillSecp256k1,
                  principal: "fdsgv-62ihb-nbiqv-xgic5-iefsv-3cscz-tmbzv-63qd5-vh43v-dqfrt-pae"),
        KeyVector(source: "dfinity/quill public-ids --genesis-dfn key", algorithm: .ecdsaSecp256k1, key: Keys.quillGenesisSecp256k1,
                  principal: "5lfph-rgykk-rizf2-kw7bi-52qsm-j44vi-2c7fu-kmpym-ohxe2-upuuw-oae"),
    ]

    @Test("self-authenticating principals of published keys", arguments: keyVectors)
    func selfAuthenticating(_ vector: KeyVector) throws {
        let key = try PublicKey(algorithm: vector.algorithm, rawRepresentation: vector.key)
        let principal = try ICP.selfAuthenticatingPrincipal(publicKey: key)
        #expect(principal.count == 29)
        #expect(principal.last == 0x02)
        #expect(ICP.textual(principal) == vector.principal)
    }

    @Test("the SPKI prefixes are the DER the IC hashes")
    func spki() throws {
        let ed = try ICP.subjectPublicKeyInfo(for: Keys.ed25519(Keys.dfxEd25519))
        #expect(Hex.encode(ed) == "302a300506032b6570032100" + Hex.encode(Keys.dfxEd25519))
        let secp = try ICP.subjectPublicKeyInfo(for: Keys.secp256k1(Keys.quillSecp256k1))
        #expect(Hex.encode(secp.prefix(23)) == "3056301006072a8648ce3d020106052b8104000a034200")
        #expect(Array(secp.dropFirst(23)) == (try Secp256k1.uncompressed(Keys.quillSecp256k1)))
        let xonly = try PublicKey(algorithm: .bip340, rawRepresentation: Array(Keys.quillSecp256k1.dropFirst()))
        expectChainError(.unsupportedAlgorithm, containing: "not bip340") { try ICP.selfAuthenticatingPrincipal(publicKey: xonly) }
    }

    static let bad: [BadCase] = [
        BadCase("2vxsx-fad", "checksum mismatch"),
        BadCase("em77e-bvlzu-ab", "non-canonical base32"),
        BadCase("aaaab-aa", "checksum mismatch"),
        BadCase("2VXSX-FAE", "character 'V' at offset 1 is not base32 or '-' (principals are written in lowercase)"),
        BadCase("2vxsxfae", "expected '-' at offset 5"),
        BadCase("2vxs-xfae", "unexpected '-' at offset 4"),
        BadCase("2vxsx-fae-", "unexpected '-' at offset 9"),
        BadCase("2vxsx-", "ends with '-'"),
        BadCase("2vxsx_fae", "character '_' at offset 5"),
        BadCase("2vxsx-fa1", "character '1' at offset 8"),
        BadCase("aaaaa", "too short"),
        BadCase("aaa", "length 3 is not the length of any byte string"),
        BadCase("", "too short"),
        BadCase("a", "length 1 is not the length of any byte string"),
        BadCase(ICP.textual([UInt8](repeating: 7, count: 30)), "is 30 bytes; at most 29"),
    ]

    @Test("bad textual ids name what is wrong", arguments: bad)
    func rejects(_ vector: BadCase) {
        expectChainError(.invalidAddress, containing: vector.message) { try ICP.parseTextual(vector.input) }
    }
}
