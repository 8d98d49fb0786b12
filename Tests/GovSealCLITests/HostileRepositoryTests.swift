import Foundation
import Testing

/// A disclosed repository is hostile input (issue 12). Each test builds one from scratch next to an
/// honest, signed, embargoed release and runs `verify --source`, `reveal`, `rebuild` and `attest`
/// on it: nothing the repository holds (config, refs, replace refs, grafts, alternates, include
/// files, hooks, filters, a `.git` file) may change what is read, make an absent commit look
/// present, or run anything. Every payload would create a marker file; none may appear.
@Suite("Hostile disclosed repositories")
struct HostileRepositoryTests {
    typealias Release = LifecycleCommandTests.Release

    /// The four commands that read a disclosed repository, and their results.
    struct Outcomes {
        let verify: CLIResult
        let reveal: CLIResult
        let rebuild: CLIResult
        let attest: CLIResult
        var all: [CLIResult] { [verify, reveal, rebuild, attest] }
    }

    static func run(_ r: Release, source: String) throws -> Outcomes {
        try? FileManager.default.removeItem(atPath: r.path + "/reveal.json")
        try? FileManager.default.removeItem(atPath: r.path + "/att.json")
        return Outcomes(
            verify: try timed(r, ["verify", "blessing.json", "--source", source]),
            reveal: try timed(r, ["reveal", "blessing.json", "--source", source, "--rollout-completed", "2026-01-02T00:00:00Z",
                                  "--disclosed", "2026-01-12T00:00:00Z", "--out", "reveal.json"]),
            rebuild: try timed(r, ["rebuild", "blessing.json", "--source", source, "--quiet"]),
            attest: try timed(r, ["attest", "blessing.json", "--source", source, "--key", "f.pem", "--builder", "b",
                                  "--out", "att.json", "--quiet"]))
    }

    /// Runs govseal under `timeout`, so that a read that blocks (a FIFO) fails the test instead of hanging it.
    static func timed(_ r: Release, _ arguments: [String]) throws -> CLIResult {
        let result = try CLIRunner.run(arguments, in: r.path, timeoutSeconds: 120)
        #expect(result.status != 137, "govseal \(arguments.first ?? "") hung and was killed")
        #expect(!result.crashed)
        return result
    }

