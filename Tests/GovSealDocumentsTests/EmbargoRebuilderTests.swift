import Foundation
import GovSealCrypto
import GovSealDocuments
import GovSealJSON
import Testing

/// Trust during the embargo (issue 15): a blessing under a policy with an `embargo-rebuilder`
/// role passes only when that many distinct member keys reproduced every blessed digest. Each
/// hostile input is built here from scratch.
@Suite("Embargo rebuilders")
struct EmbargoRebuilderTests {
    static let now = "2026-03-01T12:00:00Z"
    let proposer: PrivateKey
    let members: [PrivateKey]
    let blessing: Document

    init() throws {
        proposer = try PrivateKey.generate(.ed25519)
        members = try (0..<3).map { _ in try PrivateKey.generate(.ed25519) }
        blessing = try Fixtures.blessing().signed(by: proposer)
    }

    /// A policy whose `embargo-rebuilder` role lists the three members with `threshold`
    /// (`role` renames it, to test a policy without the role).
    func policy(threshold: Int, role: String = "embargo-rebuilder") throws -> Policy {
        let proposerKey = try proposer.publicKey(for: .ed25519)
        let memberKeys = try members.map { try $0.publicKey(for: .ed25519) }
        let draft = Policy(name: "p", version: 1, expires: Timestamp(secondsSinceEpoch: 4_000_000_000),
                           keys: [Policy.Key(publicKey: proposerKey, label: "foundation")]
                               + memberKeys.enumerated().map { Policy.Key(publicKey: $1, label: "member\($0)") },
                           roles: [("proposer", Policy.Role(keyIDs: [proposerKey.keyID], threshold: 1)),
                                   (role, Policy.Role(keyIDs: memberKeys.map(\.keyID), threshold: threshold))])
        return try Policy(body: draft.json)
    }

    /// An attestation of `blessing` signed by `key`; `digest` replaces every subject's sha256,
    /// `proposal` the proposal id.
    func attestation(by key: PrivateKey, finished: String = "2026-02-01T00:00:00Z", digest: String? = nil,
                     proposal: String? = nil, of blessing: Document? = nil) throws -> Document {
        let document = blessing ?? self.blessing
        let b = try Blessing(body: document.body)
        let body = Attestation(subjects: b.artifacts.map { .init(name: $0.name, sha256: digest ?? $0.sha256) },
                               proposal: proposal ?? document.proposalID, repository: b.source.repository,
                               commit: b.source.commit, command: "make", builder: "builder", finished: try Timestamp(parsing: finished))
        return try Document(type: .attestation, body: body.json).signed(by: key)
    }

    func verify(threshold: Int, _ attestations: [Document], role: String = "embargo-rebuilder") throws -> VerificationReport {
        let context = VerificationContext(now: try Timestamp(parsing: Self.now), policy: try policy(threshold: threshold, role: role),
                                          attestations: attestations.enumerated().map { ("a\($0).json", $1) })
        return try Verifier.verify(blessing, context: context)
    }

    func line(_ report: VerificationReport) throws -> Check {
        try #require(report.checks.first { $0.name == "embargo rebuilders" })
    }

