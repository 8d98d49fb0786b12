import GovSealChains
import GovSealDocuments
import GovSealJSON

/// The proposal JSON file the Cosmos SDK's `tx gov submit-proposal` reads (x/gov v1,
/// cosmos-sdk x/gov/client/cli/tx.go): `messages`, `metadata`, `deposit`, `title`, `summary`,
/// `expedited`, with the SDK's own field names.
///
/// A blessing becomes a software upgrade: one `/cosmos.upgrade.v1beta1.MsgSoftwareUpgrade`
/// whose `authority` is the gov module account and whose `plan.info` carries cosmovisor's
/// `binaries` with checksums. A nomination becomes a text proposal (no messages) carrying the
/// signed nomination document.
public enum CosmosProposal {
    /// The SDK's default `MaxMetadataLen` (x/gov `DefaultConfig`).
    public static let maxMetadataLength = 255
    /// The SDK's default `MaxTitleLen` (x/gov `DefaultConfig`, v0.50).
    public static let maxTitleLength = 255
    /// The SDK's default `MaxSummaryLen` (x/gov `DefaultConfig`).
    public static let maxSummaryLength = 10200
    /// The `@type` of the upgrade message (cosmos-sdk x/upgrade, proto `cosmos.upgrade.v1beta1`).
    public static let softwareUpgradeType = "/cosmos.upgrade.v1beta1.MsgSoftwareUpgrade"

    /// What the command line adds to the document.
    public struct Options: Sendable {
        /// The upgrade plan's name (a blessing; defaults to `release.version`).
        public var planName: String?
        /// The block height of the upgrade (a blessing; required, > 0).
        public var height: Int64?
        /// The initial deposit, e.g. `10000000uatom`.
        public var deposit: String
        public var expedited: Bool
        /// Proposal metadata (a blessing; defaults to the document's proposal id).
        public var metadata: String?
        /// The bech32 prefix for a chain not in the built-in table.
        public var bech32Prefix: String?
        /// Artifact name → cosmovisor platform (`linux/amd64`), in the order given.
        public var platforms: [(artifact: String, platform: String)]

        public init(planName: String? = nil, height: Int64? = nil, deposit: String, expedited: Bool = false,
                    metadata: String? = nil, bech32Prefix: String? = nil, platforms: [(artifact: String, platform: String)] = []) {
            self.planName = planName
            self.height = height
            self.deposit = deposit
            self.expedited = expedited
            self.metadata = metadata
            self.bech32Prefix = bech32Prefix
            self.platforms = platforms
        }
    }

    /// The exported proposal and what the user should know about it.
    public struct Export: Sendable {
        /// The `submit-proposal` JSON.
        public let json: JSONValue
        /// Things said to the user on stderr (e.g. that the document did not fit in metadata).
        public let notes: [String]
    }

    /// The `submit-proposal` JSON for a blessing or a nomination on a `cosmos:*` chain.
    ///
    /// Throws `ExportError`: `.unsupportedDocument` for other types, `.wrongChain`,
    /// `.incompleteArtifact` for an artifact with no URL or no platform (naming it), `.unsafeURL`
    /// for a URL `ArtifactURL` refuses (one holding its own `checksum` parameter in any spelling),
    /// `.readBackMismatch` when `plan.info` read back as cosmovisor and go-getter read it would not
    /// check exactly the blessed digests,
    /// `.invalidOption` for a bad or missing option, `.tooLong` past the SDK's default limits,
    /// `.unsafeText` for a title, summary, repository, version, artifact name, group or statement
    /// holding control or layout characters (`ExportText`; a summary or statement may keep newlines
    /// and tabs);
    /// `DocumentError` for a malformed body.
    public static func export(_ document: Document, options: Options) throws -> Export {
        try CosmosCoins.validate(options.deposit)
        switch try DocumentBody(document) {
        case .blessing(let blessing):
            return try upgrade(document, blessing, options: options)
        case .nomination(let nomination):
            return try CosmosNominationProposal.text(document, nomination, options: options)
        default:
            throw ExportError(.unsupportedDocument, place: "type",
                              "'cosmos' exports a blessing or a nomination, not a \(document.type.rawValue)")
        }
    }

    static func upgrade(_ document: Document, _ blessing: Blessing, options: Options) throws -> Export {
        let chainID = try ExportBody.reference(of: blessing.chain, namespace: "cosmos", format: "cosmos")
        guard let name = options.planName ?? blessing.version else {
            throw ExportError(.invalidOption, place: "--plan-name", "is required (the blessing has no release.version to default to)")
        }
        try validatePlanName(name)
        guard let height = options.height else {
            throw ExportError(.invalidOption, place: "--height", "is required: the block height of the upgrade")
        }
        guard height > 0 else {
            throw ExportError(.invalidOption, place: "--height", "must be a positive block height, got \(height)")
        }
        let info = try Cosmovisor.planInfo(try binaries(blessing, platforms: options.platforms))
        let plan = JSONObject([("name", .string(name)), ("height", .string(String(height))), ("info", .string(info))])
        let message = JSONObject([
            ("@type", .string(softwareUpgradeType)),
            ("authority", .string(try govAuthority(chainID: chainID, override: options.bech32Prefix))),
            ("plan", .object(plan)),
        ])
        // The title and summary are what explorers, wallets and `query gov proposal` show voters.
        try ExportText.requireBlessingText(blessing)
        let metadata = options.metadata ?? document.proposalID
        try checkLength(metadata, max: maxMetadataLength, place: "--metadata", what: "metadata", limit: "MaxMetadataLen")
        try checkLength(blessing.title, max: maxTitleLength, place: "body.title", what: "title", limit: "MaxTitleLen")
        let summary = upgradeSummary(document, blessing)
        try checkLength(summary, max: maxSummaryLength, place: "body.summary", what: "summary", limit: "MaxSummaryLen")
        return Export(json: proposalJSON(messages: [.object(message)], metadata: metadata, options: options,
                                         title: blessing.title, summary: summary), notes: [])
    }

