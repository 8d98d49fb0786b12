import Foundation
import Testing
@testable import GovSealSource

/// A repository to rebuild, and a private parent folder for the rebuild's temporary folder.
struct BuildFixture {
    let folder: TemporaryFolder
    let git: Git
    let commit: String
    let repository: SourceRepository
    static let commitTime = 1_720_000_000

    init() throws {
        folder = try TemporaryFolder("rebuild")
        git = try Git.initialize(folder("repo"))
        try Files.write(folder("repo/message"), "hello")
        try Files.write(ArchiveComparisonTests.longFolder.replacingOccurrences(of: "data/", with: folder("repo/data/")) + "/b.txt", "bravo\n")
        try Files.write(folder("repo/data/a.txt"), "alpha\n")
        try Files.write(folder("repo/data/c.txt"), "charlie\n")
        commit = try git.commitAll("build me", date: Self.commitTime)
        repository = try SourceRepository(path: folder("repo"))
        try Files.makeFolder(folder("tmp"))
    }

    func options(keep: Bool = false, timeout: Duration = .seconds(120), references: String? = nil) -> RebuildOptions {
        RebuildOptions(timeout: timeout, keep: keep, referenceArtifacts: references, temporaryDirectory: folder("tmp"))
    }

    func rebuild(_ command: String, _ artifacts: [ExpectedArtifact], options: RebuildOptions? = nil,
                 expectedTree: String? = nil) throws -> RebuildReport {
        try Rebuilder.rebuild(repository: repository, commit: commit, expectedTree: expectedTree, recipe: RebuildRecipe(command: command),
                              artifacts: artifacts, options: options ?? self.options())
    }

    /// The temporary parent is empty: the rebuild left nothing behind.
    var leftNothingBehind: Bool { (try? Files.entries(folder("tmp")))?.isEmpty == true }
}

@Suite("Rebuilder")
struct RebuilderTests {
    static let hello = ExpectedArtifact(name: "a.bin", outputPath: "out/a.bin", size: 5, sha256: Digests.sha256("hello"),
                                        sha512: Digests.sha512("hello"))
    static let build = "mkdir -p out && printf hello > out/a.bin"

