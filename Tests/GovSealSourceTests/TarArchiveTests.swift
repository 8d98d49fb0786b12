import Foundation
import Testing
@testable import GovSealSource

@Suite("TarArchive")
struct TarArchiveTests {
    static let longFolder = "data/" + String(repeating: "d", count: 60) + "/" + String(repeating: "e", count: 60)

    /// Files under `folder/data`, including a long path, an empty file and a multi-block file.
    static func makeContent(_ folder: TemporaryFolder) throws -> [String: (UInt64, String)] {
        let files: [String: [UInt8]] = [
            "data/a.txt": Array("alpha\n".utf8),
            "data/empty": [],
            "data/big.bin": (0..<(1 << 20) + 7).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) },
            longFolder + "/b.txt": Array("bravo\n".utf8),
            "data/caf\u{E9}.txt": Array("unicode\n".utf8),
        ]
        for (path, bytes) in files { try Files.write(folder(path), bytes) }
        try Files.symlink(folder("data/link"), to: "a.txt")
        try Files.makeFolder(folder("data/empty-folder"))
        return files.mapValues { (UInt64($0.count), Digests.sha256($0)) }
    }

    static func tar(_ format: String, _ folder: TemporaryFolder, to archive: String) throws {
        let parts = format.split(separator: "+")
        try Shell.run("/usr/bin/env", ["tar", "--format=\(parts[0])", "-cf", archive, "data"], in: folder.path)
        if parts.count > 1 {
            try Shell.run("/usr/bin/env", ["gzip", "-n", archive], in: folder.path)
            try FileManager.default.moveItem(atPath: archive + ".gz", toPath: archive)
        }
    }

    @Test(arguments: ["ustar", "pax", "gnu", "v7", "pax+gz", "gnu+gz"])
    func listsRegularFiles(format: String) throws {
        let folder = try TemporaryFolder("tar")
        defer { folder.remove() }
        var expected = try Self.makeContent(folder)
        if format == "v7" {  // v7 has no long names
            try FileManager.default.removeItem(atPath: folder("data/d" + String(repeating: "d", count: 59)))
            expected = expected.filter { !$0.key.hasPrefix(Self.longFolder) }
        }
        try Self.tar(format, folder, to: folder("archive.tar"))
        let members = try TarArchive.members(path: folder("archive.tar"))
        #expect(members.count == expected.count)
        for member in members {
            let want = try #require(expected[member.path], "unexpected member \(member.path)")
            #expect(member.size == want.0, "\(member.path)")
            #expect(member.sha256 == want.1, "\(member.path)")
        }
    }

    @Test func randomBytesAreNotATar() throws {
        let folder = try TemporaryFolder("tar")
        defer { folder.remove() }
        try Files.write(folder("random"), (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) })
        let error = try #require(throws: SourceError.self) { try TarArchive.members(path: folder("random")) }
        #expect(error == .malformedArchive)
        #expect(error.reason.contains("not a tar archive"))
        try Files.write(folder("empty"), [UInt8]())
        #expect(throws: SourceError.malformedArchive) { try TarArchive.members(path: folder("empty")) }
    }

    @Test func truncatedAndCorruptedArchivesAreRefused() throws {
        let folder = try TemporaryFolder("tar")
        defer { folder.remove() }
        _ = try Self.makeContent(folder)
        try Self.tar("pax", folder, to: folder("archive.tar"))
        let bytes = try Files.read(folder("archive.tar"))
        // Cut inside the large member.
        try Files.write(folder("cut.tar"), Array(bytes.prefix(600_000)))
        let cut = try #require(throws: SourceError.self) { try TarArchive.members(path: folder("cut.tar")) }
        #expect(cut == .malformedArchive)
        #expect(cut.reason.contains("truncated"))
        // Flip a byte in the first header's name: its checksum no longer matches.
        var corrupt = bytes
        corrupt[0] ^= 0x01
        try Files.write(folder("corrupt.tar"), corrupt)
        #expect(throws: SourceError.malformedArchive) { try TarArchive.members(path: folder("corrupt.tar")) }
        // gzip magic followed by garbage.
        try Files.write(folder("bad.tar.gz"), [0x1f, 0x8b] + Array(repeating: 0x41, count: 100))
        #expect(throws: SourceError.malformedArchive) { try TarArchive.members(path: folder("bad.tar.gz")) }
    }

    @Test func paxRecords() throws {
        let records = try PaxRecords.parse(Array("28 path=some/long/name/here\n11 size=42\n".utf8))
        #expect(records == ["path": "some/long/name/here", "size": "42"])
        for bad in ["30 path=short\n", "x path=a\n", "5 pat\n", "12 noequals\n"] {
            #expect(throws: SourceError.malformedArchive) { try PaxRecords.parse(Array(bad.utf8)) }
        }
    }
}
