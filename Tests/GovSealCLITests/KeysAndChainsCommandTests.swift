import Foundation
import GovSealCrypto
import GovSealEncoding
import GovSealJSON
import Testing

/// Issue 12, "Signatures and keys" and "Chains", through the binary: each hostile input is built
/// from scratch here.
@Suite("Small-order keys and chain address rules end to end")
struct KeysAndChainsCommandTests {
    func run(_ s: CLIScratchFolder, _ arguments: [String]) throws -> CLIResult { try CLIRunner.run(arguments, in: s.path) }

    // MARK: - Ed25519 keys of small order

    /// The identity point in its canonical encoding and as y = p + 1: two "distinct" keys.
    static let identity = "01" + String(repeating: "00", count: 31)
    static let identityPPlus1 = "ee" + String(repeating: "ff", count: 30) + "7f"
    /// R = identity, S = 0: [S]B = R + [k]A holds for every message when A is the identity.
    static let forgedSignature = "01" + String(repeating: "00", count: 63)

    static func keyID(_ keyHex: String) throws -> String {
        Hex.encode(Digest.sha256(Array("ed25519".utf8) + [0] + (try Hex.decode(keyHex))))
    }

    static let blessingBody = """
        {"chain": "cosmos:agoric-3", "title": "Upgrade 17", "summary": "Fixes a bug", "proposer": "Example Foundation",
         "release": {"version": "v17.0.1",
                     "source": {"repository": "https://example.org/node.git", "commit": "0123456789abcdef0123456789abcdef01234567"},
                     "artifacts": [{"name": "node-linux-amd64", "size": 1024, "digests": {"sha256": "\(String(repeating: "ab", count: 32))"}}]},
         "created": "2026-01-05T12:00:00Z"}
        """

    static func signatureEntry(_ keyHex: String) throws -> String {
        #"{"keyid": "\#(try keyID(keyHex))", "alg": "ed25519", "public_key": "\#(keyHex)", "sig": "\#(forgedSignature)"}"#
    }