    @Test func thresholdMetPassesAndNamesTheLine() throws {
        let report = try verify(threshold: 3, try members.map { try attestation(by: $0) })
        #expect(report.passed, "\(report.checks)")
        #expect(report.lines.contains { $0.hasPrefix("  [ok] embargo rebuilders: 3 valid of 3 required (role 'embargo-rebuilder')") },
                "\(report.lines)")
    }

    @Test func oneShortOfTheThresholdFails() throws {
        let report = try verify(threshold: 3, try members.prefix(2).map { try attestation(by: $0) })
        #expect(!report.passed)
        #expect(try line(report).detail.hasPrefix("2 valid of 3 required"))
    }

    @Test func theSameMemberTwiceCountsOnce() throws {
        let a = try attestation(by: members[0])
        let b = try attestation(by: members[0], finished: "2026-02-02T00:00:00Z")
        let report = try verify(threshold: 2, [a, b])
        #expect(!report.passed)
        #expect(try line(report).detail.hasPrefix("1 valid of 2 required"))
    }

    @Test func aMemberAttestingOtherDigestsIsNamedAndDoesNotCount() throws {
        let good = try members.prefix(2).map { try attestation(by: $0) }
        let bad = try attestation(by: members[2], digest: String(repeating: "cd", count: 32))
        let report = try verify(threshold: 3, good + [bad])
        #expect(!report.passed)
        #expect(try line(report).detail.hasPrefix("2 valid of 3 required"))
        let named = try #require(report.checks.first { $0.name == "embargo attestation a2.json" })
        #expect(!named.passed)
        #expect(named.detail.contains("member member2 disagrees"), "\(named.detail)")
        #expect(named.detail.contains("sha256 " + String(repeating: "cd", count: 32)))
    }

    @Test func anAttestationFinishedInTheFutureDoesNotCount() throws {
        let good = try members.prefix(1).map { try attestation(by: $0) }
        let future = try attestation(by: members[1], finished: "2026-03-01T12:05:00.001Z")
        let report = try verify(threshold: 2, good + [future])
        #expect(!report.passed)
        #expect(try line(report).detail.hasPrefix("1 valid of 2 required"))
        #expect(report.checks.first { $0.name == "embargo attestation a1.json" }?.detail.contains("plus 5 minutes") == true)
    }

    @Test func aNonMemberDoesNotCount() throws {
        let outsider = try PrivateKey.generate(.ed25519)
        let report = try verify(threshold: 1, [try attestation(by: outsider)])
        #expect(!report.passed)
        #expect(report.checks.first { $0.name == "embargo attestation a0.json" }?.detail.contains("is not a member") == true)
    }

    @Test func anAttestationOfAnotherProposalDoesNotCount() throws {
        let other = "sha256:" + String(repeating: "ef", count: 32)
        let report = try verify(threshold: 1, [try attestation(by: members[0], proposal: other)])
        #expect(!report.passed)
        #expect(report.checks.first { $0.name == "embargo attestation a0.json" }?.detail.contains("another proposal") == true)
    }

    @Test func aBadSignatureDoesNotCount() throws {
        let signed = try attestation(by: members[0])
        // Same signature, body changed after signing: the member's key no longer verifies.
        var body = signed.body
        body["predicate"] = .object({ var p = body["predicate"]!.objectValue!; p["builder"] = .string("forged"); return p }())
        let forged = Document(type: .attestation, body: body, signatures: signed.signatures)
        let report = try verify(threshold: 1, [forged])
        #expect(!report.passed)
        #expect(report.checks.first { $0.name == "embargo attestation a0.json" }?.detail.contains("bad signature") == true)
    }

    @Test func anEmbargoedBlessingWithoutAttestationsFailsUnderTheRole() throws {
        let report = try verify(threshold: 1, [])
        #expect(!report.passed)
        #expect(try line(report).detail.hasPrefix("0 valid of 1 required"))
    }

    @Test func withoutTheRoleTheCheckIsNotMadeAndTheReportSaysSo() throws {
        let report = try verify(threshold: 1, try members.map { try attestation(by: $0) }, role: "auditor")
        let notMade = try line(report)
        #expect(notMade.passed)
        #expect(notMade.detail.contains("not checked"))
        #expect(notMade.detail.contains("no 'embargo-rebuilder' role"))
    }

    @Test func aMemberAttestationIsAcceptedAsSignedByARoleKey() throws {
        let context = VerificationContext(now: try Timestamp(parsing: Self.now), policy: try policy(threshold: 1), proposal: blessing)
        let report = try Verifier.verify(try attestation(by: members[0]), context: context)
        #expect(report.checks.first { $0.name == "rebuilder key" }?.detail.contains("'embargo-rebuilder'") == true)
        #expect(report.passed, "\(report.checks)")
    }

    /// A member's private attestation (before disclosure) never counts toward the public
    /// `rebuilder` threshold of the reveal, even when the member is also a public rebuilder.
    @Test func aPrivateAttestationNeverCountsTowardThePublicThreshold() throws {
        let memberKey = try members[0].publicKey(for: .ed25519)
        let proposerKey = try proposer.publicKey(for: .ed25519)
        let draft = Policy(name: "p", version: 1, expires: Timestamp(secondsSinceEpoch: 4_000_000_000),
                           keys: [Policy.Key(publicKey: proposerKey, label: "foundation"), Policy.Key(publicKey: memberKey, label: "m")],
                           roles: [("proposer", Policy.Role(keyIDs: [proposerKey.keyID], threshold: 1)),
                                   ("rebuilder", Policy.Role(keyIDs: [memberKey.keyID], threshold: 1)),
                                   ("embargo-rebuilder", Policy.Role(keyIDs: [memberKey.keyID], threshold: 1))])
        let b = try Blessing(body: blessing.body)
        let reveal = try Document(type: .reveal, body: Reveal(
            proposal: blessing.proposalID, chain: b.chain, source: b.source,
            rolloutCompleted: try Timestamp(parsing: "2026-01-07T18:00:00Z"),
            disclosed: try Timestamp(parsing: "2026-02-20T00:00:00Z")).json).signed(by: proposer)
        let context = VerificationContext(now: try Timestamp(parsing: Self.now), policy: try Policy(body: draft.json), proposal: blessing,
                                          attestations: [("private.json", try attestation(by: members[0]))])
        let report = try Verifier.verify(reveal, context: context)
        #expect(report.checks.first { $0.name == "rebuilders" }?.passed == false, "\(report.checks)")
        #expect(report.checks.first { $0.name == "rebuilders" }?.detail.hasPrefix("agreeing rebuilders: 0 valid of 1 required") == true)
        #expect(report.checks.first { $0.name == "attestation private.json" }?.detail.contains("not counted toward the public rebuilders") == true)

        // With a public rebuild beside it, the private one neither counts nor fails the reveal.
        var both = context
        both.attestations.append(("public.json", try attestation(by: members[0], finished: "2026-02-21T00:00:00Z")))
        let passed = try Verifier.verify(reveal, context: both)
        #expect(passed.passed, "\(passed.checks)")
        #expect(passed.checks.first { $0.name == "rebuilders" }?.detail.hasPrefix("agreeing rebuilders: 1 valid of 1 required") == true)
    }
}

