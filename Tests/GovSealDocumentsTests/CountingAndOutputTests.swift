import Foundation
import GovSealCrypto
import GovSealDocuments
import GovSealJSON
import Testing

/// Thresholds count distinct keys (curve + public key bytes) in one pass, however many signatures.
@Suite("Counting distinct keys")
struct DistinctKeyCountingTests {
    /// The signature checks of one document signed by every key in `keys` (with its alg).
    func checks(_ keys: [(PrivateKey, SignatureAlgorithm)]) throws -> [SignatureCheck] {
        var document = try Fixtures.blessing()
        for (key, alg) in keys { document = try document.signed(by: key, algorithm: alg) }
        return document.checkSignatures()
    }

    func policy(rebuilders: [PublicKey], threshold: Int) -> Policy {
        Policy(name: "p", version: 1, expires: Timestamp(secondsSinceEpoch: 4_000_000_000),
               keys: rebuilders.map { Policy.Key(publicKey: $0, label: "k") },
               roles: [("rebuilder", Policy.Role(keyIDs: rebuilders.map(\.keyID), threshold: threshold))])
    }

    @Test func manySignersAreEachCountedOnce() throws {
        let secrets = try (0..<600).map { _ in try PrivateKey.generate(.ed25519) }
        let outsiders = try (0..<100).map { _ in try PrivateKey.generate(.ed25519) }
        let p = policy(rebuilders: try secrets.map { try $0.publicKey(for: .ed25519) }, threshold: 600)
        let signed = try checks(secrets.map { ($0, .ed25519) })
        let outside = try checks(outsiders.map { ($0, .ed25519) })
        // Every key valid in two documents (as across attestations), outsiders twice too.
        let all = signed + signed + outside + outside
        #expect(all.allSatisfy { $0.isValid })
        let result = try #require(p.evaluate(role: "rebuilder", signatures: all))
        #expect(result.counted.count == 600)
        #expect(Set(result.counted).count == 600)
        #expect(result.outsideRole.count == 100)
        #expect(result.met)
        let short = try #require(p.evaluate(role: "rebuilder", signatures: Array(signed.prefix(599)) + signed.prefix(599) + outside))
        #expect(!short.met)
        #expect(short.counted.count == 599)
    }

    @Test func oneSecp256k1KeyInBothFormsCountsOnce() throws {
        let secret = try PrivateKey.generate(.secp256k1)
        let ecdsa = try secret.publicKey(for: .ecdsaSecp256k1), schnorr = try secret.publicKey(for: .bip340)
        let other = try PrivateKey.generate(.ed25519).publicKey(for: .ed25519)
        // A hand-built policy (Policy(body:) refuses both forms of one key): the count still holds.
        let p = policy(rebuilders: [ecdsa, schnorr, other], threshold: 2)
        let both = try checks([(secret, .ecdsaSecp256k1), (secret, .bip340)])
        #expect(both[0].isValid)
        #expect(both[1].status == .duplicate(ofIndex: 0))  // one signer under two algs
        let result = try #require(p.evaluate(role: "rebuilder", signatures: both))
        #expect(result.counted.count == 1)
        #expect(!result.met)
    }

    @Test func aLargePolicyParsesAndFindsEveryKey() throws {
        let keys = try (0..<2000).map { _ in try PrivateKey.generate(.ed25519).publicKey(for: .ed25519) }
        let parsed = try Policy(body: policy(rebuilders: keys, threshold: 1000).json)
        #expect(keys.allSatisfy { parsed.key($0.keyID) != nil })
        #expect(parsed.role("rebuilder")?.contains(keys[1999].keyID) == true)
        #expect(parsed.role("rebuilder")?.contains(String(repeating: "0", count: 64)) == false)
    }
}

/// A reveal checked with a policy that has no `rebuilder` role says so; it never passes silently.
@Suite("Reveals without rebuild evidence")
struct NoRebuildEvidenceTests {
    func revealAndBlessing() throws -> (reveal: Document, blessing: Document, proposer: PublicKey) {
        let key = try PrivateKey.generate(.ed25519)
        let blessing = try Fixtures.blessing().signed(by: key)
        let b = try Blessing(body: blessing.body)
        let reveal = try Document(type: .reveal, body: Reveal(
            proposal: blessing.proposalID, chain: b.chain, source: b.source,
            rolloutCompleted: try Timestamp(parsing: "2026-01-07T18:00:00Z"),
            disclosed: try Timestamp(parsing: "2026-02-01T00:00:00Z")).json).signed(by: key)
        return (reveal, blessing, try key.publicKey(for: .ed25519))
    }

