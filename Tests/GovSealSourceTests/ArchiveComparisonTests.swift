import Foundation
import Testing
@testable import GovSealSource

/// Member diffs through libarchive: every format the issue names, one nested level, text /
/// binary / metadata detail, and hostile or broken archives. Archives are made by the real
/// tools (`tar`, `gzip`, `xz`, `zstd`, `python3 -m zipfile`) as oracles.
@Suite("ArchiveComparison")
struct ArchiveComparisonTests {
    static let longFolder = "data/" + String(repeating: "d", count: 60) + "/" + String(repeating: "e", count: 60)

    /// Files under `folder/data`, including a long path, an empty file and a multi-block file.
    static func makeContent(_ folder: TemporaryFolder) throws -> [String: (UInt64, String)] {
        let files: [String: [UInt8]] = [
            "data/a.txt": Array("alpha\nbeta\ngamma\n".utf8),
            "data/empty": [],
            "data/big.bin": (0..<(1 << 20) + 7).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) },
            longFolder + "/b.txt": Array("bravo\n".utf8),
            "data/caf\u{E9}.txt": Array("unicode\n".utf8),
        ]
        for (path, bytes) in files { try Files.write(folder(path), bytes) }
        return files.mapValues { (UInt64($0.count), Digests.sha256($0)) }
    }

    /// Archives `data` of `folder` as `format` (tar formats, optionally `+gz`/`+xz`/`+zst`, or `zip`).
    static func archive(_ format: String, _ folder: TemporaryFolder, to archive: String) throws {
        if format == "zip" {
            try Shell.run("/usr/bin/env", ["python3", "-m", "zipfile", "-c", archive, "data"], in: folder.path)
            return
        }
        let parts = format.split(separator: "+")
        try Shell.run("/usr/bin/env", ["tar", "--format=\(parts[0])", "--sort=name", "-cf", archive, "data"], in: folder.path)
        if parts.count > 1 {
            let tool = ["gz": ["gzip", "-n"], "xz": ["xz"], "zst": ["zstd", "-q", "--rm"]][String(parts[1])]!
            try Shell.run("/usr/bin/env", tool + [archive], in: folder.path)
            let suffix = ["gz": ".gz", "xz": ".xz", "zst": ".zst"][String(parts[1])]!
            try FileManager.default.moveItem(atPath: archive + suffix, toPath: archive)
        }
    }

    static let formats = ["ustar", "pax", "gnu", "pax+gz", "gnu+xz", "pax+zst", "zip"]

    @Test(arguments: formats)
    func listsEveryFileWithItsDigest(format: String) throws {
        let folder = try TemporaryFolder("archive")
        defer { folder.remove() }
        let expected = try Self.makeContent(folder)
        try Self.archive(format, folder, to: folder("a.bin"))
        let files = try ArchiveMembers.read(path: folder("a.bin")).filter { $0.kind == "file" }
        #expect(files.count == expected.count)
        for member in files {
            let want = try #require(expected[member.path], "unexpected member \(member.path)")
            #expect(member.size == want.0, "\(member.path)")
            #expect(member.sha256 == want.1, "\(member.path)")
        }
    }

    @Test(arguments: formats)
    func namesTheChangedMemberAndWhere(format: String) throws {
        let folder = try TemporaryFolder("archive")
        defer { folder.remove() }
        _ = try Self.makeContent(folder)
        try Self.archive(format, folder, to: folder("published"))
        try Files.write(folder("data/a.txt"), "alpha\nBETA\ngamma\n")
        var big = try Files.read(folder("data/big.bin"))
        big[700_001] ^= 0xff
        try Files.write(folder("data/big.bin"), big)
        try Self.archive(format, folder, to: folder("rebuilt"))
        let differences = try ArchiveComparison.compare(reference: folder("published"), rebuilt: folder("rebuilt"), name: "r")
        let content = differences.filter(\.contentDiffers)
        #expect(content.map(\.path) == ["data/a.txt", "data/big.bin"])
        #expect(content.first?.detail == .text(line: 2, reference: "beta", rebuilt: "BETA"))
        guard case .binary(let offset, let left, let right) = content.last?.detail else {
            Issue.record("expected a binary detail, got \(String(describing: content.last?.detail))")
            return
        }
        #expect(offset == 700_001)
        #expect(left.count == 2 * FirstDifference.context && right.count == left.count)
        #expect(left[FirstDifference.context] == right[FirstDifference.context] ^ 0xff)
    }

    @Test func metadataOnlyDifferencesNameTheField() throws {
        let folder = try TemporaryFolder("archive")
        defer { folder.remove() }
        _ = try Self.makeContent(folder)
        try Shell.run("/bin/sh", ["-c", "tar --sort=name --mtime=@1 --owner=0 --group=0 --numeric-owner -cf p.tar data"], in: folder.path)
        try Shell.run("/bin/sh", ["-c", "chmod 600 data/a.txt && tar --sort=name --mtime=@2 --owner=7 --group=0 --numeric-owner -cf r.tar data"],
                      in: folder.path)
        let differences = try ArchiveComparison.compare(reference: folder("p.tar"), rebuilt: folder("r.tar"), name: "r.tar")
        #expect(!differences.isEmpty && differences.allSatisfy { !$0.contentDiffers })
        let a = try #require(differences.first { $0.path == "data/a.txt" })
        #expect(Set(a.metadata.map(\.field)) == ["mode", "mtime", "owner"])
        #expect(a.metadata.first { $0.field == "mode" }?.rebuilt == "600")
        // Order alone: the same members, archived in another order.
        try Shell.run("/bin/sh", ["-c", "tar --mtime=@1 --owner=0 --group=0 --numeric-owner -cf o1.tar data/a.txt data/empty "
                      + "&& tar --mtime=@1 --owner=0 --group=0 --numeric-owner -cf o2.tar data/empty data/a.txt"], in: folder.path)
        let order = try ArchiveComparison.compare(reference: folder("o1.tar"), rebuilt: folder("o2.tar"), name: "o.tar")
        #expect(order.map(\.path) == ["data/a.txt", "data/empty"])
        #expect(order.allSatisfy { $0.metadata.map(\.field) == ["order"] })
    }

    @Test(arguments: ["pax+gz", "zip"])
    func namesMembersOfANestedArchive(inner: String) throws {
        let folder = try TemporaryFolder("archive")
        defer { folder.remove() }
        _ = try Self.makeContent(folder)
        try Files.makeFolder(folder("outer"))
        try Files.write(folder("outer/README"), "same\n")
        let innerName = inner == "zip" ? "outer/inner.zip" : "outer/inner.tar.gz"
        try Self.archive(inner, folder, to: folder("inner"))
        try FileManager.default.moveItem(atPath: folder("inner"), toPath: folder(innerName))
        try Shell.run("/bin/sh", ["-c", "tar --sort=name -czf p.tgz outer"], in: folder.path)
        try Files.write(folder("data/caf\u{E9}.txt"), "changed\n")
        try Shell.run("/bin/sh", ["-c", "rm outer/inner.* && " + (inner == "zip" ? "python3 -m zipfile -c \(innerName) data"
                      : "tar --format=pax --sort=name -cf - data | gzip -n > \(innerName)") + " && tar --sort=name -czf r.tgz outer"], in: folder.path)
        let differences = try ArchiveComparison.compare(reference: folder("p.tgz"), rebuilt: folder("r.tgz"), name: "r.tgz")
        let outer = try #require(differences.first { $0.path == innerName })
        let nested = outer.nested.filter(\.contentDiffers)
        #expect(nested.map(\.path) == [innerName + "!data/caf\u{E9}.txt"])
        #expect(nested.first?.detail == .text(line: 1, reference: "unicode", rebuilt: "changed"))
    }

    @Test func plainFilesGetTheirFirstDifference() throws {
        let folder = try TemporaryFolder("archive")
        defer { folder.remove() }
        try Files.write(folder("a"), "one\ntwo\n")
        try Files.write(folder("b"), "one\ntwo\nthree\n")
        let differences = try ArchiveComparison.compare(reference: folder("a"), rebuilt: folder("b"), name: "app.txt")
        #expect(differences.map(\.path) == ["app.txt"])
        #expect(differences.first?.detail == .text(line: 3, reference: nil, rebuilt: "three"))
        #expect(try ArchiveComparison.compare(reference: folder("a"), rebuilt: folder("a"), name: "app.txt").isEmpty)
    }

    @Test func brokenArchivesAreRefusedNotTrusted() throws {
        let folder = try TemporaryFolder("archive")
        defer { folder.remove() }
        _ = try Self.makeContent(folder)
        try Self.archive("pax", folder, to: folder("archive.tar"))
        let bytes = try Files.read(folder("archive.tar"))
        try Files.write(folder("cut.tar"), Array(bytes.prefix(600_000)))
        #expect(throws: SourceError.malformedArchive) { try ArchiveMembers.read(path: folder("cut.tar")) }
        var corrupt = bytes
        corrupt[0] ^= 0x01
        try Files.write(folder("corrupt.tar"), corrupt)
        #expect(throws: SourceError.malformedArchive) { try ArchiveMembers.read(path: folder("corrupt.tar")) }
        try Files.write(folder("bad.tar.gz"), [0x1f, 0x8b] + Array(repeating: 0x41, count: 100))
        #expect(throws: SourceError.malformedArchive) { try ArchiveMembers.read(path: folder("bad.tar.gz")) }
        try Files.write(folder("random"), (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) })
        #expect(throws: SourceError.malformedArchive) { try ArchiveMembers.read(path: folder("random")) }
        // A FIFO in an artifact's place is refused, never waited on.
        #expect(mkfifo(folder("fifo"), 0o600) == 0)
        #expect(throws: SourceError.unsafePath) { try ArchiveMembers.read(path: folder("fifo")) }
        // A truncated rebuilt archive is still compared (as a file): the mismatch is named, not hidden.
        let differences = try ArchiveComparison.compare(reference: folder("archive.tar"), rebuilt: folder("cut.tar"), name: "archive.tar")
        #expect(differences.count == 1)
        #expect(differences.first?.rebuilt?.size == 600_000)
    }
}
