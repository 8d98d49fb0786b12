import GovSealCrypto
import GovSealDocuments
import GovSealJSON
import Testing

/// Times are compared exactly, fractions of a second included: truncating them would let a
/// disclosure 0.8 s inside the quiet period, or an expired document, pass.
@Suite("Exact times")
struct ExactTimeTests {
    func time(_ text: String) throws -> Timestamp { try Timestamp(parsing: text) }

    /// A blessing (10-day quiet period) signed by `key`, and its reveal.
    func reveal(rollout: String, disclosed: String, key: PrivateKey) throws -> (blessing: Document, reveal: Document) {
        let blessing = try Fixtures.blessing().signed(by: key)
        let b = try Blessing(body: blessing.body)
        let reveal = Reveal(proposal: blessing.proposalID, chain: b.chain, source: b.source,
                            rolloutCompleted: try time(rollout), disclosed: try time(disclosed))
        return (blessing, try Document(type: .reveal, body: reveal.json).signed(by: key))
    }

    @Test func aDisclosurePointEightSecondsInsideTheQuietPeriodFails() throws {
        let key = try PrivateKey.generate(.ed25519)
        // Rollout at .9 s, ten days later disclosed at .1 s of the same whole second: 0.8 s early.
        let (blessing, early) = try reveal(rollout: "2026-01-07T18:00:00.9Z", disclosed: "2026-01-17T18:00:00.1Z", key: key)
        let report = try Verifier.verify(early, context: VerificationContext(proposal: blessing))
        let quiet = try #require(report.checks.first { $0.name == "quiet period" })
        #expect(!quiet.passed)
        #expect(quiet.detail.contains("0.8s before"), "\(quiet.detail)")
        #expect(!report.passed)

        let (_, onTime) = try reveal(rollout: "2026-01-07T18:00:00.9Z", disclosed: "2026-01-17T18:00:00.900Z", key: key)
        let ok = try Verifier.verify(onTime, context: VerificationContext(proposal: blessing))
        #expect(ok.checks.first { $0.name == "quiet period" }?.passed == true)
    }

