import GovSealCrypto
import GovSealDocuments
import Testing

@Suite("Embargo timeline")
struct TimelineTests {
    static let rollout = "2026-01-07T18:00:00Z"

    /// A signed blessing with a 10-day quiet period and a reveal disclosed at `disclosed`.
    func verdict(disclosed: String, rollout: String = rollout) throws -> [Check] {
        let key = try PrivateKey.generate(.ed25519)
        let blessing = try Fixtures.blessing().signed(by: key)
        let b = try Blessing(body: blessing.body)
        let reveal = Reveal(proposal: blessing.proposalID, chain: b.chain, source: b.source,
                            rolloutCompleted: try Timestamp(parsing: rollout), disclosed: try Timestamp(parsing: disclosed))
        let document = try Document(type: .reveal, body: reveal.json).signed(by: key)
        return try Verifier.verify(document, context: VerificationContext(proposal: blessing)).checks
    }

    @Test(arguments: [
        ("2026-01-17T18:00:00Z", true),   // exactly rollout + 10 days
        ("2026-01-17T17:59:59Z", false),  // one second early
        ("2026-01-17T18:00:01Z", true),
        ("2026-01-08T00:00:00Z", false),  // nine days early
        ("2027-01-01T00:00:00Z", true),
    ])
    func quietPeriodBoundary(_ disclosed: String, _ onTime: Bool) throws {
        let checks = try verdict(disclosed: disclosed)
        let quiet = try #require(checks.first { $0.name == "quiet period" })
        #expect(quiet.passed == onTime, "\(quiet.detail)")
    }

    @Test func disclosureBeforeRolloutFailsTheTimeline() throws {
        let checks = try verdict(disclosed: "2026-01-07T17:59:59Z")
        #expect(checks.first { $0.name == "timeline" }?.passed == false)
    }

    @Test func rolloutBeforeTheBlessingFails() throws {
        // The fixture blessing was created 2026-01-05T12:00:00Z.
        let checks = try verdict(disclosed: "2026-02-01T00:00:00Z", rollout: "2026-01-05T11:59:59Z")
        #expect(checks.first { $0.name == "quiet period" }?.passed == false)
    }

    @Test(arguments: [
        ("2026-01-05T12:00:00Z", Int64(1_767_614_400)),
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2024-02-29T23:59:59Z", Int64(1_709_251_199)),
        ("2026-11-21T12:00:00.123Z", Int64(1_795_262_400)),
    ])
    func timestampsParse(_ text: String, _ seconds: Int64) throws {
        let t = try Timestamp(parsing: text)
        #expect(t.secondsSinceEpoch == seconds)
        #expect(Timestamp(secondsSinceEpoch: seconds).text == String(text.prefix(19)) + "Z")
    }

    @Test(arguments: ["2026-01-05", "2026-01-05T12:00:00", "2026-01-05 12:00:00Z", "2026-13-01T00:00:00Z",
                      "2025-02-29T00:00:00Z", "2026-01-05T24:00:00Z", "2026-01-05T12:60:00Z", "2026-01-05T12:00:60Z",
                      "2026-01-05T12:00:00.Z", "2026-01-05t12:00:00z", "+2026-01-05T12:00:00Z", ""])
    func badTimestampsAreRejected(_ text: String) {
        #expect(throws: DocumentError.self) { try Timestamp(parsing: text) }
    }
}

@Suite("Policies")
struct PolicyTests {
    func policy(_ keys: [PrivateKey], threshold: Int, expires: Int64 = 4_000_000_000) throws -> Policy {
        let publicKeys = try keys.map { try $0.publicKey(for: $0.curve.defaultAlgorithm) }
        let draft = Policy(name: "p", version: 1, expires: Timestamp(secondsSinceEpoch: expires),
                           keys: publicKeys.map { Policy.Key(publicKey: $0, label: "k") },
                           roles: [("proposer", Policy.Role(keyIDs: publicKeys.map(\.keyID), threshold: threshold))])
        return try Policy(body: draft.json)  // and it validates as a verifier reads it
    }

