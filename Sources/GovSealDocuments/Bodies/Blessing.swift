import GovSealJSON

/// A foundation's blessing of a release: artifact digests, the source commit, the build
/// recipe, optionally under embargo (DESIGN.md, "Bodies").
public struct Blessing: Sendable, Equatable {
    public struct Source: Sendable, Equatable {
        public var repository: String
        /// 40 (SHA-1) or 64 (SHA-256) lowercase hex digits.
        public var commit: String
        public var tree: String?
        /// The tree id of the folder `git archive <commit>` produces (after `export-ignore`,
        /// `export-subst` and end-of-line attributes), recorded when it differs from `tree`: a
        /// forge's source tarball of the commit is checked against it without history.
        public var archiveTree: String?
        public init(repository: String, commit: String, tree: String? = nil, archiveTree: String? = nil) {
            self.repository = repository
            self.commit = commit
            self.tree = tree
            self.archiveTree = archiveTree
        }
    }

    public struct Artifact: Sendable, Equatable {
        /// A plain file name (no `/`, not `.` or `..`): how the artifact is found in `--artifacts DIR`.
        public var name: String
        public var size: UInt64
        public var sha256: String
        public var sha512: String?
        public var urls: [String]
        public init(name: String, size: UInt64, sha256: String, sha512: String? = nil, urls: [String] = []) {
            self.name = name
            self.size = size
            self.sha256 = sha256
            self.sha512 = sha512
            self.urls = urls
        }
    }

    public struct Build: Sendable, Equatable {
        /// A shell command run from the source root.
        public var command: String
        /// E.g. a container image pinned by digest; free text.
        public var environment: String?
        /// Artifact name → path of the output relative to the source root.
        public var outputs: [(artifact: String, path: String)]
        public init(command: String, environment: String? = nil, outputs: [(artifact: String, path: String)]) {
            self.command = command
            self.environment = environment
            self.outputs = outputs
        }
        public static func == (l: Build, r: Build) -> Bool {
            l.command == r.command && l.environment == r.environment
                && l.outputs.map(\.artifact) == r.outputs.map(\.artifact) && l.outputs.map(\.path) == r.outputs.map(\.path)
        }
    }

    public struct Embargo: Sendable, Equatable {
        public var reason: String
        public var quietPeriodDays: Int64
        public init(reason: String, quietPeriodDays: Int64) {
            self.reason = reason
            self.quietPeriodDays = quietPeriodDays
        }
    }

    public var chain: String
    public var title: String
    public var summary: String
    public var proposer: String
    public var version: String?
    public var source: Source
    public var artifacts: [Artifact]
    public var build: Build?
    public var embargo: Embargo?
    public var created: Timestamp
    public var expires: Timestamp?
    /// Paths of body members govseal does not know (kept and signed over).
    public private(set) var warnings: [String] = []

    public init(chain: String, title: String, summary: String, proposer: String, version: String? = nil,
                source: Source, artifacts: [Artifact], build: Build? = nil, embargo: Embargo? = nil,
                created: Timestamp, expires: Timestamp? = nil) {
        self.chain = chain
        self.title = title
        self.summary = summary
        self.proposer = proposer
        self.version = version
        self.source = source
        self.artifacts = artifacts
        self.build = build
        self.embargo = embargo
        self.created = created
        self.expires = expires
    }

