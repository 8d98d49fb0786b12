/// An error exporting a document to another format, or reading one back (a DSSE envelope, a
/// SHA256SUMS file): a stable code, the place (a JSON path, `line 3`, an option name) and a
/// reason a user can act on. Equality compares the code only.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The format has no export for this document type (e.g. `cosmos` for a reveal).
        case unsupportedDocument
        /// The document's chain is not one the format is for (e.g. `ic-admin` for `cosmos:…`).
        case wrongChain
        /// An artifact lacks what the format needs (a URL, a platform).
        case incompleteArtifact
        /// An option's value is malformed or contradicts the document (bad height, unknown artifact).
        case invalidOption
        /// A value exceeds a limit of the target format (the SDK's title, summary or metadata length).
        case tooLong
        /// A DSSE envelope is not of the DSSE shape or holds a malformed member.
        case malformedEnvelope
        /// A DSSE signature has no public key: neither in the envelope nor among the given keys.
        case missingKey
        /// A SHA256SUMS line is malformed.
        case malformedChecksums
        /// An artifact URL is not one the export can carry unchanged: not http(s), userinfo, a
        /// fragment, a bad percent-escape, or a query parameter that spells `checksum`.
        case unsafeURL
        /// Text from the document (an artifact name, a title) holds a character that would change
        /// what the exported file means to its reader (a newline in a SHA256SUMS name, a control
        /// character in an ic-admin title).
        case unsafeText
        /// Reading the export back the way its consumer reads it (cosmovisor and go-getter for
        /// `plan.info`) does not give exactly the blessed digests; nothing is written.
        case readBackMismatch
        /// A proposal as a chain's tools print it (`verify --onchain`) is malformed, or of a shape
        /// govseal does not read; the place is its JSON path.
        case malformedOnChain
    }

    public let code: Code
    /// Where the problem is: a JSON path (`signatures[1].sig`), `FILE:3` (a line), an option (`--height`),
    /// or empty for the whole input.
    public let place: String
    public let reason: String

    public init(_ code: Code, place: String = "", _ reason: String) {
        self.code = code
        self.place = place
        self.reason = reason
    }

    /// `place: reason`, or the reason alone when the place is the whole input.
    public var description: String { place.isEmpty ? reason : "\(place): \(reason)" }

    public static func == (lhs: ExportError, rhs: ExportError) -> Bool { lhs.code == rhs.code }
}
