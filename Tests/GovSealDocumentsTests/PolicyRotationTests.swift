import GovSealCrypto
import GovSealDocuments
import GovSealJSON
import Testing

/// Keys and signed policy versions for rotation tests, built from scratch in each test.
struct RotationWorld {
    let keys: [PrivateKey]
    let far = Timestamp(secondsSinceEpoch: 4_000_000_000)
    let past = Timestamp(secondsSinceEpoch: 1_600_000_000)

    init(count: Int = 10) throws {
        keys = try (0..<count).map { _ in try PrivateKey.generate(.ed25519) }
    }

    func pub(_ i: Int) throws -> PublicKey { try keys[i].publicKey(for: .ed25519) }

    /// A policy whose `root` role lists `root` keys with `threshold`; `proposer` keys get their own role.
    func policy(_ version: Int64, root: [Int], threshold: Int, proposer: [Int] = [], name: String = "upgrades",
                expires: Timestamp? = nil) throws -> Policy {
        let all = Array(Set(root + proposer)).sorted()
        var roles: [(name: String, role: Policy.Role)] = [("root", Policy.Role(keyIDs: try root.map { try pub($0).keyID }, threshold: threshold))]
        if !proposer.isEmpty {
            roles.append(("proposer", Policy.Role(keyIDs: try proposer.map { try pub($0).keyID }, threshold: 1)))
        }
        return Policy(name: name, version: version, expires: expires ?? far,
                      keys: try all.map { Policy.Key(publicKey: try pub($0), label: "key \($0)") }, roles: roles)
    }

    /// The policy as a document signed by `signers`, read back as a version (parsed strictly).
    func version(_ policy: Policy, signedBy signers: [Int], file: String? = nil) throws -> PolicyRotation.Version {
        var document = Document(type: .policy, body: policy.json)
        for i in signers { document = try document.signed(by: keys[i]) }
        return try PolicyRotation.Version(file: file ?? "v\(policy.version).json", document: document)
    }
}

/// One of tuf-conformance's `root_rotation_cases`: each version's root keys, threshold and
/// signers, and whether the last version must be accepted.
struct TUFRootRotationCase: Sendable, CustomTestStringConvertible {
    struct MdVersion: Sendable {
        let keys: [Int]
        let threshold: Int
        let sigs: [Int]
        var res = true
    }
    let name: String
    let versions: [MdVersion]
    var testDescription: String { name }
}

/// Policy rotation modelled on theupdateframework/tuf-conformance (https://github.com/theupdateframework/tuf-conformance,
/// Apache-2.0 or MIT). Each case below names the test it models:
/// - `tuf_conformance/test_updater_key_rotations.py` `root_rotation_cases` / `test_root_rotation`: every case,
///   same keys, thresholds, signers and expected outcome (`tufRootRotationCases`).
/// - `tuf_conformance/test_keys.py` `test_duplicate_keys_root` (one key under several keyids counts once) and
///   `test_snapshot_threshold` (a threshold above the number of keys).
/// - `tuf_conformance/test_expiration.py` `test_root_expired` (an expired intermediate root is still rotated through).
/// - `tuf_conformance/test_rollback.py` `test_new_timestamp_version_rollback` (a version not higher than the trusted one is refused).
@Suite("Policy rotation (TUF root rotation)")
struct PolicyRotationTests {
    typealias V = TUFRootRotationCase.MdVersion

