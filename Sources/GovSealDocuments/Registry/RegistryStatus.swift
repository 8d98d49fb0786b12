import GovSealJSON

/// `govseal status`: the state of every document in a registry folder, the timeline of each
/// embargoed blessing, and the validators with valid nominations per chain and group.
public struct RegistryStatus: Sendable {
    public struct Entry: Sendable {
        public let report: VerificationReport
        /// "2/2" style: valid distinct signatures over the applicable threshold ("2" without a policy role).
        public let signatures: String
        public let embargo: String?
        public let timeline: [String]
    }

    public var entries: [Entry] = []
    /// chain → group → validator addresses with valid nominations.
    public var validators: [(chain: String, group: String, addresses: [String])] = []
    /// Lines about how the status was made (where policies came from).
    public var notes: [String] = []
    /// The pinned policy and the versions applied over it (`status --policy P --policy-updates DIR`).
    public var rotation: PolicyRotation?
    public var errors: [String] = []

    /// Verifies the set as of `now`. A document uses the last version `rotation` applied, or
    /// `policy` when given, otherwise the policy document in its own folder (or, failing that, the
    /// registry's top folder), if any. `blessingChecks` adds checks to each blessing (the CLI
    /// compares a folder's `onchain.json`).
    public static func build(_ set: DocumentSet, root: String, now: Timestamp, policy: Policy? = nil,
                             rotation: PolicyRotation? = nil,
                             blessingChecks: VerificationContext.ExtraBlessingChecks? = nil) -> RegistryStatus {
        var status = RegistryStatus()
        status.errors = set.errors
        status.rotation = rotation
        let policy = rotation?.applied ?? policy
        if let rotation {
            let check = rotation.check
            status.notes.append("policy: \(check.detail)" + (check.passed ? "" : " (FAILED)"))
        }
        var policies: [String: Policy] = [:]
        // With a pinned policy the folders' policies are not applied (a folder may hold a policy's
        // versions); each is checked as a version of the pinned one instead.
        for (file, document) in set.documents where document.type == .policy && policy == nil {
            guard let p = try? Policy(body: document.body) else { continue }
            if policies[folder(of: file)] != nil {
                status.errors.append("\(file): a second policy in \(folder(of: file)); which one applies would be ambiguous")
                continue
            }
            policies[folder(of: file)] = p
        }
        if policy == nil, !policies.isEmpty {
            status.notes.append("policies: taken from the registry's own folders, so only as trustworthy as the registry; pass --policy FILE to pin one")
            for (folder, p) in policies.sorted(by: { $0.key < $1.key }) {
                status.notes.append("  \(folder): '\(p.name)' v\(p.version)")
            }
        }
        let blessingFolders = Set(set.documents.filter { $0.document.type == .blessing }.map { folder(of: $0.file) })
        for file in set.onChainFiles where !blessingFolders.contains(folder(of: file)) {
            status.notes.append("\(file): no blessing in its folder to compare it with")
        }
        let folderPolicies = policies
        var context = VerificationContext(now: now, policy: policy, rotation: rotation)
        context.blessingChecks = blessingChecks
        let results = set.verify(context: context) { file in
            folderPolicies[folder(of: file)] ?? folderPolicies[root]
        }
        // One pass over the set for what blessings' timelines need, so a large registry is
        // never scanned once per document.
        let related = RelatedDocuments(set, results: results)
        var nominations: [String: [String]] = [:]
        // `verify` returns one result per document, in the set's order.
        for (result, item) in zip(results, set.documents) {
            switch result {
            case .malformed(let e):
                status.errors.append(e)
            case .report(let report):
                status.entries.append(entry(for: report, document: item.document, related: related, now: now))
                if report.type == .nomination, report.passed, let n = try? Nomination(body: item.document.body) {
                    nominations["\(n.chain)\u{0}\(n.group)", default: []].append(n.validator.address)
                }
            }
        }
        status.entries.sort { ($0.report.file ?? "") < ($1.report.file ?? "") }
        status.validators = nominations.sorted { $0.key < $1.key }.map { key, addresses in
            let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "", addresses.sorted())
        }
        return status
    }

    /// The reveals (in set order) and the number of attestations of each proposal id in a set.
    struct RelatedDocuments {
        var reveals: [String: [Reveal]] = [:]
        var attestations: [String: Int] = [:]
        /// Per proposal id, when each verified attestation finished (public rebuilds are those
        /// finished at or after the reveal's `disclosed` time).
        var finished: [String: [Timestamp]] = [:]
        /// Per proposal id, one line per verified attestation: who rebuilt it and how (isolation, platform).
        var rebuilds: [String: [String]] = [:]

        /// Only documents that verified count: an unsigned or forged reveal never makes a
        /// blessing look disclosed.
        init(_ set: DocumentSet, results: [DocumentSet.Result]) {
            for ((_, document), result) in zip(set.documents, results) {
                guard case .report(let report) = result, report.passed else { continue }
                switch document.type {
                case .reveal:
                    if let reveal = try? Reveal(body: document.body) { reveals[reveal.proposal, default: []].append(reveal) }
                case .attestation:
                    if let id = DocumentSet.referencedProposal(document) {
                        attestations[id, default: 0] += 1
                        if let attestation = try? Attestation(body: document.body) {
                            finished[id, default: []].append(attestation.finished)
                            rebuilds[id, default: []].append("rebuilt by \(attestation.builder): \(RegistryStatus.howRebuilt(attestation))")
                        }
                    }
                default:
                    break
                }
            }
        }
    }

    static func entry(for report: VerificationReport, document: Document, related: RelatedDocuments, now: Timestamp) -> Entry {
        let valid = Set(report.signatures.filter(\.isValid).map(\.keyID)).count
        var signatures = "\(valid)"
        if let threshold = report.checks.first(where: { $0.name == "threshold" }) {
            signatures += " (\(threshold.detail))"
        }
        var embargo: String?
        var timeline: [String] = []
        if report.type == .blessing, let blessing = try? Blessing(body: document.body), let e = blessing.embargo {
            timeline.append("blessed \(blessing.created)")
            if let group = report.checks.first(where: { $0.name == "embargo rebuilders" }) {
                timeline.append("group members who reproduced it privately: \(group.detail)")
            }
            let reveals = related.reveals[report.proposalID] ?? []
            if reveals.count > 1 {
                timeline.append("\(reveals.count) verified reveals for this blessing: the first is shown")
            }
            if let reveal = reveals.first {
                let ends = reveal.rolloutCompleted.adding(days: e.quietPeriodDays)
                timeline.append("rollout completed \(reveal.rolloutCompleted)")
                timeline.append("quiet period (\(e.quietPeriodDays) days) ends \(ends)")
                timeline.append("disclosed \(reveal.disclosed): " + (reveal.disclosed >= ends ? "on time" : "EARLY"))
                embargo = reveal.disclosed >= ends ? "disclosed" : "disclosed early"
                timeline.append("attestations: \(related.attestations[report.proposalID] ?? 0)")
                let publicRebuilds = (related.finished[report.proposalID] ?? []).filter { $0 >= reveal.disclosed }.count
                timeline.append("public rebuilds (finished after disclosure): \(publicRebuilds) verified attestation(s)")
            } else {
                embargo = "embargoed (\(e.quietPeriodDays)-day quiet period after rollout)"
                timeline.append("rollout completed: not yet recorded; disclosure pending")
                let earliest = blessing.created.adding(days: e.quietPeriodDays)
                if earliest <= now {
                    let cutoff = now.adding(seconds: -e.quietPeriodDays * 86_400)
                    timeline.append("disclosure OVERDUE if the rollout completed before \(cutoff) (quiet period ended since)")
                } else {
                    timeline.append("disclosure due no earlier than \(earliest) (blessing + \(e.quietPeriodDays) days)")
                }
            }
        }
        if let onChain = report.checks.first(where: { $0.name == "onchain status" }) {
            timeline.append("on chain: \(onChain.detail)")
        }
        if let rebuilders = report.checks.first(where: { $0.name == "rebuilders" }) {
            timeline.append("rebuilders: \(rebuilders.detail)")
        }
        if report.type == .blessing { timeline += related.rebuilds[report.proposalID] ?? [] }
        if report.type == .attestation, let attestation = try? Attestation(body: document.body) {
            timeline.append("rebuilt by \(attestation.builder): \(howRebuilt(attestation))")
        }
        return Entry(report: report, signatures: signatures, embargo: embargo, timeline: timeline)
    }

    /// How a rebuilder ran its build: "isolation bubblewrap (linux x86_64, kernel 6.1, Debian …)";
    /// attestations made before `isolation` was recorded say "isolation not recorded".
    static func howRebuilt(_ attestation: Attestation) -> String {
        let isolation = attestation.isolation.map { "isolation \($0.rawValue)" } ?? "isolation not recorded"
        guard let p = attestation.platform else { return isolation }
        return "\(isolation) (\(p.os) \(p.arch), kernel \(p.kernel), \(p.distribution))"
    }

    static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return String(file[..<slash])
    }

    /// The status as lines for a terminal; control characters taken from documents are escaped
    /// (`TerminalText`).
    public var lines: [String] {
        var out: [String] = notes
        for e in entries {
            let r = e.report
            out.append("\(r.passed ? "ok  " : "FAIL") \(r.type.rawValue.padding(12)) \((r.chain ?? "-").padding(20)) \(r.title ?? "")")
            out.append("     \(r.file ?? "-")  \(r.proposalID.prefix(23))…  signatures: \(e.signatures)")
            if let embargo = e.embargo { out.append("     embargo: \(embargo)") }
            for t in e.timeline { out.append("       \(t)") }
            for c in r.checks where !c.passed { out.append("     failed \(c.name): \(c.detail)") }
        }
        if !validators.isEmpty {
            out.append("validators with valid nominations:")
            for v in validators {
                out.append("  \(v.chain) / \(v.group): \(v.addresses.joined(separator: ", "))")
            }
        }
        return out.map(TerminalText.escape)
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("documents", .array(entries.map { e in
                var o = e.report.json.objectValue ?? JSONObject()
                o["signatures_summary"] = .string(e.signatures)
                if let embargo = e.embargo { o["embargo"] = .string(embargo) }
                o["timeline"] = .array(e.timeline.map { .string($0) })
                return .object(o)
            })),
            ("validators", .array(validators.map {
                .object(JSONObject([("chain", .string($0.chain)), ("group", .string($0.group)),
                                    ("addresses", .array($0.addresses.map { .string($0) }))]))
            })),
            ("errors", .array(errors.map { .string($0) })),
        ] + (rotation.map { [("policy", $0.json)] } ?? [])))
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
