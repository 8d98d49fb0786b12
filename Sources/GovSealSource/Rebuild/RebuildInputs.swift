/// A build output that must reproduce a published artifact.
public struct ExpectedArtifact: Sendable {
    /// The artifact's name in the blessing (also its file name among reference artifacts).
    public let name: String
    /// Where the build writes it, relative to the source root.
    public let outputPath: String
    /// The expected size in bytes.
    public let size: UInt64
    /// The expected SHA-256, lowercase hex.
    public let sha256: String
    /// The expected SHA-512, lowercase hex, when the blessing declares one.
    public let sha512: String?

    /// An expected artifact; digests are compared as given, so pass lowercase hex.
    public init(name: String, outputPath: String, size: UInt64, sha256: String, sha512: String? = nil) {
        self.name = name
        self.outputPath = outputPath
        self.size = size
        self.sha256 = sha256
        self.sha512 = sha512
    }
}

/// How to rebuild: a shell command run from the source root.
public struct RebuildRecipe: Sendable {
    /// The command, run as `/bin/sh -c command`.
    public let command: String
    /// The declared build environment (for example a container image pinned by digest); reported, not enforced.
    public let environment: String?

    /// A recipe: the shell command and, optionally, the declared environment.
    public init(command: String, environment: String? = nil) {
        self.command = command
        self.environment = environment
    }
}

/// Options of one rebuild.
public struct RebuildOptions: Sendable {
    /// The time limit of the build and the checking of its outputs: the build is killed when it
    /// passes (its whole process group, or with the sandbox every process it started), and outputs
    /// not yet hashed then are reported unchecked. 30 minutes by default.
    public var timeout: Duration
    /// Keep the temporary folder (its path is in the report).
    public var keep: Bool
    /// A folder holding the published artifacts by name, used to explain mismatches member by member.
    public var referenceArtifacts: String?
    /// The folder in which the temporary work folder is made; `$TMPDIR` or `/tmp` when nil.
    public var temporaryDirectory: String?
    /// Receives progress lines ("checking out …", "running build …").
    public var log: (@Sendable (String) -> Void)?
    /// How the build command runs: inside bubblewrap (the default) or, with `.none`, as the
    /// calling user with only a scrubbed environment.
    public var isolation: BuildIsolation = .bubblewrap
    /// The `bwrap` executable; nil looks for it on `BuildSandbox.searchPath` only.
    public var bubblewrap: String?

    /// Options; by default a 30-minute limit, the folder removed, no reference artifacts, no log,
    /// the build sandboxed by bubblewrap.
    public init(timeout: Duration = .seconds(30 * 60), keep: Bool = false, referenceArtifacts: String? = nil,
                temporaryDirectory: String? = nil, log: (@Sendable (String) -> Void)? = nil) {
        self.timeout = timeout
        self.keep = keep
        self.referenceArtifacts = referenceArtifacts
        self.temporaryDirectory = temporaryDirectory
        self.log = log
    }
}