    static let tufRootRotationCases: [TUFRootRotationCase] = [
        .init(name: "1-of-1-key-rotation", versions: [
            V(keys: [1], threshold: 1, sigs: [1]), V(keys: [2], threshold: 1, sigs: [2, 1]), V(keys: [2], threshold: 1, sigs: [2])]),
        .init(name: "1-of-1-key-rotation-unused-signatures", versions: [
            V(keys: [1], threshold: 1, sigs: [3, 1, 4]), V(keys: [2], threshold: 1, sigs: [3, 2, 1, 4]), V(keys: [2], threshold: 1, sigs: [3, 2, 4])]),
        .init(name: "3-of-5-sign-with-different-keycombos", versions: [
            V(keys: [0, 1, 2, 3, 4], threshold: 3, sigs: [0, 2, 4]), V(keys: [0, 1, 2, 3, 4], threshold: 3, sigs: [0, 4, 1]),
            V(keys: [0, 1, 2, 3, 4], threshold: 3, sigs: [0, 1, 3]), V(keys: [0, 1, 2, 3, 4], threshold: 3, sigs: [0, 1, 3])]),
        .init(name: "3-of-5-one-key-rotated", versions: [
            V(keys: [0, 1, 2, 3, 4], threshold: 3, sigs: [0, 2, 4]), V(keys: [0, 1, 3, 4, 5], threshold: 3, sigs: [0, 4, 1])]),
        .init(name: "3-of-5-one-key-rotated-with-intermediate-step", versions: [
            V(keys: [0, 1, 2, 3, 4], threshold: 3, sigs: [0, 2, 4]), V(keys: [0, 1, 3, 4, 5], threshold: 3, sigs: [0, 2, 4, 5]),
            V(keys: [0, 1, 3, 4, 5], threshold: 3, sigs: [0, 4, 5])]),
        .init(name: "3-of-5-all-keys-rotated-with-intermediate-step", versions: [
            V(keys: [0, 1, 2, 3, 4], threshold: 3, sigs: [0, 2, 4]), V(keys: [5, 6, 7, 8, 9], threshold: 3, sigs: [0, 2, 4, 5, 6, 7]),
            V(keys: [5, 6, 7, 8, 9], threshold: 3, sigs: [5, 6, 7])]),
        .init(name: "1-of-3-threshold-increase-to-2-of-3", versions: [
            V(keys: [1, 2, 3], threshold: 1, sigs: [1]), V(keys: [1, 2, 3], threshold: 2, sigs: [1, 2])]),
        .init(name: "2-of-3-threshold-decrease-to-1-of-3", versions: [
            V(keys: [1, 2, 3], threshold: 2, sigs: [1, 2]), V(keys: [1, 2, 3], threshold: 1, sigs: [1, 2]), V(keys: [1, 2, 3], threshold: 1, sigs: [1])]),
        .init(name: "1-of-2-threshold-increase-to-2-of-2", versions: [
            V(keys: [1], threshold: 1, sigs: [1]), V(keys: [1, 2], threshold: 2, sigs: [1, 2])]),
        .init(name: "1-of-1-key-rotation-fail-not-signed-with-old-key", versions: [
            V(keys: [1], threshold: 1, sigs: [1]), V(keys: [2], threshold: 1, sigs: [2, 3, 4], res: false)]),
        .init(name: "1-of-1-key-rotation-fail-not-signed-with-new-key", versions: [
            V(keys: [1], threshold: 1, sigs: [1]), V(keys: [2], threshold: 1, sigs: [1, 3, 4], res: false)]),
        .init(name: "3-of-5-one-key-rotate-fails-not-signed-with-3-new-keys", versions: [
            V(keys: [0, 1, 2, 3, 4], threshold: 3, sigs: [0, 2, 4]), V(keys: [0, 1, 3, 4, 5], threshold: 3, sigs: [0, 2, 4], res: false)]),
        .init(name: "3-of-5-one-key-rotate-fails-not-signed-with-3-old-keys", versions: [
            V(keys: [0, 1, 2, 3, 4], threshold: 3, sigs: [0, 2, 4]), V(keys: [0, 1, 3, 4, 5], threshold: 3, sigs: [0, 4, 5], res: false)]),
        .init(name: "1-of-3-threshold-bump-to-2-of-3-fails-new-threshold-not-reached", versions: [
            V(keys: [1, 2, 3], threshold: 1, sigs: [1]), V(keys: [1, 2, 3], threshold: 2, sigs: [2], res: false)]),
        .init(name: "2-of-3-threshold-decr-to-1-of-3-fails-old-threshold-not-eached", versions: [
            V(keys: [1, 2, 3], threshold: 2, sigs: [1, 2]), V(keys: [1, 2, 3], threshold: 1, sigs: [1], res: false)]),
    ]

    /// test_root_rotation: v1 is pinned, the rest are updates; the chain applies every version when the
    /// last is valid, and stops at the one before it otherwise, naming the refused version.
    @Test(arguments: tufRootRotationCases)
    func tufRootRotation(_ c: TUFRootRotationCase) throws {
        let w = try RotationWorld()
        let versions = try c.versions.enumerated().map { i, v in
            try w.version(try w.policy(Int64(i + 1), root: v.keys, threshold: v.threshold), signedBy: v.sigs)
        }
        let rotation = PolicyRotation.apply(pinned: versions[0], updates: Array(versions.dropFirst()))
        let expected = c.versions.last!.res
        #expect(rotation.chain.count == (expected ? versions.count : versions.count - 1))
        #expect(rotation.failures.isEmpty == expected, "\(rotation.failures)")
        #expect(rotation.check.passed == expected)
        if !expected {
            #expect(rotation.failures.first?.contains("v\(versions.count) (v\(versions.count).json) refused") == true)
        }
        // `verify NEW --policy TRUSTED` says the same about the last step.
        let trusted = versions[versions.count - 2].policy, last = versions[versions.count - 1]
        let report = try Verifier.verify(last.document, context: VerificationContext(policy: trusted))
        #expect(report.passed == expected, "\(report.checks)")
    }

