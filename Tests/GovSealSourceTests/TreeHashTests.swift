import Foundation
import Testing
@testable import GovSealSource

/// A folder layout to hash, built by `make` inside an empty folder.
struct TreeScenario: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable (String) throws -> Void
    var testDescription: String { name }

    static let all: [TreeScenario] = [
        TreeScenario(name: "regular files") { root in
            try Files.write(root + "/README.md", "hello\n")
            try Files.write(root + "/data.bin", (0..<4096).map { UInt8($0 % 251) })
        },
        TreeScenario(name: "executable bits") { root in
            try Files.write(root + "/run.sh", "#!/bin/sh\n", mode: 0o755)
            try Files.write(root + "/owner-only", "x", mode: 0o744)
            try Files.write(root + "/group-only", "y", mode: 0o654)   // owner not executable: 100644
            try Files.write(root + "/plain", "z", mode: 0o600)
        },
        TreeScenario(name: "symlinks: file, dangling, folder") { root in
            try Files.write(root + "/target.txt", "target")
            try Files.write(root + "/folder/inside.txt", "inside")
            try Files.symlink(root + "/to-file", to: "target.txt")
            try Files.symlink(root + "/dangling", to: "does/not/exist")
            try Files.symlink(root + "/to-folder", to: "folder")
            try Files.symlink(root + "/absolute", to: "/etc/passwd")
        },
        TreeScenario(name: "nested and 40 levels deep") { root in
            try Files.write(root + "/a/b/c/file", "nested")
            let deep = (1...40).map { "level\($0)" }.joined(separator: "/")
            try Files.write(root + "/" + deep + "/bottom.txt", "deep")
            try Files.write(root + "/level1/side.txt", "side")
        },
        TreeScenario(name: "empty file") { root in
            try Files.write(root + "/empty", [UInt8]())
            try Files.write(root + "/sub/also-empty", [UInt8]())
        },
        TreeScenario(name: "names with spaces") { root in
            try Files.write(root + "/a file with spaces.txt", "1")
            try Files.write(root + "/folder with space/ inner ", "2")
        },
        TreeScenario(name: "non-ASCII NFC and NFD") { root in
            try Files.write(root + "/caf\u{E9}.txt", "nfc")
            try Files.write(root + "/cafe\u{301}.txt", "nfd")
            try Files.write(root + "/\u{65E5}\u{672C}/\u{1F600}", "emoji")
        },
        TreeScenario(name: "ordering traps") { root in
            try Files.write(root + "/a/inner", "dir a")
            try Files.write(root + "/a.b", "a.b")
            try Files.write(root + "/a-b", "a-b")
            try Files.write(root + "/a0", "a0")
            try Files.write(root + "/a+", "a+")
            try Files.write(root + "/ab/x", "dir ab")
            try Files.write(root + "/b.c", "b.c")
            try Files.symlink(root + "/b", to: "a")       // a symlink sorts as a file
            try Files.write(root + "/B", "upper")
            try Files.write(root + "/_", "underscore")
        },
        TreeScenario(name: ".git ignored at every level") { root in
            try Files.write(root + "/kept.txt", "kept")
            try Files.write(root + "/sub/.git/config", "not a repository")
            try Files.write(root + "/sub/file", "sub file")
            try Files.write(root + "/other/.git", "gitdir: nowhere")
            try Files.write(root + "/other/x", "x")
            try Files.write(root + "/.gitignore-not-special", "kept too")
        },
        TreeScenario(name: "empty folders omitted") { root in
            try Files.write(root + "/file", "f")
            try Files.makeFolder(root + "/empty")
            try Files.makeFolder(root + "/only-empty/inner/deeper")
            try Files.makeFolder(root + "/mixed/empty")
            try Files.write(root + "/mixed/file", "m")
        },
        TreeScenario(name: "empty root") { _ in },
    ]
}

@Suite("TreeHash against git write-tree")
struct TreeHashTests {
    @Test(arguments: TreeScenario.all, GitObjectFormat.allCases)
    func matchesGit(scenario: TreeScenario, format: GitObjectFormat) throws {
        let folder = try TemporaryFolder("tree")
        defer { folder.remove() }
        try scenario.make(folder.path)
        // Hash before git exists in the folder, then with the repository's own .git present.
        let before = try TreeHash.compute(directory: folder.path, format: format)
        let git = try Git.initialize(folder.path, format: format.rawValue)
        let expected = try git.writeTree()
        #expect(before == expected)
        #expect(try TreeHash.compute(directory: folder.path, format: format) == expected)
        #expect(expected.count == format.idHexLength)
    }

    @Test func defaultFormatIsSHA1() throws {
        let folder = try TemporaryFolder("tree")
        defer { folder.remove() }
        try Files.write(folder("x"), "x")
        let expected = try Git.initialize(folder.path).writeTree()
        #expect(try TreeHash.compute(directory: folder.path) == expected)
    }

    @Test func changesWhenContentOrModeChanges() throws {
        let folder = try TemporaryFolder("tree")
        defer { folder.remove() }
        try Files.write(folder("x"), "x")
        let first = try TreeHash.compute(directory: folder.path)
        chmod(folder("x"), 0o755)
        let second = try TreeHash.compute(directory: folder.path)
        try Files.write(folder("x"), "y", mode: 0o755)
        let third = try TreeHash.compute(directory: folder.path)
        #expect(Set([first, second, third]).count == 3)
    }

    @Test func missingDirectoryIsAnIOError() throws {
        let folder = try TemporaryFolder("tree")
        defer { folder.remove() }
        let error = try #require(throws: SourceError.self) { try TreeHash.compute(directory: folder("nope")) }
        #expect(error == .io)
        #expect(error.reason.contains("nope"))
    }

    @Test func fileIsNotADirectory() throws {
        let folder = try TemporaryFolder("tree")
        defer { folder.remove() }
        try Files.write(folder("file"), "x")
        let error = try #require(throws: SourceError.self) { try TreeHash.compute(directory: folder("file")) }
        #expect(error == .io)
        #expect(error.reason.contains("not a directory"))
    }

    @Test(.enabled(if: geteuid() != 0, "root reads unreadable files"))
    func unreadableFileIsNamed() throws {
        let folder = try TemporaryFolder("tree")
        defer { folder.remove() }
        try Files.write(folder("sub/secret"), "x", mode: 0o000)
        let error = try #require(throws: SourceError.self) { try TreeHash.compute(directory: folder.path) }
        #expect(error.reason.contains("sub/secret"))
    }

    @Test func nestingDeeperThanTheLimitIsRefused() throws {
        let folder = try TemporaryFolder("tree")
        defer { folder.remove() }
        let deep = (0...TreeHash.maximumDepth).map { _ in "d" }.joined(separator: "/")
        try Files.write(folder(deep + "/file"), "x")
        let error = try #require(throws: SourceError.self) { try TreeHash.compute(directory: folder.path) }
        #expect(error == .io)
        #expect(error.reason.contains("deeper than \(TreeHash.maximumDepth)"))
        #expect(error.reason.contains("d/d/d/"))
    }
}
