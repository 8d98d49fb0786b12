import GovSealSource

/// The checks of a reveal against its blessing, the disclosed source, the quiet period and the
/// rebuilders' attestations.
enum RevealChecks {
    static func run(_ reveal: Reveal, context: VerificationContext) -> [Check] {
        var checks: [Check] = []
        let ordered = reveal.rolloutCompleted <= reveal.disclosed
        checks.append(Check("timeline", passed: ordered,
                            ordered ? "rollout completed \(reveal.rolloutCompleted), disclosed \(reveal.disclosed)"
                                : "disclosed \(reveal.disclosed) before the rollout completed \(reveal.rolloutCompleted)"))
        let inPast = reveal.disclosed <= context.now && reveal.rolloutCompleted <= context.now
        if !inPast {
            checks.append(Check("timeline", passed: false, "rollout_completed or disclosed is later than now (\(context.now))"))
        }
        if let dir = context.sourceDirectory {
            checks += SourceChecks.run(sourceToCheck(reveal, in: dir, context: context), directory: dir).checks
        }
        // Without its blessing a reveal proves nothing about the commit, tree or quiet period.
        guard let proposal = context.proposal else {
            return checks + [Check("proposal", passed: false,
                                   "blessing \(reveal.proposal) not available (pass --proposal, or verify it together with the reveal)")]
        }
        guard proposal.type == .blessing, let blessing = try? Blessing(body: proposal.body) else {
            return checks + [Check("proposal", passed: false, "the --proposal document is not a valid blessing")]
        }
        let idMatches = proposal.proposalID == reveal.proposal
        checks.append(Check("proposal", passed: idMatches,
                            idMatches ? "reveals \(reveal.proposal)" : "reveal names \(reveal.proposal), blessing is \(proposal.proposalID)"))
        checks.append(Check("chain", passed: blessing.chain == reveal.chain,
                            blessing.chain == reveal.chain ? blessing.chain : "reveal is for \(reveal.chain), blessing for \(blessing.chain)"))
        checks += sourceAgreement(reveal.source, blessing.source)
        checks.append(quietPeriod(reveal, blessing: blessing))
        if context.policy?.role("rebuilder") != nil || !context.attestations.isEmpty || context.attestationsGiven {
            checks += rebuilders(blessing: blessing, proposal: proposal, context: context, disclosedAt: reveal.disclosed)
        } else {
            checks.append(noRebuildEvidence(policy: context.policy))
        }
        return checks
    }

    /// What `--source` must hold for a reveal. A git repository is checked against the revealed
    /// commit, whose object ties it to its tree. A plain folder has no commit: its content's tree
    /// proves it is the blessed source only when the blessing itself records that tree (the
    /// revealed tree is the revealer's word), so the blessing's tree, or none, is compared.
    static func sourceToCheck(_ reveal: Reveal, in directory: String, context: VerificationContext) -> Blessing.Source {
        guard !SourceRepository.looksLikeRepository(directory) else { return reveal.source }
        var source = reveal.source
        if let proposal = context.proposal, proposal.type == .blessing, proposal.proposalID == reveal.proposal,
           let blessing = try? Blessing(body: proposal.body) {
            source.tree = blessing.source.tree
        } else {
            source.tree = nil
        }
        return source
    }

    /// The line a reveal gets when no rebuild evidence is asked for (a policy without a
    /// `rebuilder` role, or no policy, and no attestations): it passes on the blessing's terms
    /// alone, and says that nothing proves the disclosed source rebuilds to the blessed digests.
    static func noRebuildEvidence(policy: Policy?) -> Check {
        let why = policy.map { "the policy '\($0.name)' v\($0.version) has no 'rebuilder' role" }
            ?? "no --policy and no --attestations"
        return Check("rebuilders", passed: true,
                     "not required: \(why), so no rebuild evidence was checked; this reveal is not evidence "
                        + "that the disclosed source rebuilds to the blessed digests")
    }

    static func sourceAgreement(_ revealed: Blessing.Source, _ blessed: Blessing.Source) -> [Check] {
        var checks = [Check("commit", passed: revealed.commit == blessed.commit,
                            revealed.commit == blessed.commit ? revealed.commit
                                : "revealed \(revealed.commit), blessed \(blessed.commit)")]
        switch (revealed.tree, blessed.tree) {
        case let (r?, b?):
            checks.append(Check("tree", passed: r == b, r == b ? r : "revealed \(r), blessed \(b)"))
        case (nil, _?):
            checks.append(Check("tree", passed: false, "the blessing records a tree; the reveal does not"))
        default:
            break
        }
        return checks
    }

    /// The quiet-period rule: `disclosed` ≥ `rollout_completed` + `quiet_period_days`, and the
    /// rollout cannot complete before the blessing was created.
    static func quietPeriod(_ reveal: Reveal, blessing: Blessing) -> Check {
        guard let embargo = blessing.embargo else {
            return Check("quiet period", passed: true, "the blessing had no embargo")
        }
        guard reveal.rolloutCompleted >= blessing.created else {
            return Check("quiet period", passed: false,
                         "rollout completed \(reveal.rolloutCompleted), before the blessing was created \(blessing.created)")
        }
        let ends = reveal.rolloutCompleted.adding(days: embargo.quietPeriodDays)
        if reveal.disclosed >= ends {
            return Check("quiet period", passed: true, "\(embargo.quietPeriodDays) days ended \(ends); disclosed \(reveal.disclosed)")
        }
        return Check("quiet period", passed: false,
                     "disclosed \(reveal.disclosed), \(describe(ends.since(reveal.disclosed))) before the \(embargo.quietPeriodDays)-day quiet period ended \(ends)")
    }