    /// test_duplicate_keys_root: one secp256k1 key listed in both its forms cannot make a 2-of-2 root.
    @Test func oneKeyUnderTwoKeyidsOrTwoAlgsCountsOnce() throws {
        let w = try RotationWorld(count: 2)
        let k = try PrivateKey.generate(.secp256k1)
        let ecdsa = try k.publicKey(for: .ecdsaSecp256k1), schnorr = try k.publicKey(for: .bip340)
        let pinned = try w.version(try w.policy(1, root: [0], threshold: 1), signedBy: [0])
        let twoForms = Policy(name: "upgrades", version: 2, expires: w.far,
                              keys: [Policy.Key(publicKey: ecdsa, label: "k"), Policy.Key(publicKey: schnorr, label: "k again")],
                              roles: [("root", Policy.Role(keyIDs: [ecdsa.keyID, schnorr.keyID], threshold: 2))])
        var document = try Document(type: .policy, body: twoForms.json).signed(by: w.keys[0])
        document = try document.signed(by: k, algorithm: .ecdsaSecp256k1).signed(by: k, algorithm: .bip340)
        // Read strictly, such a policy is malformed (bad input, exit 2 in the CLI) ...
        #expect(throws: DocumentError.self) { try PolicyRotation.Version(file: "v2.json", document: document) }
        // ... and even built by hand the key counts once: the new root threshold is not met.
        let checks = PolicyRotation.step(from: pinned.policy, to: twoForms, signatures: document.checkSignatures())
        #expect(checks.first { $0.name == "old root threshold" }?.passed == true)
        let new = try #require(checks.first { $0.name == "new root threshold" })
        #expect(!new.passed)
        #expect(new.detail.contains("1 valid of 2 required"))
    }

    /// The same Ed25519 signature entry twice (one keyid repeated) counts once toward a 2-of-2 root.
    @Test func aRepeatedSignatureCountsOnce() throws {
        let w = try RotationWorld(count: 3)
        let pinned = try w.version(try w.policy(1, root: [0, 1], threshold: 2), signedBy: [0, 1])
        let signed = try Document(type: .policy, body: try w.policy(2, root: [0, 1], threshold: 2).json).signed(by: w.keys[0])
        let doubled = Document(type: .policy, body: signed.body, signatures: signed.signatures + signed.signatures)
        let next = try PolicyRotation.Version(file: "v2.json", document: doubled)
        let rotation = PolicyRotation.apply(pinned: pinned, updates: [next])
        #expect(rotation.applied.version == 1)
        #expect(rotation.failures.first?.contains("1 valid of 2 required") == true)
    }

    /// test_snapshot_threshold (a threshold above the key count) and a threshold of 0: malformed, never a rotation.
    @Test(arguments: [0, 3, -1])
    func thresholdOutsideOneToKeyCountIsMalformed(_ threshold: Int) throws {
        let w = try RotationWorld(count: 2)
        let bad = Policy(name: "upgrades", version: 2, expires: w.far,
                         keys: [Policy.Key(publicKey: try w.pub(0), label: "a"), Policy.Key(publicKey: try w.pub(1), label: "b")],
                         roles: [("root", Policy.Role(keyIDs: [try w.pub(0).keyID, try w.pub(1).keyID], threshold: threshold))])
        let document = try Document(type: .policy, body: bad.json).signed(by: w.keys[0]).signed(by: w.keys[1])
        let error = try #require(throws: DocumentError.self) { try PolicyRotation.Version(file: "v2.json", document: document) }
        #expect(error.path == "body.roles.root.threshold")
    }

    @Test func aSkippedVersionIsAGap() throws {
        let w = try RotationWorld(count: 2)
        let v1 = try w.version(try w.policy(1, root: [0], threshold: 1), signedBy: [0])
        let v3 = try w.version(try w.policy(3, root: [0], threshold: 1), signedBy: [0])
        let rotation = PolicyRotation.apply(pinned: v1, updates: [v3])
        #expect(rotation.applied.version == 1)
        #expect(rotation.failures == ["v2 is missing: v3 (v3.json) cannot follow v1 (a gap)"])
        let step = PolicyRotation.step(from: v1.policy, to: v3.policy, signatures: v3.document.checkSignatures())
        #expect(step.first { $0.name == "rotation version" }?.detail.contains("skips v2") == true)
    }

