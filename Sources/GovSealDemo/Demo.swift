import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealFiles
import GovSealSource
#if canImport(Glibc)
import Glibc
#endif

/// `govseal demo`: the whole lifecycle of an embargoed security release, offline, in a temporary
/// folder, narrated step by step.
public struct Demo {
    /// Where the narration goes, one line at a time.
    public var say: (String) -> Void
    /// Use these secret key files (foundation.pem, rebuilder-a.pem, rebuilder-b.pem) instead of fresh keys.
    public var keysDirectory: String?
    /// Also copy the signed documents here (blessing, policy, reveal, attestations).
    public var exportDirectory: String?

    public init(say: @escaping (String) -> Void, keysDirectory: String? = nil, exportDirectory: String? = nil) {
        self.say = say
        self.keysDirectory = keysDirectory
        self.exportDirectory = exportDirectory
    }

    /// What the demo established; `succeeded` is true when every honest step passed and the
    /// tampered disclosure was caught.
    public struct Outcome: Sendable {
        public var honestStepsPassed: Bool
        public var tamperCaught: Bool
        public var succeeded: Bool { honestStepsPassed && tamperCaught }
    }

    static let created = "2026-01-05T12:00:00Z"
    static let rolloutCompleted = "2026-01-07T18:00:00Z"
    static let disclosed = "2026-01-20T09:00:00Z"
    static let quietPeriodDays: Int64 = 10
    static let policyExpires = "2031-01-01T00:00:00Z"

