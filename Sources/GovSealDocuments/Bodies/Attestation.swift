import GovSealJSON
import GovSealSource

/// A rebuilder's in-toto Statement v1 that it rebuilt the disclosed source to these digests.
public struct Attestation: Sendable, Equatable {
    public static let statementType = "https://in-toto.io/Statement/v1"
    public static let predicateType = "https://govseal.dev/rebuild/v1"

    public struct Subject: Sendable, Equatable {
        public var name: String
        public var sha256: String
        public init(name: String, sha256: String) {
            self.name = name
            self.sha256 = sha256
        }
    }

    public var subjects: [Subject]
    public var proposal: String
    public var repository: String
    public var commit: String
    public var command: String
    public var environment: String?
    public var builder: String
    public var finished: Timestamp
    /// The machine the rebuild ran on (`predicate.platform`), as `attest` records it.
    public var platform: Platform?
    /// How the build ran (`predicate.isolation`): a verifier sees whether it was sandboxed.
    public var isolation: Isolation?
    public private(set) var warnings: [String] = []

    /// `predicate.platform`: operating system, architecture, kernel release, distribution.
    public typealias Platform = BuildPlatform

    /// `predicate.isolation`: `bubblewrap` (the build ran in govseal's sandbox) or `none` (`--no-sandbox`).
    public typealias Isolation = BuildIsolation

    public init(subjects: [Subject], proposal: String, repository: String, commit: String, command: String,
                environment: String? = nil, builder: String, finished: Timestamp,
                platform: Platform? = nil, isolation: Isolation? = nil) {
        self.subjects = subjects
        self.proposal = proposal
        self.repository = repository
        self.commit = commit
        self.command = command
        self.environment = environment
        self.builder = builder
        self.finished = finished
        self.platform = platform
        self.isolation = isolation
    }

    public init(body: JSONObject) throws {
        var r = try FieldReader(.object(body), path: "body")
        let type = try r.string("_type")
        guard type == Self.statementType else {
            throw DocumentError(.invalidValue, path: "body._type", "expected '\(Self.statementType)'")
        }
        var subjects: [Subject] = []
        var names: [[UInt8]: Int] = [:]
        for (i, item) in try r.array("subject").enumerated() {
            var s = try FieldReader(item, path: BodyPath.index(i, of: "body.subject"))
            let name = try s.string("name")
            // Two subjects with one name would make "the digest of NAME" ambiguous.
            if let first = names.updateValue(i, forKey: Array(name.utf8)) {
                throw DocumentError(.invalidValue, path: s.childPath("name"), "the same name as body.subject[\(first)].name")
            }
            var d = try s.object("digest")
            subjects.append(Subject(name: name, sha256: try d.hex("sha256", lengths: [32])))
            warnings += d.unknownMembers() + s.unknownMembers()
        }
        self.subjects = subjects
        let predicateType = try r.string("predicateType")
        guard predicateType == Self.predicateType else {
            throw DocumentError(.invalidValue, path: "body.predicateType", "expected '\(Self.predicateType)'")
        }
        var p = try r.object("predicate")
        proposal = try Validate.proposalID(try p.string("proposal"), path: p.childPath("proposal"))
        var src = try p.object("source")
        repository = try src.string("repository", maxLength: 4096)
        commit = try src.hex("commit", lengths: [20, 32])
        command = try p.string("command")
        environment = try p.optionalString("environment")
        builder = try p.string("builder", maxLength: 1024)
        finished = try p.timestamp("finished")
        if var platform = try p.optionalObject("platform") {
            self.platform = Platform(os: try platform.string("os", maxLength: 256), arch: try platform.string("arch", maxLength: 256),
                                     kernel: try platform.string("kernel", maxLength: 256),
                                     distribution: try platform.string("distribution", maxLength: 1024))
            warnings += platform.unknownMembers()
        }
        if let isolation = try p.optionalString("isolation") {
            guard let known = Isolation(rawValue: isolation) else {
                throw DocumentError(.invalidValue, path: p.childPath("isolation"), "expected 'bubblewrap' or 'none'")
            }
            self.isolation = known
        }
        warnings += src.unknownMembers() + p.unknownMembers() + r.unknownMembers()
    }

    public var json: JSONObject {
        var predicate = JSONObject([
            ("proposal", .string(proposal)),
            ("source", .object(JSONObject([("repository", .string(repository)), ("commit", .string(commit))]))),
            ("command", .string(command)),
        ])
        if let environment { predicate["environment"] = .string(environment) }
        predicate["builder"] = .string(builder)
        predicate["finished"] = .string(finished.text)
        if let platform {
            predicate["platform"] = .object(JSONObject([("os", .string(platform.os)), ("arch", .string(platform.arch)),
                                                        ("kernel", .string(platform.kernel)),
                                                        ("distribution", .string(platform.distribution))]))
        }
        if let isolation { predicate["isolation"] = .string(isolation.rawValue) }
        return JSONObject([
            ("_type", .string(Self.statementType)),
            ("subject", .array(subjects.map {
                .object(JSONObject([("name", .string($0.name)), ("digest", .object(JSONObject([("sha256", .string($0.sha256))])))]))
            })),
            ("predicateType", .string(Self.predicateType)),
            ("predicate", .object(predicate)),
        ])
    }
}