    /// test_new_timestamp_version_rollback: with v2 trusted, a validly signed v1 (or another v2) is refused.
    @Test func aRollbackOrARepeatedVersionIsRefused() throws {
        let w = try RotationWorld(count: 3)
        let v2 = try w.version(try w.policy(2, root: [0], threshold: 1), signedBy: [0])
        let v1 = try w.version(try w.policy(1, root: [0, 1], threshold: 1), signedBy: [0, 1])
        let other2 = try w.version(try w.policy(2, root: [0, 2], threshold: 1, proposer: [2]), signedBy: [0, 2], file: "v2b.json")
        let rotation = PolicyRotation.apply(pinned: v2, updates: [v1, other2])
        #expect(rotation.applied.version == 2)
        #expect(rotation.failures.count == 2)
        #expect(rotation.failures.allSatisfy { $0.contains("rollback") })
        for lower in [v1, other2] {
            let report = try Verifier.verify(lower.document, context: VerificationContext(policy: v2.policy))
            #expect(!report.passed)
            #expect(report.checks.first { $0.name == "rotation version" }?.passed == false)
        }
        // The pinned file itself (or a copy of it) in the updates folder is not a rollback.
        let same = PolicyRotation.apply(pinned: v2, updates: [v2])
        #expect(same.failures.isEmpty)
    }

    @Test func twoCandidatesForOneVersionStopTheChain() throws {
        let w = try RotationWorld(count: 3)
        let v1 = try w.version(try w.policy(1, root: [0], threshold: 1), signedBy: [0])
        let a = try w.version(try w.policy(2, root: [0, 1], threshold: 1), signedBy: [0, 1], file: "a.json")
        let b = try w.version(try w.policy(2, root: [0, 2], threshold: 1), signedBy: [0, 2], file: "b.json")
        let v3 = try w.version(try w.policy(3, root: [0, 1], threshold: 1), signedBy: [0, 1])
        let rotation = PolicyRotation.apply(pinned: v1, updates: [a, b, v3])
        #expect(rotation.applied.version == 1)
        #expect(rotation.failures == ["two candidates for v2: a.json, b.json; not applied: v3"])
    }

    /// test_root_expired: an expired intermediate version is rotated through; only the applied one's expiry counts.
    @Test func anExpiredIntermediateIsAllowedAndAnExpiredFinalVersionFails() throws {
        let w = try RotationWorld(count: 3)
        let v1 = try w.version(try w.policy(1, root: [0], threshold: 1, proposer: [2], expires: w.past), signedBy: [0])
        let v2 = try w.version(try w.policy(2, root: [1], threshold: 1, proposer: [2], expires: w.past), signedBy: [0, 1])
        let v3 = try w.version(try w.policy(3, root: [1], threshold: 1, proposer: [2]), signedBy: [1])
        let blessing = try Fixtures.blessing().signed(by: w.keys[2])

        let full = PolicyRotation.apply(pinned: v1, updates: [v2, v3])
        #expect(full.chainText == "v1 → v2 → v3")
        #expect(full.failures.isEmpty)
        let passed = try Verifier.verify(blessing, context: VerificationContext(rotation: full))
        #expect(passed.passed, "\(passed.checks)")
        #expect(passed.checks.contains { $0.name == "policy rotation" && $0.detail.contains("v3 applied (v1 → v2 → v3)") })

        let stopped = PolicyRotation.apply(pinned: v1, updates: [v2])
        #expect(stopped.failures.isEmpty)
        #expect(stopped.applied.version == 2)
        let expired = try Verifier.verify(blessing, context: VerificationContext(rotation: stopped))
        #expect(!expired.passed)
        #expect(expired.checks.first { $0.name == "policy" }?.detail.contains("v2 expired at") == true)
    }

    /// Revoking a key is rotating it out: a blessing signed only by the removed proposer key fails.
    @Test func aRotationThatRemovesTheProposerKey() throws {
        let w = try RotationWorld(count: 4)
        let v1 = try w.version(try w.policy(1, root: [0], threshold: 1, proposer: [2, 3]), signedBy: [0])
        let v2 = try w.version(try w.policy(2, root: [0], threshold: 1, proposer: [3]), signedBy: [0])
        let byRemoved = try Fixtures.blessing().signed(by: w.keys[2])
        let byKept = try Fixtures.blessing().signed(by: w.keys[3])
        let before = PolicyRotation.apply(pinned: v1, updates: [])
        #expect(try Verifier.verify(byRemoved, context: VerificationContext(rotation: before)).passed)
        let after = PolicyRotation.apply(pinned: v1, updates: [v2])
        #expect(after.applied.version == 2)
        let report = try Verifier.verify(byRemoved, context: VerificationContext(rotation: after))
        #expect(!report.passed)
        #expect(report.checks.first { $0.name == "threshold" }?.passed == false)
        #expect(try Verifier.verify(byKept, context: VerificationContext(rotation: after)).passed)
    }

