import Foundation
import GovSealTestSupport
import Testing

/// The anchors of issue 16: small projects whose builds each depend on exactly one thing, plus one
/// fully deterministic project, built by `govseal rebuild --vary` through the binary. Every
/// non-deterministic one must be flagged and attributed to its variation, the deterministic one
/// must pass, and an unsigned blessing is enough (the check runs before blessing).
@Suite("rebuild --vary anchors", .serialized)
struct VaryAnchorTests {
    /// Each anchor: the artifact name, the line of `build.sh` that makes it, and what it depends on
    /// (a variation name, `control` for non-determinism no variation explains, nil for none).
    static let anchors: [(name: String, line: String, dependsOn: String?)] = [
        ("clock", "date -u +%Y > out/clock", "time"),
        ("path", "pwd > out/path", "build_path"),
        ("umask", ": > out/umask.tmp && stat -c %a out/umask.tmp > out/umask", "umask"),
        ("locale", "printf 'b\\nB\\na\\nA\\n' | sort | tr '\\n' ' ' > out/locale", "locale"),
        ("timezone", "date +%z > out/timezone", "timezone"),
        ("hostname", "uname -n > out/hostname", "hostname"),
        ("user", "id -u > out/user", "user"),
        ("home", "echo \"$HOME\" > out/home", "home"),
        ("nproc", "nproc > out/nproc", "num_cpus"),
        ("order", "find files -type f > out/order", "file_order"),
        ("environment", "env | cut -d= -f1 | sort > out/environment", "environment"),
        ("random", "head -c 16 /dev/urandom | od -An -tx1 > out/random", "control"),
        ("deterministic", "printf 'the same every time\\n' > out/deterministic", nil),
    ]

    /// A repository whose build makes every anchor, and an unsigned blessing naming them.
    final class Project {
        let s: CLIScratchFolder
        var path: String { s.path }
        var repo: String { s.path + "/src" }

        init(_ anchors: [(name: String, line: String, dependsOn: String?)] = VaryAnchorTests.anchors) throws {
            s = try CLIScratchFolder()
            let files = repo + "/files"
            try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
            for name in ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"] {
                try "\(name)\n".write(toFile: files + "/" + name, atomically: true, encoding: .utf8)
            }
            let script = "set -e\nmkdir -p out\n" + anchors.map(\.line).joined(separator: "\n") + "\n"
            try script.write(toFile: repo + "/build.sh", atomically: true, encoding: .utf8)
            try BlessingEndToEndTests.World.git(["init", "-q"], in: repo)
            try BlessingEndToEndTests.World.git(["add", "-A"], in: repo)
            try BlessingEndToEndTests.World.git(["commit", "-q", "-m", "anchors"], in: repo)
            try FileManager.default.createDirectory(atPath: path + "/dl", withIntermediateDirectories: true)
            var arguments = ["new", "blessing", "--chain", "icp:mainnet", "--title", "anchors", "--summary", "s",
                             "--repository", "https://example.org/src.git", "--repo", repo, "--commit", "HEAD",
                             "--build-command", "sh build.sh", "--created", "2026-01-01T00:00:00Z", "--out", "blessing.json"]
            for anchor in anchors {
                try "not yet built\n".write(toFile: path + "/dl/" + anchor.name, atomically: true, encoding: .utf8)
                arguments += ["--artifact", "dl/" + anchor.name, "--output", "\(anchor.name)=out/\(anchor.name)"]
            }
            let r = try CLIRunner.run(arguments, in: path)
            #expect(r.status == 0, "\(r.stderr)")
        }

