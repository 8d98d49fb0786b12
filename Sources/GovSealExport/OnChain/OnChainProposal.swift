import GovSealDocuments
import GovSealJSON

/// A governance proposal exactly as a chain's own tools print it, saved by the user and read
/// offline (`govseal verify BLESSING --onchain FILE`): what the chain will execute if the vote
/// passes, to be compared with the signed blessing (`OnChainComparison`).
///
/// Shapes read:
/// - Cosmos SDK x/gov v1: `<daemon> q gov proposal ID -o json` of SDK v0.47 (the `Proposal`
///   object itself), and the query response `{"proposal": {…}}` that v0.50+ (autocli) prints and
///   that the REST endpoint `/cosmos/gov/v1/proposals/ID` returns. Both are Go protobuf JSON:
///   snake_case names, 64-bit integers as strings, `Any` messages with `@type`.
/// - Internet Computer: the public dashboard API's proposal
///   (`ic-api.internetcomputer.org/api/v3/proposals/ID`), whose `payload` is decoded JSON.
///
/// Refused as bad input (`ExportError.malformedOnChain`, naming the JSON path): anything else,
/// including gov v1beta1 (`content`), a list of proposals, and the NNS governance canister's
/// `ProposalInfo` (`get_proposal_info`, as dfx and Rosetta print it), whose election payload is
/// Candid bytes that govseal does not decode.
public struct OnChainProposal: Sendable {
    /// Which tool's output the file is.
    public enum Source: String, Sendable {
        case cosmosProposal = "Cosmos SDK gov v1 proposal (q gov proposal -o json, SDK v0.47)"
        case cosmosQueryResponse = "Cosmos SDK gov v1 query response {\"proposal\": …} (q gov proposal, SDK v0.50+; REST /cosmos/gov/v1/proposals/ID)"
        case icDashboard = "Internet Computer dashboard API proposal (ic-api.internetcomputer.org/api/v3/proposals/ID)"
    }

    /// Where the proposal is in its life, across chains.
    public enum Stage: String, Sendable {
        case depositPeriod = "deposit period"
        case voting
        case passed
        case rejected
        case failed
        case adopted
        case executed
        case unspecified
    }

    /// What the proposal would do.
    public enum Content: Sendable {
        /// A Cosmos proposal's messages, in order.
        case cosmos([CosmosMessage])
        /// An NNS proposal's action.
        case icp(ICAction)
    }

    /// One message of a Cosmos proposal.
    public struct CosmosMessage: Sendable {
        /// The message's `@type`.
        public let type: String
        /// Its JSON path (`proposal.messages[0]`).
        public let path: String
        /// The decoded message when it is a `MsgSoftwareUpgrade`.
        public let upgrade: SoftwareUpgrade?
    }

    /// A `/cosmos.upgrade.v1beta1.MsgSoftwareUpgrade`.
    public struct SoftwareUpgrade: Sendable {
        public let authority: String
        public let planName: String
        public let planHeight: UInt64
        /// `plan.info` as the chain holds it (cosmovisor reads the binaries from it).
        public let info: String
    }

    /// An NNS proposal's action and, for an IC-OS election, its payload.
    public struct ICAction: Sendable {
        /// The dashboard's action name (`ReviseElectedGuestosVersions`, `InstallCode`, …).
        public let name: String
        /// The election payload for `ReviseElectedGuestosVersions`, `UpdateElectedReplicaVersions`
        /// and `BlessReplicaVersion`; nil for any other action.
        public let election: ICElection?
    }

    /// The GuestOS version a proposal elects and where nodes download it from.
    public struct ICElection: Sendable {
        /// The version elected (a git commit id): `replica_version_to_elect`, or
        /// `replica_version_id` for `BlessReplicaVersion`; nil when the proposal only unelects.
        public let version: String?
        /// `release_package_sha256_hex`.
        public let sha256: String?
        /// `release_package_urls` (and a legacy `release_package_url`), in order.
        public let urls: [String]
        /// The payload's JSON path.
        public let path: String
    }

    public let source: Source
    /// The proposal's number on its chain.
    public let id: String
    /// The status as the chain spells it (`PROPOSAL_STATUS_VOTING_PERIOD`, `EXECUTED`).
    public let status: String
    public let stage: Stage
    /// The proposal's times in order (submitted, voting start and end, decided, executed …).
    public let window: [(label: String, time: Timestamp)]
    public let title: String?
    public let summary: String?
    public let metadata: String?
    public let content: Content

    /// Reads a proposal from the bytes of a saved file (UTF-8 JSON, at most 16 MiB, no duplicate
    /// member names). Throws `ExportError.malformedOnChain` naming the JSON path.
    public init(bytes: [UInt8]) throws {
        let json: JSONValue
        do {
            json = try JSONReader.parse(bytes, limits: .general)
        } catch let error as JSONError {
            throw OnChainObject.fail(error.path, "\(error.reason) (line \(error.line), column \(error.column))")
        }
        try self.init(json: json)
    }

    /// Reads a proposal from parsed JSON; throws `ExportError.malformedOnChain` naming the JSON
    /// path of what is missing, malformed or of a shape govseal does not read.
    public init(json: JSONValue) throws {
        let top = try OnChainObject(json, path: "")
        if top.object.count == 1, let inner = top.raw("proposal"), inner.objectValue != nil {
            let proposal = try OnChainObject(inner, path: "proposal")
            if proposal.raw("action") != nil || proposal.raw("id")?.objectValue != nil {
                throw OnChainObject.fail("proposal", "this is the NNS governance canister's ProposalInfo (get_proposal_info): its "
                                         + "election payload is Candid bytes govseal does not decode; save the dashboard API's "
                                         + "proposal (ic-api.internetcomputer.org/api/v3/proposals/ID) instead")
            }
            self = try CosmosGovReader.read(proposal, source: .cosmosQueryResponse)
        } else if top.raw("messages") != nil {
            self = try CosmosGovReader.read(top, source: .cosmosProposal)
        } else if top.raw("content") != nil || top.raw("proposal_id") != nil && top.raw("action") == nil {
            throw OnChainObject.fail(top.raw("content") != nil ? "content" : "proposal_id",
                                     "a Cosmos SDK gov v1beta1 proposal (content); govseal reads gov v1 proposals (messages)")
        } else if top.raw("action") != nil, top.raw("proposal_id") != nil {
            self = try ICDashboardReader.read(top)
        } else if top.raw("proposals") != nil || top.raw("data") != nil {
            throw OnChainObject.fail(top.raw("proposals") != nil ? "proposals" : "data", "a list of proposals; save the one proposal (by its id)")
        } else {
            throw OnChainObject.fail("", "neither a Cosmos SDK gov v1 proposal (messages, or {\"proposal\": …}) nor an Internet "
                                     + "Computer dashboard proposal (proposal_id, action, payload)")
        }
    }

    init(source: Source, id: String, status: String, stage: Stage, window: [(label: String, time: Timestamp)],
         title: String?, summary: String?, metadata: String?, content: Content) {
        self.source = source
        self.id = id
        self.status = status
        self.stage = stage
        self.window = window
        self.title = title
        self.summary = summary
        self.metadata = metadata
        self.content = content
    }
}