    /// Expects every command to report a failed check (exit 1) and write nothing.
    static func expectFailedCheck(_ o: Outcomes, _ r: Release, mentioning text: String? = nil) {
        for (name, result) in [("verify", o.verify), ("reveal", o.reveal), ("rebuild", o.rebuild), ("attest", o.attest)] {
            #expect(result.status == 1, "\(name): \(result.status) \(result.stdout) \(result.stderr)")
            #expect(result.stdout.contains("[FAIL] source"), "\(name): \(result.stdout)")
            if let text { #expect(result.stdout.contains(text), "\(name): \(result.stdout)") }
        }
        #expect(!FileManager.default.fileExists(atPath: r.path + "/reveal.json"))
        #expect(!FileManager.default.fileExists(atPath: r.path + "/att.json"))
    }

    /// Expects every command to pass on the honest content, exactly as it would without the attack.
    static func expectNoEffect(_ o: Outcomes) {
        for result in o.all { #expect(result.status == 0, "\(result.stdout) \(result.stderr)") }
        #expect(o.rebuild.stdout.contains("REPRODUCED"))
    }

    static func git(_ arguments: [String], in directory: String) throws {
        try BlessingEndToEndTests.World.git(arguments, in: directory)
    }

    static func gitOutput(_ arguments: [String], in directory: String) throws -> String {
        try Release.gitOutput(arguments, in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A repository with the same files as the release but README changed: another commit, another tree.
    static func tampered(_ r: Release, at name: String) throws -> (path: String, head: String) {
        let path = r.path + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try "evil\n".write(toFile: path + "/README", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: r.repo + "/build.sh", toPath: path + "/build.sh")
        try git(["init", "-q"], in: path)
        try git(["add", "-A"], in: path)
        try git(["commit", "-q", "-m", "release"], in: path)
        return (path, try gitOutput(["rev-parse", "HEAD"], in: path))
    }

    /// A full copy of the honest repository (it holds the blessed commit).
    static func honestClone(_ r: Release, at name: String) throws -> String {
        let path = r.path + "/" + name
        try git(["clone", "-q", "--no-hardlinks", r.repo, path], in: r.path)
        return path
    }

    static func blessedCommit(_ r: Release) throws -> String { try gitOutput(["rev-parse", "HEAD"], in: r.repo) }

    static func marker(_ r: Release, _ name: String) -> String { r.path + "/marker-" + name }
    static func markers(_ r: Release) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: r.path).filter { $0.hasPrefix("marker-") }
    }

    // MARK: An absent commit that git would fetch

    /// Partial clones whose promisor remote would lazily fetch the missing blessed commit, each
    /// through a different way of running a command.
    @Test(arguments: ["ext", "sshCommand", "uploadpack", "protocolAllow"])
    func promisorRemoteNeverFetches(variant: String) throws {
        let r = try Release()
        let (hostile, _) = try Self.tampered(r, at: "hostile")
        let mark = Self.marker(r, variant)
        var config = [("core.repositoryformatversion", "1"), ("extensions.partialClone", "origin"),
                      ("remote.origin.promisor", "true"), ("remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*")]
        switch variant {
        case "ext": config += [("remote.origin.url", "ext::sh -c touch% \(mark)"), ("protocol.ext.allow", "always")]
        case "sshCommand": config += [("remote.origin.url", "ssh://example.invalid/x.git"), ("core.sshCommand", "touch \(mark); false")]
        case "uploadpack": config += [("remote.origin.url", r.repo), ("remote.origin.uploadpack", "touch \(mark); git-upload-pack")]
        default: config += [("remote.origin.url", "ext::sh -c touch% \(mark)"), ("protocol.allow", "always")]
        }
        for (key, value) in config { try Self.git(["config", key, value], in: hostile) }
        if variant == "ext" {
            // The payload is live: git itself runs it when asked for the missing commit.
            _ = try? Self.gitOutput(["cat-file", "-e", try Self.blessedCommit(r)], in: hostile)
            #expect(FileManager.default.fileExists(atPath: mark), "control: git should have run the promisor payload")
            try FileManager.default.removeItem(atPath: mark)
        }
        let outcomes = try Self.run(r, source: hostile)
        Self.expectFailedCheck(outcomes, r, mentioning: "is not in the repository")
        #expect(try Self.markers(r).isEmpty)
    }

    // MARK: Objects substituted by refs and grafts

    /// `refs/replace/<blessed commit>` pointing at another commit, in a repository that lacks the
    /// blessed one: git reports the blessed commit as present (with the substitute's tree);
    /// govseal must report it absent.
    @Test func replaceRefForAnAbsentCommitFails() throws {
        let r = try Release()
        let (hostile, head) = try Self.tampered(r, at: "hostile")
        let blessed = try Self.blessedCommit(r)
        try Self.git(["update-ref", "refs/replace/\(blessed)", head], in: hostile)
        #expect(try Self.gitOutput(["rev-parse", "\(blessed)^{tree}"], in: hostile)
                == Self.gitOutput(["rev-parse", "HEAD^{tree}"], in: hostile), "control: git follows the replace ref")
        Self.expectFailedCheck(try Self.run(r, source: hostile), r, mentioning: "is not in the repository")
    }

    /// Replace refs for the blessed commit and its tree, and grafts, where the blessed commit is
    /// present: the real objects are read; the rebuild reproduces the honest artifact (the
    /// substitute's README would change it).
    @Test func replaceRefsAndGraftsForAPresentCommitHaveNoEffect() throws {
        let r = try Release()
        let hostile = try Self.honestClone(r, at: "hostile")
        let (tampered, head) = try Self.tampered(r, at: "tampered")
        try Self.git(["fetch", "-q", tampered, "HEAD:refs/heads/evil"], in: hostile)
        let blessed = try Self.blessedCommit(r)
        let tree = try Self.gitOutput(["rev-parse", "\(blessed)^{tree}"], in: hostile)
        try Self.git(["update-ref", "refs/replace/\(blessed)", head], in: hostile)
        try Self.git(["update-ref", "refs/replace/\(tree)", Self.gitOutput(["rev-parse", "\(head)^{tree}"], in: hostile)], in: hostile)
        try "\(blessed) \(head)\n".write(toFile: hostile + "/.git/info/grafts", atomically: true, encoding: .utf8)
        try "\(blessed)\n".write(toFile: hostile + "/.git/shallow", atomically: true, encoding: .utf8)
        #expect(try Self.gitOutput(["show", "\(blessed):README"], in: hostile) == "evil", "control: git shows the substitute")
        Self.expectNoEffect(try Self.run(r, source: hostile))
    }

    // MARK: Redirection to other objects

    /// A `.git` file (`gitdir: …`) redirecting to a repository that does hold the commit is refused,
    /// like a `.git` symbolic link: the folder's own objects are not what would be read.
    @Test func dotGitFileIsRefused() throws {
        let r = try Release()
        let hostile = r.path + "/hostile"
        try FileManager.default.createDirectory(atPath: hostile, withIntermediateDirectories: true)
        try "evil\n".write(toFile: hostile + "/README", atomically: true, encoding: .utf8)
        try "gitdir: \(r.repo)/.git\n".write(toFile: hostile + "/.git", atomically: true, encoding: .utf8)
        let o = try Self.run(r, source: hostile)
        for result in [o.verify, o.reveal] {
            #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
            #expect(result.stdout.contains("gitdir"), "\(result.stdout)")
        }
        for result in [o.rebuild, o.attest] {
            #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("gitdir"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: r.path + "/reveal.json"))
        #expect(!FileManager.default.fileExists(atPath: r.path + "/att.json"))
    }

    /// `objects/info/alternates` is never followed: not when it names the honest repository's
    /// objects (the commit is then absent here), not when it is a FIFO that would block a reader.
    @Test(arguments: ["honest", "fifo"])
    func alternatesAreNotFollowed(variant: String) throws {
        let r = try Release()
        let (hostile, _) = try Self.tampered(r, at: "hostile")
        let alternates = hostile + "/.git/objects/info/alternates"
        if variant == "fifo" {
            #expect(mkfifo(alternates, 0o644) == 0)
        } else {
            try "\(r.repo)/.git/objects\n".write(toFile: alternates, atomically: true, encoding: .utf8)
            #expect(try Self.gitOutput(["cat-file", "-t", try Self.blessedCommit(r)], in: hostile) == "commit",
                    "control: git finds the commit through the alternate")
        }
        Self.expectFailedCheck(try Self.run(r, source: hostile), r, mentioning: "alternates is not followed")
    }

    /// Configuration include files that would block (a FIFO) or be huge, and a FIFO where a loose
    /// object of another commit would be: the blessed commit is still read, nothing hangs.
    @Test func includeFilesAndFifosHaveNoEffect() throws {
        let r = try Release()
        let hostile = try Self.honestClone(r, at: "hostile")
        let fifo = r.path + "/config-fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        let huge = r.path + "/huge-config"
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, 1 << 32) == 0)  // sparse 4 GiB
        // Appended by hand: once the FIFO is included, git itself blocks on every config read.
        let config = try FileHandle(forWritingTo: URL(fileURLWithPath: hostile + "/.git/config"))
        try config.seekToEnd()
        try config.write(contentsOf: Data("[include]\n\tpath = \(fifo)\n[includeIf \"gitdir:/\"]\n\tpath = \(huge)\n".utf8))
        try config.close()
        let bogus = hostile + "/.git/objects/ff"
        try FileManager.default.createDirectory(atPath: bogus, withIntermediateDirectories: true)
        #expect(mkfifo(bogus + "/" + String(repeating: "f", count: 38), 0o644) == 0)
        Self.expectNoEffect(try Self.run(r, source: hostile))
    }

    // MARK: Commands the repository would run

    /// Hooks, fsmonitor, pagers, external diff, smudge/clean/process filters, attributes (in the
    /// repository's info/attributes, so they apply to the blessed commit), an SSH command and a
    /// hooks path: none runs, and the export is the committed bytes.
    @Test func repositoryCommandsNeverRun() throws {
        let r = try Release()
        let hostile = try Self.honestClone(r, at: "hostile")
        let settings: [(String, String)] = [
            ("core.fsmonitor", "touch \(Self.marker(r, "fsmonitor"))"),
            ("core.pager", "touch \(Self.marker(r, "pager"))"),
            ("pager.log", "touch \(Self.marker(r, "pagerlog"))"),
            ("diff.external", "touch \(Self.marker(r, "diff"))"),
            ("filter.evil.smudge", "touch \(Self.marker(r, "smudge")); cat"),
            ("filter.evil.clean", "touch \(Self.marker(r, "clean")); cat"),
            ("filter.evil.process", "touch \(Self.marker(r, "process"))"),
            ("filter.evil.required", "true"),
            ("core.sshCommand", "touch \(Self.marker(r, "ssh"))"),
            ("core.hooksPath", r.path + "/hooks"),
            ("core.autocrlf", "true"),
            ("uploadpack.packObjectsHook", "touch \(Self.marker(r, "packhook"))"),
        ]
        for (key, value) in settings { try Self.git(["config", key, value], in: hostile) }
        try "* filter=evil text eol=crlf ident\n".write(toFile: hostile + "/.git/info/attributes", atomically: true, encoding: .utf8)
        for dir in [r.path + "/hooks", hostile + "/.git/hooks"] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for hook in ["post-checkout", "pre-commit", "reference-transaction", "post-index-change", "fsmonitor-watchman"] {
                let path = dir + "/" + hook
                try "#!/bin/sh\ntouch \(Self.marker(r, "hook-" + hook))\n".write(toFile: path, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
        }
        Self.expectNoEffect(try Self.run(r, source: hostile))
        #expect(try Self.markers(r).isEmpty)
    }

    // MARK: Objects that lie

    /// A loose object whose bytes are another object's (the id no longer matches the content): the
    /// commit is reported corrupt, never used.
    @Test func aSubstitutedLooseObjectIsCorrupt() throws {
        let r = try Release()
        let hostile = try Self.honestClone(r, at: "hostile")
        let (tampered, _) = try Self.tampered(r, at: "tampered")
        // The README blob of the blessed tree, replaced by the tampered README blob's loose file.
        let honestBlob = try Self.gitOutput(["rev-parse", "HEAD:README"], in: hostile)
        let evilBlob = try Self.gitOutput(["rev-parse", "HEAD:README"], in: tampered)
        let objects = hostile + "/.git/objects/"
        #expect(FileManager.default.fileExists(atPath: objects + Self.loosePath(honestBlob)), "a local clone keeps loose objects")
        try FileManager.default.removeItem(atPath: objects + Self.loosePath(honestBlob))
        try FileManager.default.copyItem(atPath: tampered + "/.git/objects/" + Self.loosePath(evilBlob),
                                         toPath: objects + Self.loosePath(honestBlob))
        let o = try Self.run(r, source: hostile)
        for result in o.all {
            #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
            #expect(result.stdout.contains("does not hash to its id"), "\(result.stdout)")
        }
    }

    static func loosePath(_ id: String) -> String { String(id.prefix(2)) + "/" + String(id.dropFirst(2)) }
}