        func vary(_ extra: [String] = []) throws -> CLIResult {
            try CLIRunner.run(["rebuild", "blessing.json", "--source", repo, "--vary", "--quiet"] + extra, in: path)
        }
    }

    @Test func everyAnchorIsAttributedToItsOneCause() throws {
        let project = try Project()
        let result = try project.vary(["--json"])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        #expect(report["reproducible"] as? Bool == false)
        let unavailable = (report["unavailable"] as? [[String: Any]] ?? []).compactMap { $0["variation"] as? String }
        #expect(unavailable.isEmpty, "variations unavailable on this machine: \(unavailable)")
        let artifacts = try #require(report["artifacts"] as? [[String: Any]])
        #expect(artifacts.count == Self.anchors.count)
        for (anchor, artifact) in zip(Self.anchors, artifacts) {
            #expect(artifact["name"] as? String == anchor.name)
            let variesWith = artifact["varies_with"] as? [String] ?? []
            let nonDeterministic = artifact["non_deterministic"] as? Bool
            let detail = "\(anchor.name): \(String(describing: artifact))"
            let reproducible = artifact["reproducible"] as? Bool
            if let cause = anchor.dependsOn, cause == "control" {
                #expect(reproducible == false, "\(detail)")
                #expect(nonDeterministic == true && variesWith.isEmpty, "\(detail)")
            } else if let variation = anchor.dependsOn {
                #expect(reproducible == false, "\(detail)")
                #expect(nonDeterministic == false, "\(detail)")
                #expect(variesWith == [variation], "\(detail)")
                let differences = (artifact["differences"] as? [String: Any])?[variation] as? [[String: Any]]
                #expect(differences?.first?["first_difference"] != nil, "\(detail)")
            } else {
                #expect(reproducible == true, "\(detail)")
                #expect(variesWith.isEmpty && nonDeterministic == false, "\(detail)")
            }
        }
    }

    @Test func aDeterministicProjectPassesEveryVariationAndTheTextReportSaysWhy() throws {
        let project = try Project(Self.anchors.filter { $0.dependsOn == nil } + [Self.anchors[0]])
        var result = try project.vary(["--variations", "umask,hostname,environment"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("[ok] deterministic: reproducible"))
        #expect(result.stdout.contains("REPRODUCIBLE"))
        // The clock anchor only fails when the clock is varied, and the report names the line.
        result = try project.vary(["--variations", "time,umask"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("[FAIL] clock: NOT reproducible; varies with: time"), "\(result.stdout)")
        #expect(result.stdout.contains("line 1: control \""), "\(result.stdout)")
        #expect(result.stdout.contains("NOT REPRODUCIBLE"))
    }

    @Test func usageErrorsAreRefusedBeforeAnyBuild() throws {
        let project = try Project(Array(Self.anchors.suffix(1)))
        for arguments in [["--variations", "time,sunspots"], ["--variations", ","], ["--no-sandbox"]] {
            let result = try project.vary(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(!result.stdout.contains("REPRODUCIBLE"))
        }
        let result = try CLIRunner.run(["rebuild", "blessing.json", "--source", project.repo, "--variations", "time"], in: project.path)
        #expect(result.status == 64)
    }

    @Test func aVariationThatBreaksTheBuildIsAFailureNotAPass() throws {
        // A build that fails for another user: the output is missing under `user`, which must not pass.
        let project = try Project([("fragile", "test \"$(id -u)\" != 2345 && printf ok > out/fragile", "user")])
        let result = try project.vary(["--variations", "user,hostname", "--json"])
        #expect(result.status == 1, "\(result.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let artifact = try #require((report["artifacts"] as? [[String: Any]])?.first)
        #expect(artifact["varies_with"] as? [String] == ["user"])
        #expect(report["reproducible"] as? Bool == false)
    }
}

/// What an attacker (or a broken build) tries first against `--vary`: outputs that are the same
/// everywhere only because they are absent, refused or left over from the commit.
@Suite("rebuild --vary never passes without evidence", .serialized)
struct VaryFalseGreenTests {
    @Test func anOutputThatIsASymlinkOutOfTheSourceIsRefusedInEveryBuild() throws {
        let project = try VaryAnchorTests.Project([("escape", "ln -s /etc/passwd out/escape", nil)])
        let result = try project.vary(["--variations", "hostname", "--json"])
        #expect(result.status == 1, "\(result.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let artifact = try #require((report["artifacts"] as? [[String: Any]])?.first)
        #expect(artifact["reproducible"] as? Bool == false)
        #expect((artifact["control_missing"] as? String)?.contains("outside the source folder") == true, "\(String(describing: artifact))")
    }

    @Test func aFailingBuildWhoseOutputIsIdenticalEverywhereIsNotReproducible() throws {
        // The output is committed, so it is "identical" in every build; but the build itself fails.
        let project = try VaryAnchorTests.Project([("committed", "cp files/alpha out/committed && exit 3", nil)])
        let result = try project.vary(["--variations", "umask,home"])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("[FAIL] build control-1: exit status 3"))
        #expect(result.stdout.contains("NOT REPRODUCIBLE"))
    }

    @Test func noDeclaredOutputProvesNothing() throws {
        let project = try VaryAnchorTests.Project([("never", "true", nil)])
        let result = try project.vary(["--variations", "umask"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("[FAIL] never: no control output"), "\(result.stdout)")
    }
}