    /// An outsider who lists only their own key as root and signs the next version gains nothing.
    @Test func anOutsiderSignedNewPolicyFails() throws {
        let w = try RotationWorld(count: 3)
        let v1 = try w.version(try w.policy(1, root: [0], threshold: 1, proposer: [0]), signedBy: [0])
        let forged = try w.version(try w.policy(2, root: [1], threshold: 1, proposer: [1]), signedBy: [1])
        let rotation = PolicyRotation.apply(pinned: v1, updates: [forged])
        #expect(rotation.applied.version == 1)
        #expect(rotation.failures.first?.contains("old root threshold: v1: 0 valid of 1 required") == true)
        let report = try Verifier.verify(forged.document, context: VerificationContext(policy: v1.policy))
        #expect(!report.passed)
        // Without a pinned policy it is only self-consistent, and says nothing pins it.
        let alone = try Verifier.verify(forged.document, context: VerificationContext())
        #expect(alone.passed)
        #expect(alone.warnings.contains { $0.contains("no pinned policy") })
    }

    @Test func aPolicyWithARootRoleMustMeetItsOwnThreshold() throws {
        let w = try RotationWorld(count: 3)
        let unsigned = try w.version(try w.policy(1, root: [0, 1], threshold: 2), signedBy: [0, 2])
        let report = try Verifier.verify(unsigned.document, context: VerificationContext())
        #expect(!report.passed)
        #expect(report.checks.first { $0.name == "root threshold" }?.detail.contains("1 valid of 2 required") == true)
        let rotation = PolicyRotation.apply(pinned: unsigned, updates: [])
        #expect(rotation.failures.first?.contains("not signed by its own root threshold") == true)
    }

    @Test func anotherPolicysVersionOrAnInvalidSignatureIsRefused() throws {
        let w = try RotationWorld(count: 2)
        let v1 = try w.version(try w.policy(1, root: [0], threshold: 1), signedBy: [0])
        let renamed = try w.version(try w.policy(2, root: [0], threshold: 1, name: "another policy"), signedBy: [0])
        #expect(PolicyRotation.apply(pinned: v1, updates: [renamed]).failures.first?.contains("rotation name") == true)
        let good = try w.version(try w.policy(2, root: [0], threshold: 1), signedBy: [0])
        var signatures = good.document.signatures
        signatures.append(SignatureEntry(publicKey: try w.pub(1), signature: [UInt8](repeating: 7, count: 64)))
        let tampered = try PolicyRotation.Version(file: "v2.json",
                                                  document: Document(type: .policy, body: good.document.body, signatures: signatures))
        #expect(PolicyRotation.apply(pinned: v1, updates: [tampered]).failures.first?.contains("invalid signature #2") == true)
    }

    /// Keeping a policy over years: add a key, retire one, recover from a lost key with the remaining threshold.
    @Test func aFoundationKeepsItsPolicyOverYears() throws {
        let w = try RotationWorld(count: 5)
        let v1 = try w.version(try w.policy(1, root: [0, 1], threshold: 1), signedBy: [0])
        let v2 = try w.version(try w.policy(2, root: [0, 1, 2], threshold: 2), signedBy: [0, 1])       // add key 2, 2-of-3
        let v3 = try w.version(try w.policy(3, root: [1, 2, 3], threshold: 2), signedBy: [1, 2, 3])    // retire 0, add 3
        let v4 = try w.version(try w.policy(4, root: [1, 3, 4], threshold: 2), signedBy: [1, 3, 4])    // key 2 lost: 1 and 3 suffice
        let rotation = PolicyRotation.apply(pinned: v1, updates: [v4, v2, v3])
        #expect(rotation.failures.isEmpty, "\(rotation.failures)")
        #expect(rotation.chainText == "v1 → v2 → v3 → v4")
        // The retired key 0 alone can no longer sign a v5.
        let v5 = try w.version(try w.policy(5, root: [0], threshold: 1), signedBy: [0])
        #expect(PolicyRotation.apply(pinned: v1, updates: [v2, v3, v4, v5]).applied.version == 4)
    }
}