    /// Each artifact's platform, first URL (parsed strictly, see `ArtifactURL`) and SHA-256, in
    /// the blessing's order.
    static func binaries(_ blessing: Blessing, platforms: [(artifact: String, platform: String)]) throws -> [Cosmovisor.Binary] {
        var seen: [String: String] = [:]
        for (artifact, platform) in platforms {
            try Cosmovisor.validatePlatform(platform)
            guard blessing.artifacts.contains(where: { $0.name == artifact }) else {
                throw ExportError(.invalidOption, place: "--platform", "'\(artifact)' names no artifact of the blessing")
            }
            if let other = seen[platform] {
                throw ExportError(.invalidOption, place: "--platform", "both '\(other)' and '\(artifact)' are for \(platform)")
            }
            seen[platform] = artifact
        }
        return try blessing.artifacts.enumerated().map { index, artifact in
            let mapped = platforms.filter { $0.artifact == artifact.name }
            guard let platform = mapped.first?.platform else {
                throw ExportError(.incompleteArtifact, place: "artifact '\(artifact.name)'",
                                  "has no platform (pass --platform \(artifact.name)=linux/amd64)")
            }
            guard mapped.count == 1 else {
                throw ExportError(.invalidOption, place: "--platform", "'\(artifact.name)' is given more than one platform")
            }
            guard let url = artifact.urls.first else {
                throw ExportError(.incompleteArtifact, place: "artifact '\(artifact.name)'",
                                  "has no URL for cosmovisor to download it from (add one with --url when making the blessing)")
            }
            let parsed = try ArtifactURL(parsing: url, place: "body.release.artifacts[\(index)].urls[0]", artifact: artifact.name)
            return Cosmovisor.Binary(platform: platform, url: parsed, sha256: artifact.sha256)
        }
    }

    /// The gov module account, the `authority` of governance-gated messages.
    static func govAuthority(chainID: String, override: String?) throws -> String {
        do {
            let prefix = try Cosmos.bech32Prefix(chainID: chainID, override: override)
            return try Cosmos.moduleAddress("gov", prefix: prefix)
        } catch {
            throw ExportError(.invalidOption, place: "--bech32-prefix", "\(error)")
        }
    }

    /// x/upgrade requires a non-empty name; cosmovisor makes it a folder name, so no `/`,
    /// no whitespace or control characters, and not `.` or `..`.
    static func validatePlanName(_ name: String) throws {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 140, name != ".", name != "..",
              !bytes.contains(where: { $0 <= 0x20 || $0 == 0x7f || $0 == 0x2f || $0 == 0x5c }) else {
            throw ExportError(.invalidOption, place: "--plan-name",
                              "'\(name)' is not a usable upgrade name (it becomes cosmovisor's folder name: no spaces, '/' or '\\')")
        }
    }

    /// The proposal summary: the proposer's free text quoted (each line after `> `, as
    /// `ICAdminProposal` quotes it), so that it cannot pose as the source and artifact lines
    /// govseal writes from the blessed values, then those lines.
    static func upgradeSummary(_ document: Document, _ blessing: Blessing) -> String {
        var lines = blessing.summary.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 } + [""]
        lines.append("Source: \(blessing.source.repository) at commit \(blessing.source.commit)")
        lines.append("Artifacts (SHA-256):")
        lines += blessing.artifacts.map { "- \($0.name): \($0.sha256)" }
        lines.append("govseal proposal: \(document.proposalID)")
        return lines.joined(separator: "\n")
    }

    static func checkLength(_ text: String, max: Int, place: String, what: String, limit: String) throws {
        let count = text.utf8.count
        guard count <= max else {
            throw ExportError(.tooLong, place: place,
                              "the \(what) is \(count) bytes; the Cosmos SDK's default \(limit) is \(max)")
        }
    }

    static func proposalJSON(messages: [JSONValue], metadata: String, options: Options, title: String, summary: String) -> JSONValue {
        .object(JSONObject([
            ("messages", .array(messages)),
            ("metadata", .string(metadata)),
            ("deposit", .string(options.deposit)),
            ("title", .string(title)),
            ("summary", .string(summary)),
            ("expedited", .bool(options.expedited)),
        ]))
    }
}