    @Test func expiryComparesFractions() throws {
        let key = try PrivateKey.generate(.ed25519)
        let text = Fixtures.document(body: Fixtures.blessingBody(extra: #""expires": "2026-02-01T00:00:00.5Z","#))
        let document = try Fixtures.parse(text).signed(by: key)
        let before = try Verifier.verify(document, context: VerificationContext(now: try time("2026-02-01T00:00:00.25Z")))
        let at = try Verifier.verify(document, context: VerificationContext(now: try time("2026-02-01T00:00:00.5Z")))
        #expect(before.checks.first { $0.name == "expires" }?.passed == true)
        #expect(at.checks.first { $0.name == "expires" }?.passed == false)
    }

    @Test func aDisclosureAFractionInTheFutureFails() throws {
        let key = try PrivateKey.generate(.ed25519)
        let (blessing, r) = try reveal(rollout: "2026-01-07T18:00:00Z", disclosed: "2026-02-01T00:00:00.5Z", key: key)
        let report = try Verifier.verify(r, context: VerificationContext(now: try time("2026-02-01T00:00:00.4Z"), proposal: blessing))
        #expect(report.checks.contains { $0.name == "timeline" && !$0.passed && $0.detail.contains("later than now") })
    }

    @Test(arguments: [
        ("2026-01-05T12:00:00.1Z", "2026-01-05T12:00:00.2Z"),
        ("2026-01-05T12:00:00Z", "2026-01-05T12:00:00.000000001Z"),
        ("2026-01-05T12:00:00.999999999Z", "2026-01-05T12:00:01Z"),
    ])
    func orderIncludesFractions(_ earlier: String, _ later: String) throws {
        #expect(try time(earlier) < time(later))
        #expect(try !(time(later) < time(earlier)))
        #expect(try time(earlier) != time(later))
    }

    @Test func equalInstantsWrittenDifferentlyAreEqual() throws {
        let a = try time("2026-01-05T12:00:00.1Z"), b = try time("2026-01-05T12:00:00.100000000Z")
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(a.nanoseconds == 100_000_000)
        #expect(try time("2026-01-05T12:00:00.000Z") == time("2026-01-05T12:00:00Z"))
    }

    @Test func formattingKeepsTheFraction() throws {
        let t = try time("2026-11-21T12:00:00.123Z")
        let formatted = Timestamp(secondsSinceEpoch: t.secondsSinceEpoch, nanoseconds: t.nanoseconds)
        #expect(formatted.text == "2026-11-21T12:00:00.123Z")
        #expect(try time(formatted.text) == t)
        #expect(t.adding(days: 10).text == "2026-12-01T12:00:00.123Z")
        #expect(t.adding(seconds: 300).since(t) == .seconds(300))
    }
}

/// An attestation finished in the future does not count; two subjects with one name are malformed.
@Suite("Attestation rules")
struct AttestationRuleTests {
    static let now = "2026-03-01T12:00:00Z"

    /// A signed blessing and a policy whose `rebuilder` role lists `rebuilders` (threshold `threshold`).
    func setup(rebuilders: [PrivateKey], threshold: Int) throws -> (blessing: Document, policy: Policy, proposer: PrivateKey) {
        let proposer = try PrivateKey.generate(.ed25519)
        let blessing = try Fixtures.blessing().signed(by: proposer)
        let proposerKey = try proposer.publicKey(for: .ed25519)
        let rebuilderKeys = try rebuilders.map { try $0.publicKey(for: $0.curve.defaultAlgorithm) }
        let draft = Policy(name: "p", version: 1, expires: Timestamp(secondsSinceEpoch: 4_000_000_000),
                           keys: ([proposerKey] + rebuilderKeys).map { Policy.Key(publicKey: $0, label: "k") },
                           roles: [("proposer", Policy.Role(keyIDs: [proposerKey.keyID], threshold: 1)),
                                   ("rebuilder", Policy.Role(keyIDs: rebuilderKeys.map(\.keyID), threshold: threshold))])
        return (blessing, try Policy(body: draft.json), proposer)
    }

    func attestation(of blessing: Document, finished: String, by key: PrivateKey, builder: String = "b") throws -> Document {
        let b = try Blessing(body: blessing.body)
        let body = Attestation(subjects: b.artifacts.map { .init(name: $0.name, sha256: $0.sha256) }, proposal: blessing.proposalID,
                               repository: b.source.repository, commit: b.source.commit, command: "make", builder: builder,
                               finished: try Timestamp(parsing: finished))
        return try Document(type: .attestation, body: body.json).signed(by: key)
    }

    func revealReport(finished: String) throws -> VerificationReport {
        let rebuilder = try PrivateKey.generate(.ed25519)
        let (blessing, policy, proposer) = try setup(rebuilders: [rebuilder], threshold: 1)
        let b = try Blessing(body: blessing.body)
        let reveal = try Document(type: .reveal, body: Reveal(
            proposal: blessing.proposalID, chain: b.chain, source: b.source,
            rolloutCompleted: try Timestamp(parsing: "2026-01-07T18:00:00Z"),
            disclosed: try Timestamp(parsing: "2026-02-01T00:00:00Z")).json).signed(by: proposer)
        let attestation = try attestation(of: blessing, finished: finished, by: rebuilder)
        let context = VerificationContext(now: try Timestamp(parsing: Self.now), policy: policy, proposal: blessing,
                                          attestations: [("a.json", attestation)])
        return try Verifier.verify(reveal, context: context)
    }

    @Test func anAttestationFinishedMoreThanFiveMinutesAheadDoesNotCount() throws {
        let report = try revealReport(finished: "2026-03-01T12:05:00.001Z")
        #expect(!report.passed)
        let line = try #require(report.checks.first { $0.name == "attestation a.json" })
        #expect(!line.passed)
        #expect(line.detail.contains("plus 5 minutes; not counted"), "\(line.detail)")
        #expect(report.checks.first { $0.name == "rebuilders" }?.passed == false)
    }

    @Test func anAttestationWithinTheFiveMinuteAllowanceCounts() throws {
        let report = try revealReport(finished: "2026-03-01T12:05:00Z")
        #expect(report.checks.first { $0.name == "rebuilders" }?.passed == true, "\(report.checks)")
    }

    @Test func aFutureAttestationFailsItsOwnFinishedCheck() throws {
        let rebuilder = try PrivateKey.generate(.ed25519)
        let (blessing, policy, _) = try setup(rebuilders: [rebuilder], threshold: 1)
        let future = try attestation(of: blessing, finished: "2026-03-02T00:00:00Z", by: rebuilder)
        let report = try Verifier.verify(future, context: VerificationContext(now: try Timestamp(parsing: Self.now), policy: policy,
                                                                             proposal: blessing))
        #expect(!report.passed)
        #expect(report.checks.first { $0.name == "finished" }?.passed == false)
    }

    @Test func twoSubjectsWithOneNameAreMalformed() throws {
        let body = """
        {"_type": "https://in-toto.io/Statement/v1",
         "subject": [{"name": "node", "digest": {"sha256": "\(Fixtures.sha256)"}},
                     {"name": "other", "digest": {"sha256": "\(Fixtures.sha256)"}},
                     {"name": "node", "digest": {"sha256": "\(String(repeating: "cd", count: 32))"}}],
         "predicateType": "https://govseal.dev/rebuild/v1",
         "predicate": {"proposal": "sha256:\(Fixtures.sha256)", "source": {"repository": "r", "commit": "\(Fixtures.commit)"},
                       "command": "make", "builder": "b", "finished": "2026-01-01T00:00:00Z"}}
        """
        do {
            _ = try Attestation(body: try Fixtures.object(body))
            Issue.record("two subjects named 'node' were accepted")
        } catch let error as DocumentError {
            #expect(error.code == .invalidValue)
            #expect(error.path == "body.subject[2].name")
        }
    }
}
