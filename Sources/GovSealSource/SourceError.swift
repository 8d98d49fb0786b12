/// An error from the source module (git trees, repositories, subprocesses, rebuilds): a stable
/// `code` for matching and a one-line `reason` that names the path, commit or command involved.
///
/// Equality compares the code only, so tests can match `SourceError.unknownCommit` whatever the reason.
public struct SourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable error codes.
    public enum Code: String, Sendable, CaseIterable {
        /// The path is not the top level of a git repository (or does not exist).
        case notARepository
        /// No `git` executable was found.
        case gitMissing
        /// A commit id, branch or tag does not name a commit in the repository.
        case unknownCommit
        /// A ref argument that is unsafe to pass to git (leading `-`, control characters, empty).
        case invalidReference
        /// A git command failed unexpectedly.
        case gitFailed
        /// A path escapes the folder it must stay in, or is not a regular file.
        case unsafePath
        /// Reading or writing the file system failed.
        case io
        /// A subprocess could not be started.
        case spawnFailed
        /// A build ran but exited with a non-zero status or was killed.
        case buildFailed
        /// A subprocess ran past its time limit and was killed.
        case timeout
        /// A tree id differs from the one expected.
        case treeMismatch
        /// An artifact's size or digest differs from the one expected.
        case artifactMismatch
        /// A declared output was not produced.
        case missingOutput
        /// A tree entry that cannot be handled (for example a submodule).
        case unsupportedEntry
        /// A tar archive that cannot be read.
        case malformedArchive
        /// A repository object whose stored bytes do not hash to its id, or that is malformed.
        case corruptObject
        /// An object that a commit's tree names is not in the repository (e.g. a partial clone).
        case missingObject
        /// The build sandbox (bubblewrap) is missing or cannot start (e.g. the kernel refuses namespaces).
        case sandboxUnavailable
        /// A termination signal (SIGINT, SIGTERM, SIGHUP) stopped the rebuild; its processes were killed.
        case interrupted
    }

    /// What kind of failure this is; stable, for matching.
    public let code: Code
    /// One line naming the path, commit or command and what to do about it.
    public let reason: String

    /// An error with a code and a one-line reason.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The reason, for printing.
    public var description: String { reason }

    /// Compares codes only.
    public static func == (lhs: SourceError, rhs: SourceError) -> Bool { lhs.code == rhs.code }

    // Code-only values for matching in `catch` and tests (`error == .unknownCommit`).
    public static let notARepository = SourceError(.notARepository, "")
    public static let gitMissing = SourceError(.gitMissing, "")
    public static let unknownCommit = SourceError(.unknownCommit, "")
    public static let invalidReference = SourceError(.invalidReference, "")
    public static let gitFailed = SourceError(.gitFailed, "")
    public static let unsafePath = SourceError(.unsafePath, "")
    public static let io = SourceError(.io, "")
    public static let spawnFailed = SourceError(.spawnFailed, "")
    public static let buildFailed = SourceError(.buildFailed, "")
    public static let timeout = SourceError(.timeout, "")
    public static let treeMismatch = SourceError(.treeMismatch, "")
    public static let artifactMismatch = SourceError(.artifactMismatch, "")
    public static let missingOutput = SourceError(.missingOutput, "")
    public static let unsupportedEntry = SourceError(.unsupportedEntry, "")
    public static let malformedArchive = SourceError(.malformedArchive, "")
    public static let corruptObject = SourceError(.corruptObject, "")
    public static let missingObject = SourceError(.missingObject, "")
}