    public func run() throws -> Outcome {
        let work = try DemoWorkspace()
        defer { work.remove() }
        say("govseal demo: the lifecycle of an embargoed security release, offline")
        say("working in \(work.root) (removed at the end)")
        say("")

        // 1. The private fix.
        say("1. The foundation fixes a vulnerability in a private repository.")
        let privateRepo = try work.makeRepository(named: "private")
        let commit = try privateRepo.resolveCommit("HEAD")
        let tree = try SourceRepository(path: privateRepo.path).commit(commit).tree
        say("   commit \(commit)")
        say("   tree   \(tree)  (fixed author, committer and dates: the same ids on every machine)")

        // 2. The private build.
        say("2. It builds the release with the declared recipe: `\(DemoExample.buildCommand)`.")
        let artifactsDir = try work.buildRelease(from: privateRepo, commit: commit)
        let paths = DemoExample.outputs.map { "\(artifactsDir)/\($0.name)" }
        for (path, digests) in zip(paths, try FileHasher.hashMany(paths: paths, algorithms: [.sha256])) {
            say("   \(Hex.encode(digests.digests[.sha256]!))  \(path.split(separator: "/").last!) (\(digests.size) bytes)")
        }

        // 3. The coordination group nominates itself.
        say("3. Three validators self-nominate for the coordination group '\(Self.group)', each signing with its")
        say("   validator key and naming an age recipient for confidential material:")
        let age = Self.ageTools()
        let (validators, group) = try nominate(in: work, age: age)
        var honest = group.members.count == 2 && group.excluded.count == 1

        // 4. Keys and policy: the foundation admits two members by their nominations.
        let keys = try loadKeys()
        say("4. Keys: the foundation (ed25519), rebuilder A (ed25519), rebuilder B (ecdsa-secp256k1); the foundation")
        say("   admits validators A and B to the group by their verified nominations (role embargo-rebuilder).")
        var memberKeys: [PublicKey] = []
        for validator in validators.prefix(2) {
            switch try Nomination.admittedKey(from: validator.nomination, now: try Timestamp(parsing: Self.created)) {
            case .success(let key): memberKeys.append(key)
            case .failure(let refused): throw DemoError("\(validator.label): \(refused)")
            }
        }
        let policy = Policy(
            name: "example-node releases", version: 1, expires: try Timestamp(parsing: Self.policyExpires),
            keys: [Policy.Key(publicKey: try keys.foundation.publicKey(for: .ed25519), label: "Example Foundation"),
                   Policy.Key(publicKey: try keys.rebuilderA.publicKey(for: .ed25519), label: "Rebuilder A"),
                   Policy.Key(publicKey: try keys.rebuilderB.publicKey(for: .ecdsaSecp256k1), label: "Rebuilder B")]
                + zip(validators, memberKeys).map { Policy.Key(publicKey: $1, label: $0.label) },
            roles: [("proposer", Policy.Role(keyIDs: [try keys.foundation.publicKey(for: .ed25519).keyID], threshold: 1)),
                    ("rebuilder", Policy.Role(keyIDs: [try keys.rebuilderA.publicKey(for: .ed25519).keyID,
                                                       try keys.rebuilderB.publicKey(for: .ecdsaSecp256k1).keyID], threshold: 2)),
                    ("embargo-rebuilder", Policy.Role(keyIDs: memberKeys.map(\.keyID), threshold: 2))])
        let policyDocument = try Document(type: .policy, body: policy.json).signed(by: keys.foundation)
        say("   policy: proposer 1 of 1; embargo-rebuilder 2 of 2 (the group, before disclosure); rebuilder 2 of 2")
        say("   (public rebuilds after disclosure: any one machine may be compromised, not both)")
        try save(policyDocument, "policy.json", in: work)

        // 5. The embargoed blessing.
        say("5. The foundation blesses the release by checksum and commit, under a \(Self.quietPeriodDays)-day embargo, and signs it.")
        var draft = BlessingDraft(chain: "cosmos:agoric-3", title: "example-node v1.4.2 (security release)",
                                  summary: "Fixes a denial of service in vote extension handling. Details after disclosure.",
                                  proposer: "Example Foundation", repository: DemoExample.repository, commit: commit,
                                  created: try Timestamp(parsing: Self.created))
        draft.version = "v1.4.2"
        draft.repositoryDirectory = privateRepo.path
        draft.artifactPaths = paths
        draft.urls = DemoExample.outputs.map { (name: $0.name, url: "https://releases.example.org/v1.4.2/\($0.name)") }
        draft.buildCommand = DemoExample.buildCommand
        draft.outputs = DemoExample.outputs
        draft.embargoDays = Self.quietPeriodDays
        draft.embargoReason = "CVE-2026-0001 (denial of service); coordinated disclosure after the rollout"
        let blessing = try Document(type: .blessing, body: try draft.make().json).signed(by: keys.foundation)
        say("   proposal \(blessing.proposalID)")
        try save(blessing, "blessing.json", in: work)

        // 6. The patch goes to the admitted members only.
        say("6. The foundation sends the private source only to the admitted members, encrypted with age:")
        guard let admitted = group.restricted(to: policy, role: "embargo-rebuilder")?.members else { throw DemoError("no group role") }
        let members = admitted.compactMap { m in validators.first { $0.nomination.proposalID == m.proposalID } }
        let (repositories, distributed) = try distribute(privateRepo, to: admitted, validators: validators,
                                                         outsider: validators[2], in: work, age: age)
        honest = honest && distributed

        // 7. Private rebuilds by the members.
        say("7. Each member rebuilds the private source and signs an attestation, before any source is public:")
        let (privateAttestations, rebuilt) = try privateRebuilds(blessing, repositories: repositories, members: members,
                                                                 reference: artifactsDir, in: work)
        honest = honest && rebuilt

        // 8. A validator outside the group verifies without the source.
        say("8. A validator outside the group checks the blessing against the artifacts it downloaded, without any")
        say("   source: the foundation's signature, and 2 of 2 group members reproduced every digest privately:")
        var context = VerificationContext(policy: policy, artifactsDirectory: artifactsDir, attestations: privateAttestations)
        honest = show(try Verifier.verify(blessing, file: "blessing.json", context: context)) && honest

        // 6–7. Rollout, quiet period, disclosure, reveal.
        say("9. The chain upgrades; the rollout completes \(Self.rolloutCompleted).")
        say("   The quiet period of \(Self.quietPeriodDays) days follows; the source is disclosed \(Self.disclosed).")
        let publicRepo = try work.publish(privateRepo, as: "public")
        say("10. The foundation publishes a reveal naming the disclosed source, and signs it.")
        let prepared = try Reveal.prepare(for: blessing, sourceDirectory: publicRepo.path,
                                          rolloutCompleted: try Timestamp(parsing: Self.rolloutCompleted),
                                          disclosed: try Timestamp(parsing: Self.disclosed),
                                          advisory: "https://example.org/advisories/CVE-2026-0001")
        for check in prepared.checks { say("   " + check.line) }
        honest = honest && prepared.checks.allSatisfy(\.passed)
        let reveal = try prepared.document.signed(by: keys.foundation)
        try save(reveal, "reveal.json", in: work)

        // 8–9. Two independent rebuilds and attestations.
        var attestations: [(file: String, document: Document)] = []
        let rebuilders: [(label: String, key: PrivateKey, alg: SignatureAlgorithm, finished: String)] = [
            ("Rebuilder A", keys.rebuilderA, .ed25519, "2026-01-20T13:00:00Z"),
            ("Rebuilder B", keys.rebuilderB, .ecdsaSecp256k1, "2026-01-20T15:30:00Z"),
        ]
        for (step, rebuilder) in rebuilders.enumerated() {
            say("\(11 + step). \(rebuilder.label) rebuilds the disclosed source in a clean folder and signs what it got:")
            let report = try rebuild(blessing, from: publicRepo, reference: artifactsDir)
            honest = honest && report.allMatch
            let attestation = try Attestation.of(report, blessingDocument: blessing, builder: rebuilder.label,
                                                 finished: try Timestamp(parsing: rebuilder.finished))
            let signed = try Document(type: .attestation, body: attestation.json).signed(by: rebuilder.key, algorithm: rebuilder.alg)
            let name = "attestation-\(rebuilder.label.split(separator: " ").last!.lowercased()).json"
            try save(signed, name, in: work)
            attestations.append((name, signed))
        }

        // 10. The final verification.
        say("13. Anyone verifies the reveal: signed by the proposer, same commit and tree as blessed, quiet period")
        say("    respected, and 2 of 2 independent public rebuilders reproduced every blessed digest (the group's")
        say("    private attestations do not count here):")
        context = VerificationContext(policy: policy, sourceDirectory: publicRepo.path, proposal: blessing,
                                      attestations: attestations)
        honest = show(try Verifier.verify(reveal, file: "reveal.json", context: context)) && honest

        // 11. A tampered disclosure.
        say("14. Now a tampered disclosure: one byte of \(DemoExample.tamperedFile) changed before publishing.")
        let tamperCaught = try tamperedDisclosure(blessing: blessing, work: work, reference: artifactsDir)
        say("")
        if honest && tamperCaught {
            say("Demo complete: the honest release verified end to end, and the tampered disclosure was caught.")
        } else {
            say("Demo FAILED: \(honest ? "" : "an honest step did not pass; ")\(tamperCaught ? "" : "the tampering was not caught")")
        }
        if let dir = exportDirectory { say("The signed documents were written to \(dir).") }
        return Outcome(honestStepsPassed: honest, tamperCaught: tamperCaught)
    }

