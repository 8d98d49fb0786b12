import Foundation
import Testing
@testable import GovSealSource

@Suite("SourceRepository.export")
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
        let repository = try SourceRepository(path: folder("repo"))
        let indexBefore = try Files.read(folder("repo/.git/index"))
        let statusBefore = try git("status", "--porcelain", "--ignored")

        try repository.export(commit: commit, to: folder("out"))

        #expect(try TreeHash.compute(directory: folder("out"), format: format) == git("rev-parse", "\(commit)^{tree}"))
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
        let repository = try sample.source()
        let commit = try repository.export(commit: sample.first, to: sample.folder("old"))
        #expect(try Files.entries(sample.folder("old")) == ["README"])
        #expect(try Files.read(sample.folder("old/README")) == Array("first\n".utf8))
        #expect(try TreeHash.compute(directory: sample.folder("old")) == sample.git("rev-parse", "\(sample.first)^{tree}"))
        #expect(commit.tree == (try sample.git("rev-parse", "\(sample.first)^{tree}")))
        #expect(commit.committerTime == Int64(SampleRepository.firstTime))
    }

    @Test func existingEmptyFolderIsUsedAndNonEmptyRefused() throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        let repository = try sample.source()
        try Files.makeFolder(sample.folder("empty"))
        try repository.export(commit: sample.second, to: sample.folder("empty"))
        #expect(try Files.entries(sample.folder("empty")) == ["README", "bin"])
        try Files.write(sample.folder("busy/file"), "x")
        let error = try #require(throws: SourceError.self) { try repository.export(commit: sample.second, to: sample.folder("busy")) }
        #expect(error == .io)
        #expect(error.reason.contains("not empty"))
        #expect(try Files.entries(sample.folder("busy")) == ["file"])
    }

    @Test func unknownCommitLeavesNothingBehind() throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        let absent = String(repeating: "ab", count: 20)
        #expect(throws: SourceError.unknownCommit) { try sample.source().export(commit: absent, to: sample.folder("out")) }
        // Only full ids are read: a ref name is never resolved in a disclosed repository.
        for ref in ["main", "--help", "HEAD", String(sample.first.prefix(12)), sample.first.uppercased()] {
            #expect(throws: SourceError.invalidReference) { try sample.source().export(commit: ref, to: sample.folder("out")) }
        }
        #expect(!Files.exists(sample.folder("out")))
    }

    @Test func submodulesAreRefusedAndCleanedUp() throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        // Record a gitlink entry directly in the index, as `git submodule add` would.
        try sample.git("update-index", "--add", "--cacheinfo", "160000,\(sample.first),vendor/lib")
        try sample.git.run(["commit", "-q", "-m", "submodule"])
        let repository = try sample.source()
        let head = try sample.git("rev-parse", "HEAD")
        let error = try #require(throws: SourceError.self) { try repository.export(commit: head, to: sample.folder("out")) }
        #expect(error == .unsupportedEntry)
        #expect(error.reason.contains("vendor/lib"))
        #expect(!Files.exists(sample.folder("out")))
    }
}
