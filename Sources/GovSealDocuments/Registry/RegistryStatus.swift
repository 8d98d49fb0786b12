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
    public var errors: [String] = []

    /// Verifies the set as of `now`. A document uses `policy` when given, otherwise the policy
    /// document in its own folder (or, failing that, the registry's top folder), if any.
    public static func build(_ set: DocumentSet, root: String, now: Timestamp, policy: Policy? = nil) -> RegistryStatus {
        var status = RegistryStatus()
        status.errors = set.errors
        var policies: [String: Policy] = [:]
        for (file, document) in set.documents where document.type == .policy {
            if let p = try? Policy(body: document.body) { policies[folder(of: file)] = p }
        }
        let folderPolicies = policies
        let results = set.verify(context: VerificationContext(now: now, policy: policy)) { file in
            folderPolicies[folder(of: file)] ?? folderPolicies[root]
        }
        var nominations: [String: [String]] = [:]
        for result in results {
            switch result {
            case .malformed(let e):
                status.errors.append(e)
            case .report(let report):
                status.entries.append(entry(for: report, set: set, now: now))
                if report.type == .nomination, report.passed,
                   let doc = set.documents.first(where: { $0.file == report.file })?.document,
                   let n = try? Nomination(body: doc.body) {
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

    static func entry(for report: VerificationReport, set: DocumentSet, now: Timestamp) -> Entry {
        let valid = Set(report.signatures.filter(\.isValid).map(\.keyID)).count
        var signatures = "\(valid)"
        if let threshold = report.checks.first(where: { $0.name == "threshold" }) {
            signatures += " (\(threshold.detail))"
        }
        var embargo: String?
        var timeline: [String] = []
        if report.type == .blessing, let doc = set.documents.first(where: { $0.file == report.file })?.document,
           let blessing = try? Blessing(body: doc.body), let e = blessing.embargo {
            let reveals = set.documents.compactMap { item -> Reveal? in
                guard item.document.type == .reveal, let r = try? Reveal(body: item.document.body),
                      r.proposal == report.proposalID else { return nil }
                return r
            }
            timeline.append("blessed \(blessing.created)")
            if let reveal = reveals.first {
                let ends = reveal.rolloutCompleted.adding(days: e.quietPeriodDays)
                timeline.append("rollout completed \(reveal.rolloutCompleted)")
                timeline.append("quiet period (\(e.quietPeriodDays) days) ends \(ends)")
                timeline.append("disclosed \(reveal.disclosed): " + (reveal.disclosed >= ends ? "on time" : "EARLY"))
                embargo = reveal.disclosed >= ends ? "disclosed" : "disclosed early"
                let attestations = set.documents.filter {
                    $0.document.type == .attestation && DocumentSet.referencedProposal($0.document) == report.proposalID
                }
                timeline.append("attestations: \(attestations.count)")
            } else {
                embargo = "embargoed (\(e.quietPeriodDays)-day quiet period after rollout)"
                timeline.append("rollout completed: not yet recorded; disclosure pending")
            }
        }
        if let rebuilders = report.checks.first(where: { $0.name == "rebuilders" }) {
            timeline.append("rebuilders: \(rebuilders.detail)")
        }
        return Entry(report: report, signatures: signatures, embargo: embargo, timeline: timeline)
    }

    static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return String(file[..<slash])
    }

    public var lines: [String] {
        var out: [String] = []
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
        return out
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
        ]))
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
