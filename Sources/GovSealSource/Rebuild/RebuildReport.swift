/// What rebuilding one artifact gave.
public enum ArtifactOutcome: Sendable {
    /// Size and every expected digest match.
    case match
    /// The output differs: expected and rebuilt SHA-256 and sizes, and (for tar archives with a
    /// reference artifact) the members that differ. Empty `differences` on a tar means the
    /// content matches and only metadata (order, times, owners, modes) differs.
    case mismatch(expected: String, got: String, sizeExpected: UInt64, sizeGot: UInt64, differences: [MemberDifference])
    /// The build did not produce the output at this path.
    case missing(path: String)
    /// The output path was refused (escapes the source folder, a directory, not a regular file).
    case unsafePath(reason: String)
}

/// The result for one declared artifact.
public struct ArtifactResult: Sendable {
    /// The artifact's name in the blessing.
    public let name: String
    /// The declared output path, relative to the source root.
    public let outputPath: String
    /// What the rebuild gave for it.
    public let outcome: ArtifactOutcome

    /// A result for one artifact.
    public init(name: String, outputPath: String, outcome: ArtifactOutcome) {
        self.name = name
        self.outputPath = outputPath
        self.outcome = outcome
    }

    /// True when the artifact was reproduced exactly.
    public var matches: Bool {
        if case .match = outcome { return true }
        return false
    }
}

/// Everything a rebuild found.
public struct RebuildReport: Sendable {
    /// The full commit id that was built.
    public let commit: String
    /// Its tree id (checked against the exported folder).
    public let tree: String
    /// The build command that ran.
    public let command: String
    /// The build's exit status; nil when a signal ended it (for example after a timeout).
    public let exitStatus: Int32?
    /// True when the build ran past its time limit and was killed.
    public let timedOut: Bool
    /// How long the build command ran.
    public let durationSeconds: Double
    /// One result per declared artifact, in declaration order.
    public let artifacts: [ArtifactResult]
    /// The temporary folder, when kept (`RebuildOptions.keep`).
    public let workDirectory: String?
    /// The last ~40 lines of the build's output (standard output and error together).
    public let logTail: String
    /// How the build ran (inside bubblewrap or not).
    public let isolation: BuildIsolation
    /// The machine it ran on.
    public let platform: BuildPlatform

    /// A report (built by `Rebuilder.rebuild`; public for tests and other front ends).
    public init(commit: String, tree: String, command: String, exitStatus: Int32?, timedOut: Bool, durationSeconds: Double,
                artifacts: [ArtifactResult], workDirectory: String?, logTail: String,
                isolation: BuildIsolation = .bubblewrap, platform: BuildPlatform = .current()) {
        self.commit = commit
        self.tree = tree
        self.command = command
        self.exitStatus = exitStatus
        self.timedOut = timedOut
        self.durationSeconds = durationSeconds
        self.artifacts = artifacts
        self.workDirectory = workDirectory
        self.logTail = logTail
        self.isolation = isolation
        self.platform = platform
    }

    /// True when the build exited 0 within its time limit, at least one artifact was declared, and
    /// every artifact matches.
    public var allMatch: Bool {
        exitStatus == 0 && !timedOut && !artifacts.isEmpty && artifacts.allSatisfy(\.matches)
    }

    /// Why `allMatch` is false, one error per problem with a one-line reason (empty when it is true).
    public var problems: [SourceError] {
        var problems: [SourceError] = []
        if timedOut {
            problems.append(SourceError(.timeout, "the build of \(commit) ran past its time limit and was killed"))
        } else if exitStatus != 0 {
            let how = exitStatus.map { "exited with status \($0)" } ?? "was killed by a signal"
            problems.append(SourceError(.buildFailed, "the build of \(commit) \(how)"))
        }
        if artifacts.isEmpty {
            problems.append(SourceError(.missingOutput, "no artifacts were declared, so the rebuild proves nothing"))
        }
        for artifact in artifacts {
            switch artifact.outcome {
            case .match:
                break
            case .mismatch(let expected, let got, let sizeExpected, let sizeGot, let differences):
                let members = differences.isEmpty ? "" : "; members differing: " + differences.prefix(5).map(\.path).joined(separator: ", ")
                problems.append(SourceError(.artifactMismatch,
                    "\(artifact.name) (\(artifact.outputPath)): expected sha256 \(expected) (\(sizeExpected) bytes), rebuilt \(got) (\(sizeGot) bytes)\(members)"))
            case .missing(let path):
                problems.append(SourceError(.missingOutput, "\(artifact.name): the build did not produce '\(path)'"))
            case .unsafePath(let reason):
                problems.append(SourceError(.unsafePath, "\(artifact.name) ('\(artifact.outputPath)'): \(reason)"))
            }
        }
        return problems
    }
}