    @Test func deterministicBuildMatches() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let tree = try fixture.git("rev-parse", "HEAD^{tree}")
        let logLines = LogLines()
        var options = fixture.options()
        options.log = { logLines.append($0) }
        let report = try fixture.rebuild(Self.build + " && cp message out/copy", [Self.hello,
            ExpectedArtifact(name: "copy", outputPath: "out/copy", size: 5, sha256: Digests.sha256("hello"))],
            options: options, expectedTree: tree)
        #expect(report.allMatch)
        #expect(report.problems.isEmpty)
        #expect(report.exitStatus == 0)
        #expect(!report.timedOut)
        #expect(report.commit == fixture.commit)
        #expect(report.tree == tree)
        #expect(report.artifacts.map(\.matches) == [true, true])
        #expect(report.workDirectory == nil)
        #expect(fixture.leftNothingBehind)
        #expect(logLines.lines.contains { $0.hasPrefix("checking out \(fixture.commit)") })
        #expect(logLines.lines.contains { $0.hasPrefix("running build") })
    }

    @Test func wrongDigestIsAMismatch() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let expected = ExpectedArtifact(name: "a.bin", outputPath: "out/a.bin", size: 7, sha256: Digests.sha256("goodbye"))
        let report = try fixture.rebuild(Self.build, [expected])
        #expect(!report.allMatch)
        guard case .mismatch(let want, let got, let sizeExpected, let sizeGot, let differences) = report.artifacts[0].outcome else {
            Issue.record("expected a mismatch, got \(report.artifacts[0].outcome)")
            return
        }
        #expect(want == Digests.sha256("goodbye"))
        #expect(got == Digests.sha256("hello"))
        #expect(sizeExpected == 7)
        #expect(sizeGot == 5)
        #expect(differences.isEmpty)
        #expect(report.problems.map(\.code) == [.artifactMismatch])
    }

    @Test func wrongSHA512AloneIsAMismatch() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let expected = ExpectedArtifact(name: "a.bin", outputPath: "out/a.bin", size: 5, sha256: Digests.sha256("hello"),
                                        sha512: Digests.sha512("hellO"))
        #expect(try !fixture.rebuild(Self.build, [expected]).allMatch)
    }

    @Test func failingBuildIsReportedWithItsLog() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let report = try fixture.rebuild("for i in $(seq 1 100); do echo line $i; done; echo broken >&2; exit 3", [Self.hello])
        #expect(report.exitStatus == 3)
        #expect(!report.allMatch)
        #expect(report.logTail.hasSuffix("broken\n"))
        #expect(!report.logTail.contains("line 50\n"))
        #expect(report.logTail.split(separator: "\n").count == Rebuilder.logTailLines)
        #expect(report.problems.map(\.code) == [.buildFailed, .missingOutput])
        #expect(fixture.leftNothingBehind)
    }

    @Test func timeoutKillsTheBuildAndItsBackgroundChild() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let pidFile = fixture.folder("background.pid")
        var options = fixture.options(timeout: .seconds(1))
        options.isolation = .none  // the pid file is outside the source: only reachable without the sandbox (SandboxTests covers it)
        let report = try fixture.rebuild("sleep 60 & echo $! > \(pidFile); sleep 60", [Self.hello], options: options)
        #expect(report.timedOut)
        #expect(report.exitStatus == nil)
        #expect(!report.allMatch)
        #expect(report.durationSeconds < 30)
        #expect(report.problems.first?.code == .timeout)
        #expect(report.logTail.contains("time limit"))
        let pid = try #require(Int32(String(decoding: try Files.read(pidFile), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(ProcessProbe.isGone(pid))
        #expect(fixture.leftNothingBehind)
    }

    @Test func missingOutput() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let missing = ExpectedArtifact(name: "none", outputPath: "out/none.bin", size: 1, sha256: Digests.sha256("x"))
        let report = try fixture.rebuild(Self.build, [Self.hello, missing])
        #expect(report.artifacts[0].matches)
        guard case .missing(let path) = report.artifacts[1].outcome else {
            Issue.record("expected missing, got \(report.artifacts[1].outcome)")
            return
        }
        #expect(path == "out/none.bin")
        #expect(!report.allMatch)
    }

    @Test(arguments: [
        ("../x", "'..'"), ("/etc/passwd", "absolute"), ("out/link/passwd", "outside"), ("out/link", "outside"),
        ("out/up/x", "outside"), ("out", "directory"), ("out/fifo", "not a regular file"),
    ])
    func unsafeOutputsAreRefused(outputPath: String, reasonContains: String) throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let artifact = ExpectedArtifact(name: "x", outputPath: outputPath, size: 1, sha256: Digests.sha256("x"))
        let report = try fixture.rebuild(Self.build + " && ln -s /etc out/link && ln -s ../.. out/up && mkfifo out/fifo", [artifact])
        guard case .unsafePath(let reason) = report.artifacts[0].outcome else {
            Issue.record("expected unsafePath, got \(report.artifacts[0].outcome)")
            return
        }
        #expect(reason.contains(reasonContains), "\(reason)")
        #expect(!report.allMatch)
    }

    @Test func environmentIsScrubbed() throws {
        setenv(Self.markerName, "must not leak", 1)
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let report = try fixture.rebuild("env > environment.txt; " + Self.build, [Self.hello], options: fixture.options(keep: true))
        let work = try #require(report.workDirectory)
        defer { try? FileManager.default.removeItem(atPath: work) }
        #expect(work.hasPrefix(fixture.folder("tmp") + "/"))
        let text = String(decoding: try Files.read(work + "/src/environment.txt"), as: UTF8.self)
        var variables: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            variables[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        #expect(variables["SOURCE_DATE_EPOCH"] == String(BuildFixture.commitTime))
        #expect(variables["PATH"] == "/usr/local/bin:/usr/bin:/bin")
        #expect(variables["HOME"] == work + "/home")
        #expect(variables["TMPDIR"] == work + "/tmp")
        #expect(variables["LC_ALL"] == "C")
        #expect(variables["TZ"] == "UTC")
        #expect(variables[Self.markerName] == nil)
        let shellAdded: Set<String> = ["PWD", "SHLVL", "_", "OLDPWD"]
        let allowed: Set<String> = ["SOURCE_DATE_EPOCH", "PATH", "HOME", "TMPDIR", "LC_ALL", "TZ"]
        #expect(Set(variables.keys).subtracting(allowed).subtracting(shellAdded).isEmpty, "\(variables.keys.sorted())")
    }

    static let markerName = "GOVSEAL_REBUILD_TEST_MARKER"

    @Test(arguments: ["ustar", "pax", "gnu", "gnu+gz"])
    func tarMismatchNamesTheChangedMember(format: String) throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let parts = format.split(separator: "+")
        let gzip = parts.count > 1
        let name = gzip ? "release.tar.gz" : "release.tar"
        // The published artifact: the committed data, archived by the reference tar.
        try Files.makeFolder(fixture.folder("published"))
        let tar = "tar --format=\(parts[0]) -cf out/release.tar data" + (gzip ? " && gzip -n out/release.tar" : "")
        try Shell.run("/bin/sh", ["-c", "mkdir -p out && " + tar + " && mv out/\(name) ../published/"], in: fixture.folder("repo"))
        let published = try Files.read(fixture.folder("published/\(name)"))
        let changed = ArchiveComparisonTests.longFolder + "/b.txt"
        let expected = ExpectedArtifact(name: name, outputPath: "out/\(name)", size: UInt64(published.count), sha256: Digests.sha256(published))

        let report = try fixture.rebuild("printf tampered > '\(changed)' && mkdir -p out && " + tar, [expected],
                                         options: fixture.options(references: fixture.folder("published")))
        #expect(report.exitStatus == 0)
        guard case .mismatch(let want, let got, _, _, let differences) = report.artifacts[0].outcome else {
            Issue.record("expected a mismatch, got \(report.artifacts[0].outcome)")
            return
        }
        #expect(want == Digests.sha256(published))
        #expect(got != want)
        #expect(differences.filter(\.contentDiffers).map(\.path) == [changed])
        #expect(differences.first?.detail == .text(line: 1, reference: "bravo", rebuilt: "tampered"))
        #expect(differences.first?.reference?.sha256 == Digests.sha256("bravo\n"))
        #expect(differences.first?.reference?.size == 6)
        #expect(differences.first?.rebuilt?.sha256 == Digests.sha256("tampered"))
        #expect(differences.first?.rebuilt?.size == 8)
        #expect(report.problems.first?.reason.contains(changed) == true)
    }

    @Test func addedAndRemovedMembersAreOneSided() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        try Files.makeFolder(fixture.folder("published"))
        try Shell.run("/bin/sh", ["-c", "tar -cf ../published/r.tar data/a.txt data/c.txt"], in: fixture.folder("repo"))
        let published = try Files.read(fixture.folder("published/r.tar"))
        let expected = ExpectedArtifact(name: "r.tar", outputPath: "r.tar", size: UInt64(published.count), sha256: Digests.sha256(published))
        let report = try fixture.rebuild("tar -cf r.tar data/a.txt message", [expected], options: fixture.options(references: fixture.folder("published")))
        guard case .mismatch(_, _, _, _, let differences) = report.artifacts[0].outcome else {
            Issue.record("expected a mismatch, got \(report.artifacts[0].outcome)")
            return
        }
        #expect(differences.filter(\.contentDiffers).map(\.path) == ["data/c.txt", "message"])
        #expect(differences[0].reference != nil && differences[0].rebuilt == nil)
        #expect(differences[1].reference == nil && differences[1].rebuilt?.sha256 == Digests.sha256("hello"))
    }

    @Test func keptFolderHoldsTheBuildAndReadOnlyFoldersAreStillRemoved() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let readOnly = Self.build + " && mkdir -p cache/deep && touch cache/deep/f && chmod -R a-w cache"
        let kept = try fixture.rebuild(readOnly, [Self.hello], options: fixture.options(keep: true))
        let work = try #require(kept.workDirectory)
        #expect(try Files.read(work + "/src/out/a.bin") == Array("hello".utf8))
        #expect(Files.exists(work + "/build.log"))
        _ = try? Shell.run("/bin/chmod", ["-R", "u+w", work])
        try FileManager.default.removeItem(atPath: work)
        #expect(fixture.leftNothingBehind)
        let removed = try fixture.rebuild(readOnly, [Self.hello])
        #expect(removed.allMatch)
        #expect(removed.workDirectory == nil)
        #expect(fixture.leftNothingBehind)
    }

    @Test func treeMismatchThrowsAndLeavesNothingBehind() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let error = try #require(throws: SourceError.self) {
            try fixture.rebuild(Self.build, [Self.hello], expectedTree: String(repeating: "0", count: 40))
        }
        #expect(error == .treeMismatch)
        #expect(error.reason.contains(fixture.commit))
        #expect(fixture.leftNothingBehind)
    }

    @Test func unknownCommitThrowsAndLeavesNothingBehind() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        #expect(throws: SourceError.unknownCommit) {
            try Rebuilder.rebuild(repository: fixture.repository, commit: String(repeating: "1", count: 40), expectedTree: nil,
                                  recipe: RebuildRecipe(command: Self.build), artifacts: [Self.hello], options: fixture.options())
        }
        #expect(throws: SourceError.buildFailed) { try fixture.rebuild("  ", [Self.hello]) }
        #expect(fixture.leftNothingBehind)
    }

    @Test func noArtifactsProvesNothing() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let report = try fixture.rebuild("true", [])
        #expect(!report.allMatch)
        #expect(report.problems.map(\.code) == [.missingOutput])
    }
}

/// Collects log lines from the rebuild's callback.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