/// `govseal status` tells the whole embargo story of a blessing (issue 15).
@Suite("Embargo status")
struct EmbargoStatusTests {
    @Test func statusShowsTheGroupCountThenTheDisclosureAndPublicRebuilds() throws {
        let t = try EmbargoRebuilderTests()
        let policy = try t.policy(threshold: 2)
        let b = try Blessing(body: t.blessing.body)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("govseal-status-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        func save(_ name: String, _ document: Document) throws {
            try Data(document.serialized()).write(to: URL(fileURLWithPath: root + "/" + name))
        }
        try save("blessing.json", t.blessing)
        for (i, member) in t.members.prefix(2).enumerated() { try save("private\(i).json", try t.attestation(by: member)) }
        let now = try Timestamp(parsing: EmbargoRebuilderTests.now)
        var status = RegistryStatus.build(try DocumentSet.load([root]), root: root, now: now, policy: policy)
        var blessing = try #require(status.entries.first { $0.report.type == .blessing })
        #expect(blessing.report.passed, "\(blessing.report.checks)")
        #expect(blessing.timeline.contains { $0.hasPrefix("group members who reproduced it privately: 2 valid of 2 required") },
                "\(blessing.timeline)")
        #expect(blessing.timeline.contains { $0.contains("OVERDUE") })

        // After the reveal, a public rebuild by a member finished after disclosure is counted as public.
        let reveal = try Document(type: .reveal, body: Reveal(
            proposal: t.blessing.proposalID, chain: b.chain, source: b.source,
            rolloutCompleted: try Timestamp(parsing: "2026-01-07T18:00:00Z"),
            disclosed: try Timestamp(parsing: "2026-02-10T00:00:00Z")).json).signed(by: t.proposer)
        try save("reveal.json", reveal)
        try save("public.json", try t.attestation(by: t.members[2], finished: "2026-02-11T00:00:00Z"))
        status = RegistryStatus.build(try DocumentSet.load([root]), root: root, now: now, policy: policy)
        blessing = try #require(status.entries.first { $0.report.type == .blessing })
        #expect(blessing.timeline.contains { $0.hasPrefix("group members who reproduced it privately: 3 valid of 2 required") },
                "\(blessing.timeline)")
        #expect(blessing.timeline.contains { $0.contains("on time") })
        #expect(blessing.timeline.contains { $0 == "public rebuilds (finished after disclosure): 1 verified attestation(s)" },
                "\(blessing.timeline)")
        let json = String(decoding: JSONWriter.pretty(status.json), as: UTF8.self)
        #expect(json.contains("group members who reproduced it privately"))
    }
}
