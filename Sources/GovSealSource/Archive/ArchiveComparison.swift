/// Names what differs between two versions of one artifact: for tar and zip archives (plain,
/// gzip, xz, zstd, bzip2), the members whose content, presence or header fields differ, one nested
/// archive level deep, with where each first differs; for any other file, where the file itself
/// first differs. Everything is streamed: memory grows with the number of members, not their size.
public enum ArchiveComparison {
    /// How many differing members (per archive level) get a `ContentDetail`.
    public static let detailedMembers = 5
    /// How many nested archives are opened per comparison.
    public static let nestedArchives = 5

    /// The differences between the artifact at `reference` and the one at `rebuilt` (`name` is
    /// the artifact's name, used as the path when they are not archives). Empty when they are
    /// equal. Throws `.timeout` when `deadline` passes, `.io` or `.unsafePath` when a file cannot
    /// be read; an unreadable archive is compared as a plain file.
    public static func compare(reference: String, rebuilt: String, name: String,
                               deadline: ContinuousClock.Instant? = nil) throws -> [MemberDifference] {
        if let left = try? ArchiveMembers.read(path: reference, deadline: deadline),
           let right = try? ArchiveMembers.read(path: rebuilt, deadline: deadline),
           !(left.isEmpty && right.isEmpty) || ArchiveMembers.looksLikeArchive(name) {
            var differences = differences(reference: left, rebuilt: right)
            var detailed = 0
            var nestedOpened = 0
            for index in differences.indices where differences[index].contentDiffers {
                guard let a = left.last(where: { $0.path == differences[index].path && $0.kind == "file" }),
                      let b = right.last(where: { $0.path == differences[index].path && $0.kind == "file" }) else { continue }
                if ArchiveMembers.looksLikeArchive(a.path), nestedOpened < nestedArchives {
                    nestedOpened += 1
                    if let nested = try? nestedDifferences(reference: reference, rebuilt: rebuilt, a, b, deadline: deadline),
                       !nested.isEmpty {
                        differences[index].nested = nested
                        continue
                    }
                }
                guard detailed < detailedMembers else { continue }
                detailed += 1
                differences[index].detail = try memberDetail(reference: reference, rebuilt: rebuilt, a.index, b.index,
                                                             outer: nil, deadline: deadline)
            }
            return differences
        }
        let left = try FileDigest.of(path: reference, includeSHA512: false, deadline: deadline)
        let right = try FileDigest.of(path: rebuilt, includeSHA512: false, deadline: deadline)
        guard left.size != right.size || left.sha256 != right.sha256 else { return [] }
        let a = try FirstDifference.file(reference)
        defer { a.close() }
        let b = try FirstDifference.file(rebuilt)
        defer { b.close() }
        let detail = try FirstDifference.find(reference: a.source, rebuilt: b.source, deadline: deadline)
        return [MemberDifference(path: name, reference: (left.size, left.sha256), rebuilt: (right.size, right.sha256), detail: detail)]
    }

