import Foundation
import Testing

/// Self-nominations through the binary (issue 5): made with each kind of validator key, verified,
/// and each kind of bad nomination rejected with the contract's exit code.
@Suite("Nominations end to end")
struct NominationCommandTests {
    func run(_ s: CLIScratchFolder, _ arguments: [String]) throws -> CLIResult { try CLIRunner.run(arguments, in: s.path) }

    @Test(arguments: [
        ("cosmos:cosmoshub-4", "ecdsa-secp256k1", "pem", "cosmosvaloper1"),
        ("cosmos:agoric-3", "ed25519", "cometbft", "agoricvalcons1"),
        ("cosmos:osmosis-1", "ecdsa-secp256k1", "pem", "osmovaloper1"),
        ("near:mainnet", "ed25519", "near", ""),
        ("icp:mainnet", "ed25519", "pem", ""),
        ("eip155:1", "ecdsa-secp256k1", "pem", "0x"),
    ])
    func nominateAndVerify(_ chain: String, _ alg: String, _ format: String, _ prefix: String) throws {
        let s = try CLIScratchFolder()
        var r = try run(s, ["keygen", "--alg", alg, "--format", format, "--out", "validator.key"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try run(s, ["nominate", "--chain", chain, "--key", "validator.key", "--group", "security",
                        "--contact", "matrix=@ops:example.org", "--out", "n.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("validator \(prefix)"))
        r = try run(s, ["verify", "n.json"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("[ok] validator signature"))
        #expect(r.stdout.contains("[ok] validator address"))
        // key show --chain derives the same address.
        let shown = try run(s, ["key", "show", "validator.key", "--chain", chain])
        let address = try #require(r.stdout.split(separator: "\n").first { $0.contains("[ok] validator address") })
            .split(separator: " ").dropFirst(3).first.map(String.init)
        #expect(shown.stdout.contains(try #require(address)))
    }

    /// Rewrites a signed nomination's body member and re-signs with the same key, so only the
    /// address rule can fail.
    func tampered(_ s: CLIScratchFolder, chain: String, alg: String, edit: (inout [String: Any]) -> Void) throws -> CLIResult {
        _ = try run(s, ["keygen", "--alg", alg, "--out", "v.pem"])
        _ = try run(s, ["nominate", "--chain", chain, "--key", "v.pem", "--group", "g", "--contact", "email=a@b.c", "--out", "n.json"])
        let path = s.path + "/n.json"
        var document = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var body = try #require(document["body"] as? [String: Any])
        edit(&body)
        document["body"] = body
        document["signatures"] = []
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        _ = try run(s, ["sign", "n.json", "--key", "v.pem", "--alg", alg])
        return try run(s, ["verify", "n.json"])
    }

    /// A cosmos operator nomination, re-signed after `change` rewrote its stated address.
    func withAddress(_ change: @escaping (String) -> String) throws -> CLIResult {
        let s = try CLIScratchFolder()
        return try tampered(s, chain: "cosmos:cosmoshub-4", alg: "ecdsa-secp256k1") { body in
            var v = body["validator"] as! [String: Any]
            v["address"] = change(v["address"] as! String)
            body["validator"] = v
        }
    }

    @Test func anAddressThatDoesNotMatchTheKeyShowsBoth() throws {
        let r = try withAddress { _ in "cosmosvaloper1jhq436vwnxxzfqrvenk00ycnrpdzs8kdl6wv0l" }  // valid, but another key's
        #expect(r.status == 1)
        #expect(r.stdout.contains("[FAIL] validator address: stated cosmosvaloper1jhq436"))
        #expect(r.stdout.contains("derived cosmosvaloper1"))
    }

    /// A stated address that is not a well-formed bech32 string is malformed input (exit 2),
    /// not merely a failed check.
    @Test func anAddressWithABadChecksumIsMalformed() throws {
        let r = try withAddress { address in String(address.dropLast()) + (address.hasSuffix("q") ? "p" : "q") }
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1)
        #expect(r.stderr.contains("body.validator.address"))
        #expect(r.stderr.contains("checksum"))
    }

    @Test func aKeyOfTheWrongAlgorithmForTheChainFails() throws {
        let s = try CLIScratchFolder()
        _ = try run(s, ["keygen", "--alg", "ecdsa-secp256k1", "--out", "v.pem"])
        let r = try run(s, ["nominate", "--chain", "near:mainnet", "--key", "v.pem", "--group", "g",
                            "--contact", "email=a@b.c", "--out", "n.json"])
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1)
        #expect(r.stderr.contains("ed25519"))
        #expect(!FileManager.default.fileExists(atPath: s.path + "/n.json"))
    }

    @Test func anUnknownChainNamespaceFails() throws {
        let s = try CLIScratchFolder()
        _ = try run(s, ["keygen", "--alg", "ed25519", "--out", "v.pem"])
        let r = try run(s, ["nominate", "--chain", "polkadot:91b171bb158e2d3848fa23a9f1c25182", "--key", "v.pem",
                            "--group", "g", "--contact", "email=a@b.c", "--out", "n.json"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("polkadot"))
    }

    @Test func anUnknownContactKindFails() throws {
        let s = try CLIScratchFolder()
        _ = try run(s, ["keygen", "--alg", "ed25519", "--out", "v.pem"])
        let r = try run(s, ["nominate", "--chain", "near:mainnet", "--key", "v.pem", "--group", "g",
                            "--contact", "pager=123", "--out", "n.json"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown contact kind 'pager'"))
    }
}
