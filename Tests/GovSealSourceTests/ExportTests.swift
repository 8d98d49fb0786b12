import Foundation
import Testing
@testable import GovSealSource

@Suite("GitRepository.export")
struct ExportTests {
    /// A repository whose attributes and configuration would change a normal checkout.
    static func hostileRepository(format: GitObjectFormat) throws -> (TemporaryFolder, Git, String) {
        let folder = try TemporaryFolder("export")
        let git = try Git.initialize(folder("repo"), format: format.rawValue)
        try Files.write(folder("repo/.gitattributes"), """
            * text=auto
            *.txt text eol=crlf
            *.id ident
            *.dat filter=shout
            secret/** export-ignore

            """)
        try Files.write(folder("repo/notes.txt"), "line one\nline two\n")
        try Files.write(folder("repo/version.id"), "$Id$\n")
        try Files.write(folder("repo/payload.dat"), "quiet data\n")
        try Files.write(folder("repo/secret/keep.txt"), "not exported by git archive\n")
        try Files.write(folder("repo/bin/run"), "#!/bin/sh\necho hi\n", mode: 0o755)
        try Files.symlink(folder("repo/link"), to: "notes.txt")
        try Files.symlink(folder("repo/dangling"), to: "../outside")
        try Files.write(folder("repo/deep/er/still/file with space"), [0, 1, 2, 255])
        try Files.write(folder("repo/caf\u{E9}"), "nfc")
        try Files.write(folder("repo/empty"), [UInt8]())
        let commit = try git.commitAll("content", date: 1_710_000_000)
        // Configuration that a checkout would apply: autocrlf and a smudge filter.
        try git("config", "core.autocrlf", "true")
        try git("config", "filter.shout.smudge", "tr a-z A-Z")
        try git("config", "filter.shout.clean", "cat")
        return (folder, git, commit)
    }

    @Test(arguments: GitObjectFormat.allCases)
    func exportsExactlyTheCommittedTree(format: GitObjectFormat) throws {
        let (folder, git, commit) = try Self.hostileRepository(format: format)
        defer { folder.remove() }
        let repository = try GitRepository(path: folder("repo"))
        let indexBefore = try Files.read(folder("repo/.git/index"))
        let statusBefore = try git("status", "--porcelain", "--ignored")

        try repository.export(commit: commit, to: folder("out"))

        #expect(try TreeHash.compute(directory: folder("out"), format: format) == repository.treeID(ofCommit: commit))
        #expect(try Files.read(folder("out/notes.txt")) == Array("line one\nline two\n".utf8))   // no CRLF
        #expect(try Files.read(folder("out/version.id")) == Array("$Id$\n".utf8))                // no ident
        #expect(try Files.read(folder("out/payload.dat")) == Array("quiet data\n".utf8))         // no smudge
        #expect(Files.exists(folder("out/secret/keep.txt")))                                     // no export-ignore
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder("out/dangling")) == "../outside")
        #expect(FileManager.default.isExecutableFile(atPath: folder("out/bin/run")))
        #expect(!Files.exists(folder("out/.git")))
        // The repository's own index and work tree are untouched.
        #expect(try Files.read(folder("repo/.git/index")) == indexBefore)
        #expect(try git("status", "--porcelain", "--ignored") == statusBefore)
    }

    @Test func exportsAnOlderCommitByRef() throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        let repository = try sample.open()
        try repository.export(commit: "v1", to: sample.folder("old"))
        #expect(try Files.entries(sample.folder("old")) == ["README"])
        #expect(try Files.read(sample.folder("old/README")) == Array("first\n".utf8))
        #expect(try TreeHash.compute(directory: sample.folder("old")) == repository.treeID(ofCommit: sample.first))
    }

    @Test func existingEmptyFolderIsUsedAndNonEmptyRefused() throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        let repository = try sample.open()
        try Files.makeFolder(sample.folder("empty"))
        try repository.export(commit: "main", to: sample.folder("empty"))
        #expect(try Files.entries(sample.folder("empty")) == ["README", "bin"])
        try Files.write(sample.folder("busy/file"), "x")
        let error = try #require(throws: SourceError.self) { try repository.export(commit: "main", to: sample.folder("busy")) }
        #expect(error == .io)
        #expect(error.reason.contains("not empty"))
        #expect(try Files.entries(sample.folder("busy")) == ["file"])
    }

    @Test func unknownCommitLeavesNothingBehind() throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        #expect(throws: SourceError.unknownCommit) { try sample.open().export(commit: "nope", to: sample.folder("out")) }
        #expect(throws: SourceError.invalidReference) { try sample.open().export(commit: "--help", to: sample.folder("out")) }
        #expect(!Files.exists(sample.folder("out")))
    }

    @Test func submodulesAreRefusedAndCleanedUp() throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        // Record a gitlink entry directly in the index, as `git submodule add` would.
        try sample.git("update-index", "--add", "--cacheinfo", "160000,\(sample.first),vendor/lib")
        try sample.git.run(["commit", "-q", "-m", "submodule"])
        let repository = try sample.open()
        let error = try #require(throws: SourceError.self) { try repository.export(commit: "HEAD", to: sample.folder("out")) }
        #expect(error == .unsupportedEntry)
        #expect(error.reason.contains("vendor/lib"))
        #expect(!Files.exists(sample.folder("out")))
    }
}
