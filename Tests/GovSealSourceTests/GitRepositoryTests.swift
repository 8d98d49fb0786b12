import Foundation
import Testing
@testable import GovSealSource

/// A repository with two commits, a branch, a lightweight and an annotated tag.
struct SampleRepository {
    let folder: TemporaryFolder
    let git: Git
    let first: String
    let second: String
    let format: GitObjectFormat
    static let firstTime = 1_700_000_000
    static let secondTime = 1_700_086_400

    init(format: GitObjectFormat = .sha1) throws {
        folder = try TemporaryFolder("repo")
        git = try Git.initialize(folder("repo"), format: format.rawValue)
        self.format = format
        try Files.write(folder("repo/README"), "first\n")
        first = try git.commitAll("first", date: Self.firstTime)
        try git("tag", "v1")
        try git("tag", "-a", "v1-annotated", "-m", "annotated")
        try Files.write(folder("repo/README"), "second\n")
        try Files.write(folder("repo/bin/tool"), "#!/bin/sh\n", mode: 0o755)
        second = try git.commitAll("second", date: Self.secondTime)
        try git("branch", "feature", first)
    }

    var path: String { folder("repo") }
    func open() throws -> GitRepository { try GitRepository(path: path) }
    func source() throws -> SourceRepository { try SourceRepository(path: path) }
}

@Suite("GitRepository")
struct GitRepositoryTests {
    @Test(arguments: GitObjectFormat.allCases)
    func resolvesRefs(format: GitObjectFormat) throws {
        let sample = try SampleRepository(format: format)
        defer { sample.folder.remove() }
        let repository = try sample.open()
        #expect(try repository.objectFormat() == format)
        #expect(try repository.resolveCommit("main") == sample.second)
        #expect(try repository.resolveCommit("HEAD") == sample.second)
        #expect(try repository.resolveCommit("feature") == sample.first)
        #expect(try repository.resolveCommit("v1") == sample.first)
        #expect(try repository.resolveCommit("v1-annotated") == sample.first)  // peeled to the commit
        #expect(try repository.resolveCommit(String(sample.second.prefix(10))) == sample.second)
        #expect(try repository.resolveCommit(sample.first) == sample.first)
        #expect(sample.second.count == format.idHexLength)
    }

    @Test(arguments: GitObjectFormat.allCases)
    func treesAndTimes(format: GitObjectFormat) throws {
        let sample = try SampleRepository(format: format)
        defer { sample.folder.remove() }
        let repository = try sample.open()
        #expect(try repository.treeID(ofCommit: sample.first) == sample.git("rev-parse", "\(sample.first)^{tree}"))
        #expect(try repository.treeID(ofCommit: "main") == sample.git("rev-parse", "HEAD^{tree}"))
        let source = try sample.source()
        #expect(try source.commit(sample.first).committerTime == Int64(SampleRepository.firstTime))
        #expect(try source.commit(sample.second).committerTime == Int64(sample.git("log", "-1", "--format=%ct", sample.second)))
        #expect(try source.commit(sample.second).tree == sample.git("rev-parse", "HEAD^{tree}"))
    }

    @Test func containsCommit() throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        let repository = try sample.source()
        #expect(repository.containsCommit(sample.first))
        #expect(repository.containsCommit(sample.second))
        #expect(!repository.containsCommit(String(repeating: "ab", count: 20)))
        let tree = try sample.git("rev-parse", "HEAD^{tree}")
        #expect(!repository.containsCommit(tree))                      // an object, but not a commit
        #expect(!repository.containsCommit("main"))                     // not a full id
        #expect(!repository.containsCommit(String(sample.first.prefix(12))))
        #expect(!repository.containsCommit(sample.first.uppercased()))
        #expect(!repository.containsCommit("--all"))
    }

    @Test(arguments: ["-h", "--output=/tmp/x", "--all", "", "main\nHEAD", "a b", "x\u{0}y", String(repeating: "a", count: 2000)])
    func unsafeRefsAreRejected(ref: String) throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        let repository = try sample.open()
        let error = try #require(throws: SourceError.self) { try repository.resolveCommit(ref) }
        #expect(error == .invalidReference)
        #expect(throws: SourceError.invalidReference) { try repository.treeID(ofCommit: ref) }
        #expect(throws: SourceError.invalidReference) { try sample.source().commit(ref) }
    }

    @Test(arguments: ["nope", "v9", "0000000000000000000000000000000000000000", "main~5"])
    func unknownCommitsNameTheRef(ref: String) throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        let repository = try sample.open()
        let error = try #require(throws: SourceError.self) { try repository.resolveCommit(ref) }
        #expect(error == .unknownCommit)
        #expect(error.reason.contains("'\(ref)'"))
    }

    @Test func treeIsNotACommit() throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        let tree = try sample.git("rev-parse", "HEAD^{tree}")
        #expect(throws: SourceError.unknownCommit) { try sample.open().resolveCommit(tree) }
        #expect(throws: SourceError.unknownCommit) { try sample.open().treeID(ofCommit: tree) }
        #expect(throws: SourceError.unknownCommit) { try sample.source().commit(tree) }
    }

    @Test func notARepository() throws {
        let folder = try TemporaryFolder("repo")
        defer { folder.remove() }
        try Files.write(folder("plain/file"), "x")
        let error = try #require(throws: SourceError.self) { try GitRepository(path: folder("plain")) }
        #expect(error == .notARepository)
        #expect(error.reason.contains(folder("plain")))
        #expect(throws: SourceError.notARepository) { try GitRepository(path: folder("missing")) }
        #expect(throws: SourceError.notARepository) { try GitRepository(path: folder("plain/file")) }
    }

    @Test func subfolderOfARepositoryIsRefused() throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        let error = try #require(throws: SourceError.self) { try GitRepository(path: sample.folder("repo/bin")) }
        #expect(error == .notARepository)
        #expect(error.reason.contains("not its top level"))
    }

    @Test func bareRepositoryAndGitFolderAreAccepted() throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        try Shell.run(Git.executable, ["clone", "-q", "--bare", sample.path, sample.folder("bare.git")], environment: Git.environment)
        #expect(try GitRepository(path: sample.folder("bare.git")).resolveCommit("main") == sample.second)
        #expect(try GitRepository(path: sample.folder("repo/.git")).resolveCommit("main") == sample.second)
        #expect(try SourceRepository(path: sample.folder("bare.git")).commit(sample.second).id == sample.second)
        #expect(try SourceRepository(path: sample.folder("repo/.git")).commit(sample.second).id == sample.second)
        #expect(throws: SourceError.notARepository) { try SourceRepository(path: sample.folder("repo/bin")) }
    }

    @Test func missingGitIsReported() throws {
        let sample = try SampleRepository()
        defer { sample.folder.remove() }
        #expect(throws: SourceError.gitMissing) { try GitRepository(path: sample.path, gitExecutable: "/nonexistent/git") }
    }
}
