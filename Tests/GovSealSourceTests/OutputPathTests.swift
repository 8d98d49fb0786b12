import Foundation
import Testing
@testable import GovSealSource

@Suite("OutputPath")
struct OutputPathTests {
    /// root/real/file, and symlinks in and out of the root.
    static func makeRoot() throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder("paths")
        let root = folder("root")
        try Files.write(root + "/real/file", "x")
        try Files.symlink(root + "/inside", to: "real")
        try Files.symlink(root + "/abs-inside", to: URL(fileURLWithPath: root).resolvingSymlinksInPath().path + "/real")
        try Files.symlink(root + "/real/chain", to: "../inside/file")
        try Files.symlink(root + "/outside-abs", to: "/etc")
        try Files.symlink(root + "/outside-rel", to: "../..")
        try Files.symlink(root + "/real/sneaky", to: "../../outside")
        try Files.symlink(root + "/loop1", to: "loop2")
        try Files.symlink(root + "/loop2", to: "loop1")
        return (folder, root)
    }

    @Test(arguments: [
        ("real/file", "real/file"),
        ("./real//file", "real/file"),
        ("inside/file", "real/file"),
        ("abs-inside/file", "real/file"),
        ("real/chain", "real/file"),
        ("missing/file", "missing/file"),
        ("inside/missing", "real/missing"),
    ])
    func resolvesInside(relative: String, expected: String) throws {
        let (folder, root) = try Self.makeRoot()
        defer { folder.remove() }
        let real = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        #expect(try OutputPath.resolve(relative, within: root) == real + "/" + expected)
    }

    @Test(arguments: [
        "", "/etc/passwd", "../x", "real/../../x", "real/..", "outside-abs", "outside-abs/passwd",
        "outside-rel/x", "real/sneaky", "loop1", "loop1/x", "a\u{0}b",
    ])
    func refusesEscapes(relative: String) throws {
        let (folder, root) = try Self.makeRoot()
        defer { folder.remove() }
        let error = try #require(throws: SourceError.self) { try OutputPath.resolve(relative, within: root) }
        #expect(error == .unsafePath)
        #expect(!error.reason.isEmpty)
    }
}