    @Test func thresholdOverDistinctPolicyKeys() throws {
        let keys = [try PrivateKey.generate(.ed25519), try PrivateKey.generate(.secp256k1), try PrivateKey.generate(.ed25519)]
        let outsider = try PrivateKey.generate(.ed25519)
        let p = try policy(keys, threshold: 2)
        let oneAndOutsider = try Fixtures.blessing().signed(by: keys[0]).signed(by: outsider)
        let r1 = try Verifier.verify(oneAndOutsider, context: VerificationContext(policy: p))
        let t1 = try #require(r1.checks.first { $0.name == "threshold" })
        #expect(!t1.passed)
        #expect(t1.detail.contains("outside the role"))
        let two = try oneAndOutsider.signed(by: keys[1])
        #expect(try Verifier.verify(two, context: VerificationContext(policy: p)).passed)
    }

    @Test func anExpiredPolicyFails() throws {
        let key = try PrivateKey.generate(.ed25519)
        let p = try policy([key], threshold: 1, expires: 1_767_000_000)
        let report = try Verifier.verify(try Fixtures.blessing().signed(by: key), context: VerificationContext(policy: p))
        #expect(!report.passed)
        #expect(report.checks.first { $0.name == "policy" }?.passed == false)
    }

    @Test func anExpiredDocumentFails() throws {
        let key = try PrivateKey.generate(.ed25519)
        let text = Fixtures.document(body: Fixtures.blessingBody(extra: #""expires": "2026-02-01T00:00:00Z","#))
        let document = try Fixtures.parse(text).signed(by: key)
        let before = try Verifier.verify(document, context: VerificationContext(now: try Timestamp(parsing: "2026-01-31T23:59:59Z")))
        let after = try Verifier.verify(document, context: VerificationContext(now: try Timestamp(parsing: "2026-02-01T00:00:00Z")))
        #expect(before.passed)
        #expect(!after.passed)
    }

    @Test func aPolicyWhoseKeyIDDoesNotMatchIsRejected() throws {
        let p = try policy([try PrivateKey.generate(.ed25519)], threshold: 1)
        var json = p.json
        guard case .object(var keys)? = json["keys"], let (id, value) = keys.members.first.map({ ($0.name, $0.value) }) else { return }
        keys[id] = nil
        keys[String(repeating: "0", count: 64)] = value
        json["keys"] = .object(keys)
        #expect(throws: DocumentError.self) { try Policy(body: json) }
    }

    @Test func thresholdAboveKeyCountIsRejected() throws {
        let p = try policy([try PrivateKey.generate(.ed25519)], threshold: 1)
        var json = p.json
        guard case .object(var roles)? = json["roles"], case .object(var proposer)? = roles["proposer"] else { return }
        proposer["threshold"] = .integer(2)
        roles["proposer"] = .object(proposer)
        json["roles"] = .object(roles)
        #expect(throws: DocumentError.self) { try Policy(body: json) }
    }
}

@Suite("Policies: one secp256k1 key, two forms")
struct PolicyKeyFormsTests {
    @Test func aPolicyListingBothFormsOfOneKeyIsRejected() throws {
        let key = try PrivateKey.generate(.secp256k1)
        let ecdsa = try key.publicKey(for: .ecdsaSecp256k1)
        let schnorr = try key.publicKey(for: .bip340)
        let draft = Policy(name: "p", version: 1, expires: Timestamp(secondsSinceEpoch: 4_000_000_000),
                           keys: [Policy.Key(publicKey: ecdsa, label: "a"), Policy.Key(publicKey: schnorr, label: "b")],
                           roles: [("proposer", Policy.Role(keyIDs: [ecdsa.keyID, schnorr.keyID], threshold: 2))])
        #expect(throws: DocumentError(.invalidValue, "")) { try Policy(body: draft.json) }
    }
}