    @Test("a 2-of-2 threshold met by two small-order keys and forged signatures: OpenSSL accepts them, govseal refuses (exit 2)")
    func smallOrderThreshold() throws {
        let s = try CLIScratchFolder()
        let keys = [Self.identity, Self.identityPPlus1]
        // The forgery is real: OpenSSL verifies R = identity, S = 0 over this document's M for both keys.
        let body = try JSONReader.parse(Self.blessingBody)
        let payload = CanonicalJSON.encode(body)
        let payloadType = "application/vnd.govseal.blessing.v1+json"
        let message = Array("DSSEv1 \(payloadType.utf8.count) \(payloadType) \(payload.count) ".utf8) + payload
        try s.file("m.bin", message)
        try s.file("sig.bin", try Hex.decode(Self.forgedSignature))
        for (index, key) in keys.enumerated() {
            try s.file("key\(index).der", try Hex.decode("302a300506032b6570032100" + key))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl", "pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-inkey", "key\(index).der",
                                 "-rawin", "-in", "m.bin", "-sigfile", "sig.bin"]
            process.currentDirectoryURL = URL(fileURLWithPath: s.path)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "OpenSSL accepts the forged signature for key \(index)")
        }

        let signatures = "[" + (try keys.map(Self.signatureEntry).joined(separator: ", ")) + "]"
        try s.file("blessing.json", Array(#"{"govseal": 1, "type": "blessing", "body": \#(Self.blessingBody), "signatures": \#(signatures)}"#.utf8))
        let keyMembers = try keys.enumerated().map { index, key in
            #""\#(try Self.keyID(key))": {"alg": "ed25519", "public_key": "\#(key)", "label": "signer \#(index)"}"#
        }.joined(separator: ", ")
        let keyIDs = try keys.map { "\"\(try Self.keyID($0))\"" }.joined(separator: ", ")
        let policyBody = #"{"name": "agoric", "version": 1, "expires": "2099-01-01T00:00:00Z", "keys": {\#(keyMembers)}, "#
            + #""roles": {"proposer": {"keyids": [\#(keyIDs)], "threshold": 2}}}"#
        try s.file("policy.json", Array(#"{"govseal": 1, "type": "policy", "body": \#(policyBody), "signatures": []}"#.utf8))

        let blessing = try run(s, ["verify", "blessing.json"])
        #expect(blessing.status == 2)
        #expect(!blessing.crashed)
        #expect(blessing.stderrLines.count == 1)
        #expect(blessing.stderr.contains("blessing.json"))
        #expect(blessing.stderr.contains("signatures[0].public_key"))
        #expect(blessing.stderr.contains("small order"))
        #expect(!blessing.stdout.contains("PASSED"))

        let withPolicy = try run(s, ["verify", "blessing.json", "--policy", "policy.json"])
        #expect(withPolicy.status == 2)
        #expect(withPolicy.stderr.contains("small order"))
        #expect(!withPolicy.stdout.contains("PASSED"))

        let policy = try run(s, ["verify", "policy.json"])
        #expect(policy.status == 2)
        #expect(policy.stderr.contains("body.keys[\"\(try Self.keyID(keys[0]))\"].public_key"))
        #expect(policy.stderr.contains("small order"))
    }

    @Test("a nomination naming a small-order validator key is malformed at body.validator.public_key")
    func smallOrderNomination() throws {
        let s = try CLIScratchFolder()
        let key = Self.identity
        let body = #"{"chain": "near:mainnet", "group": "security", "validator": {"address": "\#(key)", "alg": "ed25519", "public_key": "\#(key)"}, "#
            + #""contact": {"email": "a@example.org"}, "created": "2026-01-05T12:00:00Z"}"#
        try s.file("n.json", Array(#"{"govseal": 1, "type": "nomination", "body": \#(body), "signatures": []}"#.utf8))
        let r = try run(s, ["verify", "n.json"])
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1)
        #expect(r.stderr.contains("n.json"))
        #expect(r.stderr.contains("body.validator.public_key"))
        #expect(r.stderr.contains("small order"))
    }

    @Test("key files and ALG:HEX keys of small order are refused (exit 2)", arguments: [identity, identityPPlus1,
        "0000000000000000000000000000000000000000000000000000000000000080"])
    func smallOrderKeyFiles(_ key: String) throws {
        let s = try CLIScratchFolder()
        let spki = try Hex.decode("302a300506032b6570032100" + key)
        let pem = "-----BEGIN PUBLIC KEY-----\n\(Base64.encode(spki))\n-----END PUBLIC KEY-----\n"
        try s.file("small.pub.pem", Array(pem.utf8))
        let shown = try run(s, ["key", "show", "small.pub.pem", "--chain", "near:mainnet"])
        #expect(shown.status == 2)
        #expect(shown.stderrLines.count == 1)
        #expect(shown.stderr.contains("small order"))
        #expect(!shown.stdout.contains(key))
    }

    // MARK: - ethsecp256k1 chains

    /// InjectiveLabs/injective-ts `packages/sdk-ts/src/core/accounts/PublicKey.spec.ts` (see
    /// Tests/GovSealChainsTests/Fixtures/SOURCES.md).
    static let injectiveSecret = "f9db9bf330e23cb7839039e944adef6e9df447b90b503d5b4464c90bea9022f3"
    static let injectiveAccount = "inj1hkhdaj2a2clmq5jq6mspsggqs32vynpk228q3r"

    static func injectiveOperator() throws -> String {
        try Bech32.encode(hrp: "injvaloper", data: Bech32.decode(injectiveAccount).data, variant: .bech32)
    }

    @Test("key show, nominate and verify on injective-1 give the Ethereum-rule addresses")
    func injective() throws {
        let s = try CLIScratchFolder()
        try s.file("inj.hex", Array((Self.injectiveSecret + "\n").utf8))
        let shown = try run(s, ["key", "show", "inj.hex", "--alg", "ecdsa-secp256k1", "--chain", "cosmos:injective-1"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("cosmos:injective-1 account: \(Self.injectiveAccount)\n"))
        #expect(shown.stdout.contains("cosmos:injective-1 operator: \(try Self.injectiveOperator())\n"))

        var r = try run(s, ["nominate", "--chain", "cosmos:injective-1", "--key", "inj.hex", "--alg", "ecdsa-secp256k1",
                            "--group", "security", "--contact", "email=ops@example.org", "--out", "n.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("validator \(try Self.injectiveOperator())"))
        r = try run(s, ["verify", "n.json"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("[ok] validator address"))
    }

    /// The attack: the address every earlier govseal derived for an injective-1 key (RIPEMD160 of
    /// SHA-256, the Cosmos SDK rule), which no Injective key controls, stated and re-signed.
    @Test("a nomination stating the Cosmos-rule injvaloper address of an Injective key fails (exit 1)")
    func wrongInjectiveOperator() throws {
        let s = try CLIScratchFolder()
        try s.file("inj.hex", Array((Self.injectiveSecret + "\n").utf8))
        let publicKey = try Secp256k1.publicKey(secretKey: Hex.decode(Self.injectiveSecret))
        let cosmosRule = try Bech32.encode(hrp: "injvaloper", data: Digest.ripemd160(Digest.sha256(publicKey)), variant: .bech32)
        #expect(cosmosRule != (try Self.injectiveOperator()))
        let body = #"{"chain": "cosmos:injective-1", "group": "security", "validator": {"address": "\#(cosmosRule)", "#
            + #""alg": "ecdsa-secp256k1", "public_key": "\#(Hex.encode(publicKey))"}, "contact": {"email": "ops@example.org"}, "#
            + #""created": "2026-01-05T12:00:00Z"}"#
        try s.file("n.json", Array(#"{"govseal": 1, "type": "nomination", "body": \#(body), "signatures": []}"#.utf8))
        var r = try run(s, ["sign", "n.json", "--key", "inj.hex", "--alg", "ecdsa-secp256k1"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try run(s, ["verify", "n.json"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("[ok] validator signature"))
        #expect(r.stdout.contains("[FAIL] validator address: stated \(cosmosRule), derived \(try Self.injectiveOperator())"))
        #expect(!r.stdout.contains("PASSED"))
    }

    // MARK: - secp256k1 consensus keys

    @Test("a secp256k1 priv_validator_key.json is a consensus key: key show and nominate give its valcons address")
    func secp256k1ConsensusKey() throws {
        let s = try CLIScratchFolder()
        var r = try run(s, ["keygen", "--alg", "ecdsa-secp256k1", "--format", "cometbft", "--out", "priv_validator_key.json"])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: s.path + "/priv_validator_key.json")))
            as? [String: Any])
        // CometBFT's own address of the key, as the file stores it (RIPEMD160(SHA256(key)), upper-case hex).
        let cometAddress = try #require(file["address"] as? String)
        let valcons = try Bech32.encode(hrp: "cosmosvalcons", data: Hex.decode(cometAddress.lowercased()), variant: .bech32)

        r = try run(s, ["key", "show", "priv_validator_key.json", "--alg", "ecdsa-secp256k1", "--chain", "cosmos:cosmoshub-4"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("cosmos:cosmoshub-4 consensus: \(valcons)\n"))
        #expect(!r.stdout.contains("valoper"))
        #expect(!r.stdout.contains("cosmos:cosmoshub-4 account"))

        r = try run(s, ["nominate", "--chain", "cosmos:cosmoshub-4", "--key", "priv_validator_key.json", "--group", "security",
                        "--contact", "matrix=@ops:example.org", "--out", "n.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("validator \(valcons) (ecdsa-secp256k1)"))
        r = try run(s, ["verify", "n.json"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("[ok] validator address: \(valcons) (consensus)"))
    }
}