    @Test func aPolicyWithoutARebuilderRoleIsNamedInItsOwnCheckLine() throws {
        let (reveal, blessing, proposer) = try revealAndBlessing()
        let policy = Policy(name: "proposers only", version: 3, expires: Timestamp(secondsSinceEpoch: 4_000_000_000),
                            keys: [Policy.Key(publicKey: proposer, label: "f")],
                            roles: [("proposer", Policy.Role(keyIDs: [proposer.keyID], threshold: 1))])
        let report = try Verifier.verify(reveal, context: VerificationContext(policy: try Policy(body: policy.json), proposal: blessing))
        let line = try #require(report.checks.first { $0.name == "rebuilders" })
        #expect(line.detail.contains("'proposers only' v3 has no 'rebuilder' role"))
        #expect(line.detail.contains("no rebuild evidence was checked"))
        #expect(report.lines.contains { $0.contains("rebuilders: not required") })
    }

    @Test func withoutAPolicyTheLineIsThereToo() throws {
        let (reveal, blessing, _) = try revealAndBlessing()
        let report = try Verifier.verify(reveal, context: VerificationContext(proposal: blessing))
        #expect(report.checks.first { $0.name == "rebuilders" }?.detail.contains("no rebuild evidence") == true)
    }

    @Test func aPinnedPolicyIsNeverAppliedToAPolicy() throws {
        let key = try PrivateKey.generate(.ed25519)
        let pub = try key.publicKey(for: .ed25519)
        let pinned = Policy(name: "pinned", version: 1, expires: Timestamp(secondsSinceEpoch: 4_000_000_000),
                            keys: [Policy.Key(publicKey: pub, label: "root")],
                            roles: [("root", Policy.Role(keyIDs: [pub.keyID], threshold: 1))])
        let attacker = try PrivateKey.generate(.ed25519)
        let next = Policy(name: "pinned", version: 2, expires: Timestamp(secondsSinceEpoch: 4_000_000_000),
                          keys: [Policy.Key(publicKey: try attacker.publicKey(for: .ed25519), label: "root")],
                          roles: [("root", Policy.Role(keyIDs: [try attacker.publicKey(for: .ed25519).keyID], threshold: 1))])
        let document = try Document(type: .policy, body: next.json).signed(by: attacker)
        let report = try Verifier.verify(document, context: VerificationContext(policy: pinned))
        #expect(!report.checks.contains { $0.name == "threshold" || ($0.name == "policy" && $0.passed) })
        // Red team: another policy under a pinned one is a failed check, never a pass (`status --policy`).
        #expect(report.checks.contains { $0.name == "policy" && !$0.passed && $0.detail.contains("rotation is not supported yet") })
        #expect(!report.passed)
        // The pinned policy itself is not "another" policy.
        let own = try Document(type: .policy, body: pinned.json).signed(by: key)
        #expect(try Verifier.verify(own, context: VerificationContext(policy: pinned)).passed)
    }
}

/// Every human-readable line escapes control characters taken from documents.
@Suite("Terminal-safe text")
struct TerminalTextTests {
    @Test(arguments: [
        ("plain title é ü 漢", "plain title é ü 漢"),
        ("\u{1B}[2K\r[ok] PASSED", "\\u{1B}[2K\\r[ok] PASSED"),
        ("a\nb\tc", "a\\nb\\tc"),
        ("x\u{08}\u{08}\u{07}\u{7F}", "x\\u{08}\\u{08}\\u{07}\\u{7F}"),
        ("\u{0}\u{9B}31m", "\\u{00}\\u{9B}31m"),
        ("abc\u{202E}fdp.exe\u{2066}\u{2069}\u{200F}", "abc\\u{202E}fdp.exe\\u{2066}\\u{2069}\\u{200F}"),
        ("line\u{2028}sep", "line\\u{2028}sep"),
        ("back\\slash \\u{1B} kept", "back\\slash \\u{1B} kept"),
    ])
    func escapes(_ raw: String, _ shown: String) {
        #expect(TerminalText.escape(raw) == shown)
        #expect(TerminalText.escape(TerminalText.escape(raw)) == shown)  // idempotent
        #expect(!TerminalText.escape(raw).unicodeScalars.contains(where: TerminalText.needsEscape))
    }

    @Test func reportLinesCarryNoControlCharacterFromTheDocument() throws {
        let hostile = "\u{1B}[2K\r[ok] PASSED\n  PASSED\u{08}\u{202E}"
        let quoted = String(decoding: JSONWriter.compact(.string(hostile)), as: UTF8.self)
        let body = Fixtures.blessingBody().replacingOccurrences(of: "\"Upgrade 17\"", with: quoted)
        let document = try Fixtures.parse(Fixtures.document(body: body))
        let report = try Verifier.verify(document, file: "evil\r.json", context: VerificationContext())
        #expect(!report.passed)
        for line in report.lines {
            #expect(!line.unicodeScalars.contains(where: TerminalText.needsEscape), "\(line.debugDescription)")
        }
        #expect(report.lines.first?.contains("\\u{1B}[2K\\r[ok] PASSED\\n  PASSED") == true)
        #expect(report.lines.last == "  FAILED")
        // The JSON report keeps the exact text.
        #expect(report.json.objectValue?["title"]?.stringValue == hostile)
    }
}