    func tamperedDisclosure(blessing: Document, work: DemoWorkspace, reference: String) throws -> Bool {
        let tampered = try work.publishTampered(as: "tampered")
        let b = try Blessing(body: blessing.body)
        let checks = b.source.checks(in: tampered.path)
        for check in checks { say("    " + check.line) }
        // The same content disclosed as a tarball (no history): its tree id is not the blessed tree.
        let head = try tampered.resolveCommit("HEAD")
        let tarball = "\(work.root)/tampered-tarball"
        try SourceRepository(path: tampered.path).export(commit: head, to: tarball)
        let folderChecks = b.source.checks(in: tarball)
        for check in folderChecks { say("    " + Check("\(check.name) (as a tarball)", passed: check.passed, check.detail).line) }
        // Rebuild the tampered head to show exactly which member of which artifact differs.
        var options = RebuildOptions()
        options.referenceArtifacts = reference
        let report = try b.rebuild(from: SourceRepository(path: tampered.path), commit: head, options: options)
        say("    rebuilding the tampered source with the blessed recipe:")
        var namedFile = false
        for artifact in report.artifacts {
            switch artifact.outcome {
            case .match:
                say("    [ok] \(artifact.name): matches")
            case .mismatch(let expected, let got, _, _, let differences):
                say("    [FAIL] \(artifact.name): blessed sha256 \(expected.prefix(16))…, rebuilt \(got.prefix(16))…")
                for d in differences {
                    say("           differs: \(d.path) (published sha256 \(d.reference?.sha256.prefix(16) ?? "none")…, rebuilt \(d.rebuilt?.sha256.prefix(16) ?? "none")…)")
                    if d.path.hasSuffix(DemoExample.tamperedFile) { namedFile = true }
                }
            case .missing(let path):
                say("    [FAIL] \(artifact.name): \(path) missing")
            case .unsafePath(let reason):
                say("    [FAIL] \(artifact.name): \(reason)")
            }
        }
        let caught = checks.contains { !$0.passed } && folderChecks.contains { !$0.passed } && !report.allMatch && namedFile
        say(caught ? "    Caught: the disclosed source is not the blessed commit, and the changed file is named."
                   : "    NOT caught.")
        return caught
    }

    func rebuild(_ blessing: Document, from repository: GitRepository, reference: String) throws -> RebuildReport {
        var options = RebuildOptions()
        options.referenceArtifacts = reference
        let report = try Blessing(body: blessing.body).rebuild(from: SourceRepository(path: repository.path), options: options)
        for artifact in report.artifacts {
            if case .match = artifact.outcome {
                say("    [ok] \(artifact.name): reproduced bit for bit")
            } else {
                say("    [FAIL] \(artifact.name): \(artifact.outcome)")
            }
        }
        return report
    }

    func show(_ report: VerificationReport) -> Bool {
        for s in report.signatures {
            say("    signature \(s.algorithm.rawValue) \(s.keyID.prefix(16))…: \(s.statusText)")
        }
        for c in report.checks { say("    " + c.line) }
        say(report.passed ? "    PASSED" : "    FAILED")
        return report.passed
    }

    func save(_ document: Document, _ name: String, in work: DemoWorkspace) throws {
        try DocumentFile.write(document, to: "\(work.root)/\(name)", overwrite: true)
        if let dir = exportDirectory {
            try DocumentFile.write(document, to: "\(dir)/\(name)", overwrite: true)
        }
    }

    struct Keys {
        let foundation: PrivateKey
        let rebuilderA: PrivateKey
        let rebuilderB: PrivateKey
    }

    func loadKeys() throws -> Keys {
        guard let dir = keysDirectory else {
            return Keys(foundation: try .generate(.ed25519), rebuilderA: try .generate(.ed25519),
                        rebuilderB: try .generate(.secp256k1))
        }
        func load(_ name: String) throws -> PrivateKey {
            guard case .secret(let key, _) = try KeyFile.load(path: "\(dir)/\(name)") else {
                throw DemoError("\(dir)/\(name) holds no secret key")
            }
            return key
        }
        return Keys(foundation: try load("foundation.pem"), rebuilderA: try load("rebuilder-a.pem"),
                    rebuilderB: try load("rebuilder-b.pem"))
    }
}

struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

