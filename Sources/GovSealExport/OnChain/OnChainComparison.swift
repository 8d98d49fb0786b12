import GovSealDocuments

/// Compares a proposal as its chain holds it (`OnChainProposal`) with the signed blessing, one
/// named check per binding, every check prefixed `onchain`. A verifier passes only when each
/// passes: a difference in any binding the chain would act on is a failed check (exit 1).
///
/// Always: `onchain status` (the chain's status and voting window; informational, it passes),
/// `onchain chain` (a Cosmos proposal for a `cosmos:*` blessing, an NNS proposal for `icp:*`), and
/// `onchain proposal id` (every govseal proposal id the title, summary or metadata names is the
/// blessing's). Then each chain's bindings: `CosmosOnChainChecks`, `ICOnChainChecks`.
public enum OnChainComparison {
    /// What the command line adds to the comparison.
    public struct Options: Sendable {
        /// The upgrade plan's name to expect (Cosmos).
        public var planName: String?
        /// The upgrade height to expect (Cosmos).
        public var height: UInt64?
        /// Artifact name → cosmovisor platform, as `export cosmos --platform` takes them. Without
        /// any, each on-chain binary is matched to the blessed artifact of the same digest.
        public var platforms: [(artifact: String, platform: String)]
        /// The artifact that is the IC release package (default: the only one, or the one whose
        /// digest the proposal names).
        public var artifact: String?
        /// The bech32 prefix for a Cosmos chain not in the built-in table.
        public var bech32Prefix: String?

        public init(planName: String? = nil, height: UInt64? = nil, platforms: [(artifact: String, platform: String)] = [],
                    artifact: String? = nil, bech32Prefix: String? = nil) {
            self.planName = planName
            self.height = height
            self.platforms = platforms
            self.artifact = artifact
            self.bech32Prefix = bech32Prefix
        }
    }

    /// Every check of `proposal` against `blessing`, whose proposal id is `proposalID`.
    public static func checks(_ proposal: OnChainProposal, blessing: Blessing, proposalID: String,
                              options: Options = Options()) -> [Check] {
        var checks = [status(proposal)]
        let namespace: String
        switch proposal.content {
        case .cosmos: namespace = "cosmos"
        case .icp: namespace = "icp"
        }
        guard blessing.chain.hasPrefix(namespace + ":") else {
            checks.append(Check("onchain chain", passed: false,
                                "the file reads as \(proposal.source.rawValue), and the blessing is for '\(blessing.chain)'"))
            return checks
        }
        checks.append(Check("onchain chain", passed: true, "\(proposal.source.rawValue), for a \(namespace):* blessing"))
        checks.append(namedProposalIDs(proposal, proposalID: proposalID))
        switch proposal.content {
        case .cosmos(let messages):
            checks += CosmosOnChainChecks.run(messages, blessing: blessing, options: options)
        case .icp(let action):
            checks += ICOnChainChecks.run(action, blessing: blessing, options: options)
        }
        return checks
    }

    /// The chain's proposal number, status and voting window. Informational: it always passes.
    static func status(_ proposal: OnChainProposal) -> Check {
        let window = proposal.window.map { "\($0.label) \($0.time)" }.joined(separator: ", ")
        return Check("onchain status", passed: true,
                     "proposal \(proposal.id): \(proposal.status) (\(proposal.stage.rawValue))" + (window.isEmpty ? "" : "; \(window)"))
    }

    /// Every govseal proposal id the proposal names must be the blessing's: a `sha256:<64 hex>`
    /// anywhere in the metadata (where `export cosmos` puts it), or on a line of the title or
    /// summary that says `govseal` (as both exports write it; other `sha256:` digests, such as
    /// binaries' checksums listed in a summary, are not proposal ids).
    static func namedProposalIDs(_ proposal: OnChainProposal, proposalID: String) -> Check {
        var others: [String] = []
        var matched: [String] = []
        for (field, text) in [("title", proposal.title), ("summary", proposal.summary), ("metadata", proposal.metadata)] {
            guard let text else { continue }
            let lines = field == "metadata" ? [Substring(text)]
                : text.split(whereSeparator: \.isNewline).filter { $0.lowercased().contains("govseal") }
            for id in lines.flatMap({ proposalIDs(in: String($0)) }) {
                if id == proposalID { matched.append(field) } else { others.append("the \(field) names \(id)") }
            }
        }
        if !others.isEmpty {
            return Check("onchain proposal id", passed: false, others.joined(separator: "; ") + ", not the blessing's \(proposalID)")
        }
        if matched.isEmpty {
            return Check("onchain proposal id", passed: true, "the title, summary and metadata name no govseal proposal id (nothing to compare)")
        }
        return Check("onchain proposal id", passed: true, "the \(Set(matched).sorted().joined(separator: ", ")) name the blessing's \(proposalID)")
    }

    /// The `sha256:` followed by 64 lowercase hex digits in `text` (a longer hex run is not one).
    static func proposalIDs(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        let marker = Array("sha256:".utf8)
        var found: [String] = []
        var index = 0
        while index + marker.count + 64 <= bytes.count {
            if bytes[index..<index + marker.count].elementsEqual(marker) {
                let start = index + marker.count
                var end = start
                while end < bytes.count, isHex(bytes[end]) { end += 1 }
                if end - start == 64 { found.append(String(decoding: bytes[index..<end], as: UTF8.self)) }
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
    }
}