    /// Validates and reads a blessing body; throws `DocumentError` with the JSON path (under `body`).
    public init(body: JSONObject) throws {
        var r = try FieldReader(.object(body), path: "body")
        chain = try Validate.chain(try r.string("chain"), path: r.childPath("chain"))
        title = try r.string("title", maxLength: 1024)
        summary = try r.string("summary")
        proposer = try r.string("proposer", maxLength: 1024)
        var release = try r.object("release")
        version = try release.optionalString("version")
        var src = try release.object("source")
        source = try Self.readSource(&src)
        var artifacts: [Artifact] = []
        var names = Set<String>()
        for (i, item) in try release.array("artifacts").enumerated() {
            var a = try FieldReader(item, path: BodyPath.index(i, of: release.childPath("artifacts")))
            let name = try Validate.artifactName(try a.string("name"), path: a.childPath("name"))
            guard names.insert(name).inserted else {
                throw DocumentError(.invalidValue, path: a.childPath("name"), "duplicate artifact name '\(name)'")
            }
            let size = try a.integer("size", range: 0...(1 << 53))
            var d = try a.object("digests")
            let sha256 = try d.hex("sha256", lengths: [32])
            let sha512 = try d.optionalHex("sha512", lengths: [64])
            var urls: [String] = []
            if a.object["urls"] != nil {
                for (j, u) in try a.array("urls", nonEmpty: false).enumerated() {
                    urls.append(try Validate.url(u, path: BodyPath.index(j, of: a.childPath("urls"))))
                }
            }
            warnings += d.unknownMembers() + a.unknownMembers()
            artifacts.append(Artifact(name: name, size: UInt64(size), sha256: sha256, sha512: sha512, urls: urls))
        }
        self.artifacts = artifacts
        if var b = try release.optionalObject("build") {
            let command = try b.string("command")
            let environment = try b.optionalString("environment")
            var o = try b.object("outputs")
            var outputs: [(artifact: String, path: String)] = []
            for (name, value) in o.object.members {
                let p = o.childPath(name)
                _ = o.raw(name)
                guard names.contains(name) else {
                    throw DocumentError(.invalidValue, path: p, "names no artifact of release.artifacts")
                }
                outputs.append((name, try Validate.relativePath(try FieldReader.string(value, path: p), path: p)))
            }
            for a in artifacts where !outputs.contains(where: { $0.artifact == a.name }) {
                throw DocumentError(.invalidValue, path: o.path, "artifact '\(a.name)' has no output path")
            }
            warnings += b.unknownMembers()
            build = Build(command: command, environment: environment, outputs: outputs)
        } else {
            build = nil
        }
        if var e = try r.optionalObject("embargo") {
            embargo = Embargo(reason: try e.string("reason"),
                              quietPeriodDays: try e.integer("quiet_period_days", range: 0...3650))
            warnings += e.unknownMembers()
        } else {
            embargo = nil
        }
        created = try r.timestamp("created")
        expires = try r.optionalTimestamp("expires")
        if let expires, expires <= created {
            throw DocumentError(.invalidValue, path: "body.expires", "is not after body.created")
        }
        warnings += src.unknownMembers() + release.unknownMembers() + r.unknownMembers()
    }

    static func readSource(_ src: inout FieldReader) throws -> Source {
        Source(repository: try src.string("repository", maxLength: 4096),
               commit: try src.hex("commit", lengths: [20, 32]),
               tree: try src.optionalHex("tree", lengths: [20, 32]),
               archiveTree: try src.optionalHex("archive_tree", lengths: [20, 32]))
    }

    /// The body as JSON, in the member order of DESIGN.md.
    public var json: JSONObject {
        var release = JSONObject()
        if let version { release["version"] = .string(version) }
        release["source"] = Self.sourceJSON(source)
        release["artifacts"] = .array(artifacts.map { a in
            var o = JSONObject([("name", .string(a.name)), ("size", .integer(Int64(a.size)))])
            var d = JSONObject([("sha256", .string(a.sha256))])
            if let s = a.sha512 { d["sha512"] = .string(s) }
            o["digests"] = .object(d)
            if !a.urls.isEmpty { o["urls"] = .array(a.urls.map { .string($0) }) }
            return .object(o)
        })
        if let build {
            var b = JSONObject([("command", .string(build.command))])
            if let env = build.environment { b["environment"] = .string(env) }
            b["outputs"] = .object(JSONObject(build.outputs.map { ($0.artifact, .string($0.path)) }))
            release["build"] = .object(b)
        }
        var body = JSONObject([
            ("chain", .string(chain)), ("title", .string(title)), ("summary", .string(summary)),
            ("proposer", .string(proposer)), ("release", .object(release)),
        ])
        if let embargo {
            body["embargo"] = .object(JSONObject([
                ("reason", .string(embargo.reason)), ("quiet_period_days", .integer(embargo.quietPeriodDays)),
            ]))
        }
        body["created"] = .string(created.text)
        if let expires { body["expires"] = .string(expires.text) }
        return body
    }

    static func sourceJSON(_ s: Source) -> JSONValue {
        var o = JSONObject([("repository", .string(s.repository)), ("commit", .string(s.commit))])
        if let tree = s.tree { o["tree"] = .string(tree) }
        if let archiveTree = s.archiveTree { o["archive_tree"] = .string(archiveTree) }
        return .object(o)
    }
}
