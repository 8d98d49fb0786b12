import GovSealEncoding

/// The members of an archive as the comparison needs them: per member its header fields and the
/// SHA-256 of its data, read in one streaming pass (memory grows with the number of members, never
/// with their size).
public enum ArchiveMembers {
    /// The most members read from one archive; more is refused as malformed.
    public static let maximumMembers = 1_000_000

    /// One member: its header fields and data digest (for a link, the digest of its target text).
    public struct Member: Sendable {
        /// The member's path inside the archive.
        public let path: String
        /// `file`, `directory`, `symlink`, `hardlink` or `other`.
        public let kind: String
        /// Data size in bytes.
        public let size: UInt64
        /// SHA-256 of the data, lowercase hex.
        public let sha256: String
        /// Permission bits.
        public let mode: UInt32
        /// Modification time, seconds since the epoch, and its nanoseconds.
        public let mtime: Int64
        let mtimeNanoseconds: Int
        /// Owner as `uid/gid user/group`.
        public let owner: String
        /// Position in the archive (0-based, among all entries).
        public let index: Int
        /// A symlink's or hard link's target; empty otherwise.
        public let linkTarget: String
    }

    /// File name endings read as archives: the outer artifact and (one level) its members.
    static let archiveSuffixes = [".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".tar.bz2", ".tbz2",
                                  ".zip", ".jar", ".whl", ".apk", ".nupkg", ".vsix", ".crate"]

    /// Whether `name` ends like an archive.
    static func looksLikeArchive(_ name: String) -> Bool {
        let lower = name.lowercased()
        return archiveSuffixes.contains { lower.hasSuffix($0) }
    }

    /// The members of the archive at `path`, in archive order. Throws `.malformedArchive` when it
    /// is not a readable tar or zip (compressed or not), `.io`, `.unsafePath` for a non-regular
    /// file, `.timeout` when `deadline` passes.
    public static func read(path: String, deadline: ContinuousClock.Instant? = nil) throws -> [Member] {
        try read(ArchiveReader(path: path), deadline: deadline)
    }

    /// The members of an open reader, read to its end.
    static func read(_ reader: ArchiveReader, deadline: ContinuousClock.Instant?) throws -> [Member] {
        var members: [Member] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while let entry = try reader.next() {
            guard members.count < maximumMembers else {
                throw SourceError(.malformedArchive, "more than \(maximumMembers) members")
            }
            let hasher = try FileDigest.hasher(.sha256)
            var size: UInt64 = 0
            if entry.kind == .file {
                while true {
                    try checkDeadline(deadline)
                    let count = try reader.read(into: buffer)
                    if count == 0 { break }
                    hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                    size += UInt64(count)
                }
            } else {
                Array(entry.linkTarget.utf8).withUnsafeBytes { hasher.update($0) }
            }
            members.append(Member(path: entry.path, kind: entry.kind.rawValue, size: size, sha256: Hex.encode(hasher.finalize()),
                                  mode: entry.mode, mtime: entry.mtime, mtimeNanoseconds: entry.mtimeNanoseconds,
                                  owner: "\(entry.uid)/\(entry.gid) \(entry.userName)/\(entry.groupName)", index: members.count,
                                  linkTarget: entry.linkTarget))
        }
        return members
    }

    /// Positions `reader` at the entry with position `index`; false when the archive ends first.
    static func seek(_ reader: ArchiveReader, toIndex index: Int, deadline: ContinuousClock.Instant?) throws -> Bool {
        var position = 0
        while try reader.next() != nil {
            try checkDeadline(deadline)
            if position == index { return true }
            position += 1
        }
        return false
    }

    static func checkDeadline(_ deadline: ContinuousClock.Instant?) throws {
        if let deadline, ContinuousClock.now >= deadline {
            throw SourceError(.timeout, "comparing archive members ran past the time limit")
        }
    }
}
