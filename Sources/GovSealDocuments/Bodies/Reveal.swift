import GovSealJSON

/// The foundation's disclosure of an embargoed release's source, after the rollout.
public struct Reveal: Sendable, Equatable {
    /// The proposal id of the blessing (`sha256:` + 64 hex).
    public var proposal: String
    public var chain: String
    public var source: Blessing.Source
    public var rolloutCompleted: Timestamp
    public var disclosed: Timestamp
    public var advisory: String?
    public private(set) var warnings: [String] = []

    public init(proposal: String, chain: String, source: Blessing.Source, rolloutCompleted: Timestamp,
                disclosed: Timestamp, advisory: String? = nil) {
        self.proposal = proposal
        self.chain = chain
        self.source = source
        self.rolloutCompleted = rolloutCompleted
        self.disclosed = disclosed
        self.advisory = advisory
    }

    public init(body: JSONObject) throws {
        var r = try FieldReader(.object(body), path: "body")
        proposal = try Validate.proposalID(try r.string("proposal"), path: r.childPath("proposal"))
        chain = try Validate.chain(try r.string("chain"), path: r.childPath("chain"))
        var src = try r.object("source")
        source = try Blessing.readSource(&src)
        rolloutCompleted = try r.timestamp("rollout_completed")
        disclosed = try r.timestamp("disclosed")
        advisory = try r.optionalString("advisory")
        warnings = src.unknownMembers() + r.unknownMembers()
    }

    public var json: JSONObject {
        var body = JSONObject([
            ("proposal", .string(proposal)), ("chain", .string(chain)), ("source", Blessing.sourceJSON(source)),
            ("rollout_completed", .string(rolloutCompleted.text)), ("disclosed", .string(disclosed.text)),
        ])
        if let advisory { body["advisory"] = .string(advisory) }
        return body
    }
}