    /// "2d 3h", "4h 10m", "12s" or "0.8s" (a positive interval; sub-second intervals keep their fraction).
    static func describe(_ interval: Duration) -> String {
        let (seconds, attoseconds) = interval.components
        if seconds >= 86_400 { return "\(seconds / 86_400)d \(seconds % 86_400 / 3600)h" }
        if seconds >= 3600 { return "\(seconds / 3600)h \(seconds % 3600 / 60)m" }
        guard seconds < 1 else { return "\(seconds)s" }
        var fraction = String(attoseconds / 1_000_000_000)  // nanoseconds
        fraction = String(repeating: "0", count: max(0, 9 - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "0s" : "0.\(fraction)s"
    }

    /// Whether one attestation agrees with the blessing (`proposalID` is its document's id):
    /// same proposal, same commit, and the same sha256 for every blessed artifact.
    static func agreement(of attestation: Attestation, with blessing: Blessing, proposalID: String) -> (agrees: Bool, check: Check) {
        var problems: [String] = []
        if attestation.proposal != proposalID {
            problems.append("attests \(attestation.proposal), not \(proposalID)")
        }
        if attestation.commit != blessing.source.commit {
            problems.append("rebuilt commit \(attestation.commit)")
        }
        // Subject names are unique (the body reader refuses duplicates) and compared by exact bytes.
        var subjects: [[UInt8]: Attestation.Subject] = [:]
        subjects.reserveCapacity(attestation.subjects.count)
        for subject in attestation.subjects { subjects[Array(subject.name.utf8)] = subject }
        for artifact in blessing.artifacts {
            guard let subject = subjects[Array(artifact.name.utf8)] else {
                problems.append("\(artifact.name) missing")
                continue
            }
            if subject.sha256 != artifact.sha256 {
                problems.append("\(artifact.name) sha256 \(subject.sha256), blessed \(artifact.sha256)")
            }
        }
        let agrees = problems.isEmpty
        return (agrees, Check("rebuild agreement", passed: agrees,
                              agrees ? "\(attestation.builder): every blessed digest reproduced"
                                  : "\(attestation.builder) disagrees: " + problems.joined(separator: "; ")))
    }

    /// How far an attestation's `finished` may be ahead of the verifier's clock (clock skew).
    static let clockSkewAllowance: Int64 = 5 * 60

    /// The failed check of an attestation that finished later than `now` plus five minutes
    /// (it does not count), or nil when `finished` is not in the future.
    static func futureFinish(_ attestation: Attestation, now: Timestamp) -> Check? {
        let latest = now.adding(seconds: clockSkewAllowance)
        guard latest < attestation.finished else { return nil }
        return Check("finished", passed: false,
                     "\(attestation.builder): finished \(attestation.finished), later than the verifier's clock \(now) plus 5 minutes; not counted")
    }

    /// Counts distinct keys of the policy's `role` whose valid attestations agree with every
    /// blessed digest (`rebuilder` for a reveal, where only attestations finished after
    /// `disclosedAt` count; `embargo-rebuilder` for a blessing, at any time); names each
    /// rebuilder that disagrees. Linear in the number of attestations and signatures.
    static func rebuilders(blessing: Blessing, proposal: Document, context: VerificationContext,
                           disclosedAt: Timestamp? = nil, role: String = "rebuilder", checkName: String = "rebuilders") -> [Check] {
        var checks: [Check] = []
        var agreeing: [SignatureCheck] = []
        for (file, document) in context.attestations {
            guard document.type == .attestation, let attestation = try? Attestation(body: document.body) else {
                checks.append(Check("attestation \(file)", passed: false, "not a valid attestation"))
                continue
            }
            let signatures = document.checkSignatures()
            guard !signatures.isEmpty, !signatures.contains(where: { if case .invalid = $0.status { true } else { false } }) else {
                checks.append(Check("attestation \(file)", passed: false, "\(attestation.builder): a signature is missing or invalid"))
                continue
            }
            if let future = futureFinish(attestation, now: context.now) {
                checks.append(Check("attestation \(file)", passed: false, future.detail))
                continue
            }
            let (agrees, check) = agreement(of: attestation, with: blessing, proposalID: proposal.proposalID)
            // A rebuild before disclosure is a private one (the coordination group's, counted on the
            // blessing as `embargo-rebuilder`): it never counts toward the public threshold, and
            // does not fail the reveal either, since the threshold alone decides.
            if let disclosed = disclosedAt, attestation.finished < disclosed {
                checks.append(Check("attestation \(file)", passed: true,
                                    "\(attestation.builder): finished \(attestation.finished), before the source was disclosed \(disclosed); "
                                        + "not counted toward the public rebuilders (a private rebuild)"))
                continue
            }
            if agrees {
                agreeing += signatures.filter(\.isValid)
            } else {
                checks.append(Check("attestation \(file)", passed: false, check.detail))
            }
        }
        if let policy = context.policy {
            if let result = policy.evaluate(role: role, signatures: agreeing) {
                checks.append(Check(checkName, passed: result.met, "agreeing rebuilders: " + result.summary))
            } else {
                checks.append(Check(checkName, passed: false, "the policy defines no '\(role)' role"))
            }
        } else {
            let keys = Set(agreeing.map(\.keyID))
            checks.append(Check(checkName, passed: false,
                                "\(keys.count) agreeing rebuilder key(s), but no --policy says how many must agree"))
        }
        return checks
    }
}
