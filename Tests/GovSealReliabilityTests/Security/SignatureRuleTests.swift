import Foundation
import Testing

/// The signature rules end to end: duplicate members, high-S, distinct keys for thresholds,
/// domain separation by type and chain, expiry.
@Suite("Security rules: signatures and thresholds")
struct SignatureRuleTests {
    /// The secp256k1 group order n, big-endian.
    static let groupOrder: [UInt8] = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
        0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
    ]

    /// n − s for 32-byte big-endian s (s < n).
    static func negate(_ s: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for i in stride(from: 31, through: 0, by: -1) {
            var digit = Int(groupOrder[i]) - Int(s[i]) - borrow
            borrow = digit < 0 ? 1 : 0
            if digit < 0 { digit += 256 }
            out[i] = UInt8(digit)
        }
        return out
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
    static func unhex(_ text: some StringProtocol) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    @Test("a duplicate member name is rejected wherever it is, whichever value comes first",
          arguments: ["verify", "status", "export-dsse"], [true, false])
    func duplicateMembers(_ command: String, _ forgedFirst: Bool) throws {
        let workspace = try Workspace(copying: try World.get().template)
        try workspace.mkdir("docs")
        let signed = "\"title\": \"Upgrade 17\""
        let forged = "\"title\": \"Harmless cosmetic update\""
        try workspace.edit("blessing.json", to: "docs/bad.json", replacing: signed + ",",
                           with: (forgedFirst ? [forged, signed] : [signed, forged]).joined(separator: ", ") + ",")
        let arguments = switch command {
        case "verify": ["verify", "docs/bad.json"]
        case "status": ["status", "docs"]
        default: ["export", "dsse", "docs/bad.json"]
        }
        let result = try workspace.govseal(arguments)
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderr.contains("duplicate member name \"title\""), "\(result.summary)")
        #expect(!result.stdout.contains("PASSED") && !result.stdout.contains("payload"), "\(result.stdout)")
    }

    @Test("a high-S ECDSA signature is rejected, never normalised")
    func highS() throws {
        let workspace = try Workspace(copying: try World.get().template)
        let original = try workspace.govseal(["verify", "blessing.json"])
        #expect(original.status == 0, "the unmodified blessing verifies: \(original.summary)")
        let object = try Documents.object(try workspace.read("blessing.json"))
        let signatures = try #require(object["signatures"] as? [[String: Any]])
        let ecdsa = try #require(signatures.first { $0["alg"] as? String == "ecdsa-secp256k1" })
        let sig = try #require(ecdsa["sig"] as? String)
        let flipped = String(sig.prefix(64)) + Self.hex(Self.negate(Self.unhex(sig.dropFirst(64))))
        try workspace.edit("blessing.json", to: "high-s.json", replacing: sig, with: flipped)

        let result = try workspace.govseal(["verify", "high-s.json"])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.stdout.contains("high-S"), "\(result.stdout)")
    }

    @Test("one key listed twice in a document counts once toward the threshold")
    func duplicateSignatureCountsOnce() throws {
        let workspace = try Workspace(copying: try World.get().template)
        let both = try workspace.govseal(["verify", "blessing.json", "--policy", "policy.json"])
        #expect(both.status == 0, "two distinct proposers meet 2-of-2: \(both.summary)")

        let object = try Documents.object(try workspace.read("plain.json"))
        let signatures = try #require(object["signatures"] as? [[String: Any]])
        #expect(signatures.count == 1)
        var doubled = object
        doubled["signatures"] = signatures + signatures
        try workspace.write("doubled.json", Array(try JSONSerialization.data(withJSONObject: doubled, options: [.prettyPrinted])))
        let result = try workspace.govseal(["verify", "doubled.json", "--policy", "policy.json"])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.stdout.contains("1 valid of 2 required"), "\(result.stdout)")
    }

    @Test("a policy listing one secp256k1 key in both its ECDSA and BIP-340 forms is refused")
    func sameSecretTwoAlgorithms() throws {
        let workspace = try Workspace(copying: try World.get().template)
        let shown = try workspace.govseal(["key", "show", "keys/k1.pem", "--alg", "bip340"])
        let xOnly = try #require(shown.stdout.split(separator: "\n").first { $0.hasPrefix("public_key: ") }?.dropFirst(12))
        let policy = try workspace.govseal(["new", "policy", "--name", "both forms", "--expires-days", "30",
                                            "--key", "proposer:ecdsa=keys/k1.pem", "--key", "proposer:schnorr=bip340:\(xOnly)",
                                            "--threshold", "proposer=2", "--out", "p2.json"])
        // One secret key must never meet a 2-of-2 threshold: such a policy is not even written.
        #expect(policy.status == 2, "\(policy.summary)")
        #expect(policy.stderr.contains("the same secp256k1 key"), "\(policy.summary)")
        #expect(!FileManager.default.fileExists(atPath: workspace.url("p2.json")))
    }

    @Test("a signature made for another chain does not verify")
    func otherChain() throws {
        let workspace = try Workspace(copying: try World.get().template)
        try workspace.edit("blessing.json", to: "moved.json", replacing: "\"chain\": \"cosmos:agoric-3\"",
                           with: "\"chain\": \"cosmos:cosmoshub-4\"")
        let result = try workspace.govseal(["verify", "moved.json"])
        #expect(result.status == 1, "\(result.summary)")
        #expect(!result.stdout.contains(": valid"), "no signature may verify: \(result.stdout)")
    }

    @Test("a signature made for another document type does not verify (same body, type changed)")
    func otherType() throws {
        let world = try World.get()
        let workspace = try Workspace(copying: world.template)
        // A body that is both a valid blessing and a valid reveal (unknown members are kept).
        let revealMembers = """
            "proposal": "sha256:\(String(repeating: "ab", count: 32))",
            "source": {"repository": "https://example.org/node", "commit": "\(world.commit)"},
            "rollout_completed": "\(World.rolloutCompleted)", "disclosed": "\(World.disclosed)",
            """
        try workspace.edit("unsigned.json", to: "both.json", replacing: "\"body\": {", with: "\"body\": {" + revealMembers)
        let signed = try workspace.govseal(["sign", "both.json", "--key", "keys/ed.pem"])
        #expect(signed.status == 0, "\(signed.summary)")
        let asBlessing = try workspace.govseal(["verify", "both.json"])
        #expect(asBlessing.status == 0, "the signed union body verifies as the blessing it was signed as: \(asBlessing.summary)")

        try workspace.edit("both.json", to: "as-reveal.json", replacing: "\"type\": \"blessing\"", with: "\"type\": \"reveal\"")
        let asReveal = try workspace.govseal(["verify", "as-reveal.json"])
        #expect(asReveal.status == 1, "\(asReveal.summary)")
        #expect(!asReveal.stdout.contains(": valid"), "the blessing signature must not verify as a reveal: \(asReveal.stdout)")
    }

    @Test("an expired document fails (exit 1) and passes before its expiry")
    func expiredDocument() throws {
        let workspace = try Workspace(copying: try World.get().template)
        let made = try workspace.govseal(AuthoringCases.newBlessing(["--out": "old.json"],
                                                                   ["--created", "2020-01-01T00:00:00Z", "--expires", "2021-01-01T00:00:00Z"]))
        #expect(made.status == 0, "\(made.summary)")
        #expect(try workspace.govseal(["sign", "old.json", "--key", "keys/ed.pem"]).status == 0)
        let now = try workspace.govseal(["verify", "old.json"])
        #expect(now.status == 1, "\(now.summary)")
        #expect(now.stdout.contains("expired at 2021-01-01T00:00:00Z"), "\(now.stdout)")
        let then = try workspace.govseal(["verify", "old.json", "--at", "2020-06-01T00:00:00Z"])
        #expect(then.status == 0, "\(then.summary)")
    }

    @Test("an expired policy fails (exit 1) and passes before its expiry")
    func expiredPolicy() throws {
        let workspace = try Workspace(copying: try World.get().template)
        let made = try workspace.govseal(["new", "policy", "--name", "old", "--expires", "2026-06-01T00:00:00Z",
                                          "--key", "proposer:ed=keys/ed.pem", "--threshold", "proposer=1", "--out", "old-policy.json"])
        #expect(made.status == 0, "\(made.summary)")
        #expect(try workspace.govseal(["sign", "old-policy.json", "--key", "keys/ed.pem"]).status == 0)
        let later = try workspace.govseal(["verify", "plain.json", "--policy", "old-policy.json", "--at", "2026-07-01T00:00:00Z"])
        #expect(later.status == 1, "\(later.summary)")
        #expect(later.stdout.contains("expired at 2026-06-01T00:00:00Z"), "\(later.stdout)")
        let before = try workspace.govseal(["verify", "plain.json", "--policy", "old-policy.json", "--at", "2026-05-01T00:00:00Z"])
        #expect(before.status == 0, "\(before.summary)")
    }
}
