/// Where two versions of one file (or archive member) first differ.
public enum ContentDetail: Sendable, Equatable {
    /// Text: the 1-based number of the first differing line and that line on each side (at most
    /// `FirstDifference.maximumLineBytes` bytes each; nil when that side has ended).
    case text(line: Int, reference: String?, rebuilt: String?)
    /// Binary: the first differing byte offset and up to `FirstDifference.context` bytes either
    /// side of it, on each side.
    case binary(offset: UInt64, reference: [UInt8], rebuilt: [UInt8])
}

/// One header field of an archive member that differs.
public struct MetadataChange: Sendable, Equatable {
    /// `mode`, `mtime`, `owner`, `order` (position in the archive), `kind` or `link`.
    public let field: String
    /// The value in the reference (published or control) artifact.
    public let reference: String
    /// The value in the rebuilt (or varied) artifact.
    public let rebuilt: String
}

/// One archive member that differs between the reference artifact and the rebuilt one: its
/// content, its presence, or only its header fields.
public struct MemberDifference: Sendable {
    /// The member's path inside the archive; for a member of a nested archive,
    /// `outer/path.tar.gz!inner/path`; for a file that is not an archive, the artifact's name.
    public let path: String
    /// The member in the reference artifact; nil when only the rebuilt one has it.
    public let reference: (size: UInt64, sha256: String)?
    /// The member in the rebuilt artifact; nil when only the reference has it.
    public let rebuilt: (size: UInt64, sha256: String)?
    /// Header fields that differ (empty when only the content differs).
    public var metadata: [MetadataChange]
    /// Where the content first differs, when it was examined (the first few differing members).
    public var detail: ContentDetail?
    /// For a differing member that is itself an archive: its members that differ (one level).
    public var nested: [MemberDifference]

    /// A difference; at least one side should be non-nil.
    public init(path: String, reference: (size: UInt64, sha256: String)?, rebuilt: (size: UInt64, sha256: String)?,
                metadata: [MetadataChange] = [], detail: ContentDetail? = nil, nested: [MemberDifference] = []) {
        self.path = path
        self.reference = reference
        self.rebuilt = rebuilt
        self.metadata = metadata
        self.detail = detail
        self.nested = nested
    }

    /// True when the member is on one side only or its data differs (not only its header).
    public var contentDiffers: Bool {
        guard let reference, let rebuilt else { return true }
        return reference.size != rebuilt.size || reference.sha256 != rebuilt.sha256
    }
}