    /// Member-by-member comparison by path (a later member of the same path wins, as on
    /// extraction): members on one side only or with other data first, by path; then members
    /// whose data is equal but whose header fields differ, by path.
    static func differences(reference: [ArchiveMembers.Member], rebuilt: [ArchiveMembers.Member]) -> [MemberDifference] {
        var left: [String: ArchiveMembers.Member] = [:]
        var right: [String: ArchiveMembers.Member] = [:]
        for member in reference { left[member.path] = member }
        for member in rebuilt { right[member.path] = member }
        // Order: the position among the paths both sides have.
        let common = Set(left.keys).intersection(right.keys)
        var leftOrder: [String: Int] = [:]
        var rightOrder: [String: Int] = [:]
        for (position, path) in reference.map(\.path).filter({ common.contains($0) && leftOrder[$0] == nil }).enumerated() { leftOrder[path] = position }
        for (position, path) in rebuilt.map(\.path).filter({ common.contains($0) && rightOrder[$0] == nil }).enumerated() { rightOrder[path] = position }

        var content: [MemberDifference] = []
        var headerOnly: [MemberDifference] = []
        for path in Set(left.keys).union(right.keys).sorted() {
            let a = left[path]
            let b = right[path]
            guard let a, let b else {
                content.append(MemberDifference(path: path, reference: a.map { ($0.size, $0.sha256) }, rebuilt: b.map { ($0.size, $0.sha256) }))
                continue
            }
            var changes: [MetadataChange] = []
            func field(_ name: String, _ x: String, _ y: String) { if x != y { changes.append(MetadataChange(field: name, reference: x, rebuilt: y)) } }
            field("kind", a.kind, b.kind)
            field("mode", String(a.mode, radix: 8), String(b.mode, radix: 8))
            field("mtime", "\(a.mtime)" + (a.mtimeNanoseconds == 0 ? "" : ".\(a.mtimeNanoseconds)"),
                  "\(b.mtime)" + (b.mtimeNanoseconds == 0 ? "" : ".\(b.mtimeNanoseconds)"))
            field("owner", a.owner, b.owner)
            field("order", "\(leftOrder[path] ?? 0)", "\(rightOrder[path] ?? 0)")
            let difference = MemberDifference(path: path, reference: (a.size, a.sha256), rebuilt: (b.size, b.sha256), metadata: changes)
            if difference.contentDiffers {
                content.append(difference)
            } else if !changes.isEmpty {
                headerOnly.append(difference)
            }
        }
        return content + headerOnly
    }

    /// The differences inside a member that is itself an archive (no deeper nesting).
    private static func nestedDifferences(reference: String, rebuilt: String, _ a: ArchiveMembers.Member, _ b: ArchiveMembers.Member,
                                          deadline: ContinuousClock.Instant?) throws -> [MemberDifference] {
        func members(_ path: String, _ index: Int) throws -> [ArchiveMembers.Member] {
            let outer = try ArchiveReader(path: path)
            guard try ArchiveMembers.seek(outer, toIndex: index, deadline: deadline) else { return [] }
            return try ArchiveMembers.read(ArchiveReader(nestedIn: outer, name: a.path), deadline: deadline)
        }
        let left = try members(reference, a.index)
        let right = try members(rebuilt, b.index)
        var differences = differences(reference: left, rebuilt: right)
        var detailed = 0
        for index in differences.indices where differences[index].contentDiffers && detailed < detailedMembers {
            guard let x = left.last(where: { $0.path == differences[index].path && $0.kind == "file" }),
                  let y = right.last(where: { $0.path == differences[index].path && $0.kind == "file" }) else { continue }
            detailed += 1
            differences[index].detail = try memberDetail(reference: reference, rebuilt: rebuilt, x.index, y.index,
                                                         outer: (a.index, b.index, a.path), deadline: deadline)
        }
        return differences.map {
            MemberDifference(path: a.path + "!" + $0.path, reference: $0.reference, rebuilt: $0.rebuilt,
                             metadata: $0.metadata, detail: $0.detail)
        }
    }

    /// Where two members first differ, streaming each from its archive (through the outer
    /// archive's member when `outer` names one).
    private static func memberDetail(reference: String, rebuilt: String, _ leftIndex: Int, _ rightIndex: Int,
                                     outer: (left: Int, right: Int, name: String)?,
                                     deadline: ContinuousClock.Instant?) throws -> ContentDetail? {
        func open(_ path: String, _ index: Int, _ outerIndex: Int?) throws -> ArchiveReader? {
            var reader = try ArchiveReader(path: path)
            if let outerIndex, let outer {
                guard try ArchiveMembers.seek(reader, toIndex: outerIndex, deadline: deadline) else { return nil }
                reader = try ArchiveReader(nestedIn: reader, name: outer.name)
            }
            return try ArchiveMembers.seek(reader, toIndex: index, deadline: deadline) ? reader : nil
        }
        guard let a = try open(reference, leftIndex, outer?.left), let b = try open(rebuilt, rightIndex, outer?.right) else { return nil }
        return try FirstDifference.find(reference: { try a.read(into: $0) }, rebuilt: { try b.read(into: $0) }, deadline: deadline)
    }
}
