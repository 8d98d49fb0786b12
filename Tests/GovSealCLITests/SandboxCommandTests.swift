import Foundation
import GovSealTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `rebuild` and `attest` in the bubblewrap sandbox, through the binary (issue 13): signals,
/// refused namespaces, the signing key, the caller's environment, and what attestations and
/// `status` record.
@Suite("Sandboxed rebuilds end to end")
struct SandboxCommandTests {
    typealias Release = LifecycleCommandTests.Release

    /// Runs `prefix + [govseal] + arguments` in `release`'s folder with `TMPDIR` inside it; killed after 120 s.
    static func run(_ release: Release, _ arguments: [String], prefix: [String] = [], environment: [String: String] = [:],
                    whileRunning: ((Process) throws -> Void)? = nil) throws -> (status: Int32, stderr: String, stdout: String) {
        let process = Process()
        let command = prefix + [try CLIRunner.binaryPath()] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: release.path)
        process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(["TMPDIR": try temporary(release)]) { $1 }) { $1 }
        let out = release.path + "/run.out", err = release.path + "/run.err"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        try whileRunning?(process)
        let deadline = ContinuousClock.now + .seconds(120)  // a hang detector, not a measurement
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        #expect(!process.isRunning, "govseal did not return")
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOfFile: err, encoding: .utf8), try String(contentsOfFile: out, encoding: .utf8))
    }

    /// The `TMPDIR` of the runs (created on first use): it must be empty after each of them.
    static func temporary(_ release: Release) throws -> String {
        let path = release.path + "/tmp"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func leftNothing(_ release: Release) throws -> Bool {
        try FileManager.default.contentsOfDirectory(atPath: try temporary(release)).isEmpty
    }

    @Test("SIGTERM or SIGINT to govseal kills every process of the build and removes its folder", arguments: [SIGTERM, SIGINT])
    func signalsStopTheBuild(signal: Int32) throws {
        let token = BuildProcessWatch.sleepToken()
        let release = try Release(embargo: false, buildScript: "setsid sleep \(token) & sleep \(token)\n")
        let watch = BuildProcessWatch(token: token)
        let result = try Self.run(release, ["rebuild", "blessing.json", "--source", release.repo, "--quiet"]) { process in
            #expect(watch.waitFor(2), "the build's processes never appeared")
            kill(process.processIdentifier, signal)
        }
        let pids = watch.stop()
        #expect(result.status == 128 + signal, "\(result.stderr)")
        #expect(result.stderr.contains("stopped by \(signal == SIGTERM ? "SIGTERM" : "SIGINT")"))
        #expect(!pids.isEmpty)
        for pid in pids { #expect(BuildProcessWatch.isGone(pid), "process \(pid) of the build survived") }
        #expect(try Self.leftNothing(release))
    }

    @Test func refusedNamespacesAreBadInputNamingNoSandbox() throws {
        let release = try Release(embargo: false)
        // govseal inside a bubblewrap that forbids further user namespaces: as inside some containers.
        let jail = ["/usr/bin/bwrap", "--unshare-user", "--disable-userns", "--cap-drop", "ALL", "--bind", "/", "/",
                    "--dev", "/dev", "--proc", "/proc", "--"]
        let result = try Self.run(release, ["rebuild", "blessing.json", "--source", release.repo, "--quiet"], prefix: jail)
        #expect(result.status == 2, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("namespace") && result.stderr.contains("--no-sandbox"))
        #expect(!result.stdout.contains("REPRODUCED"))
        #expect(try Self.leftNothing(release))
        // --no-sandbox builds there, warns, and says so.
        let unsandboxed = try Self.run(release, ["rebuild", "blessing.json", "--source", release.repo, "--quiet", "--no-sandbox"], prefix: jail)
        #expect(unsandboxed.status == 0, "\(unsandboxed.stderr)")
        #expect(unsandboxed.stderr.contains("warning: --no-sandbox"))
        #expect(unsandboxed.stdout.contains("isolation: none"))
    }

    @Test("the key attest signs with is invisible to the build", arguments: [false, true])
    func signingKeyIsNotReadable(noSandbox: Bool) throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("govseal-home-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: home + "/.ssh", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let key = home + "/.ssh/rebuilder.pem"
        let release = try Release(embargo: false, buildScript: "mkdir -p out; cat \(key) > out/app.bin || true\n")
        #expect(try release.run(["keygen", "--alg", "ed25519", "--out", key]).status == 0)
        let result = try Self.run(release, ["attest", "blessing.json", "--source", release.repo, "--key", key, "--builder", "r",
                                            "--out", "att.json", "--quiet"] + (noSandbox ? ["--no-sandbox"] : []))
        #expect(result.status == 1, "\(result.stderr)")  // the blessed artifact is not what this build makes
        let body = try Self.body(release.path + "/att.json")
        let subject = try #require((body["subject"] as? [[String: Any]])?.first?["digest"] as? [String: String])
        let keyDigest = try Self.sha256sum(key)
        #expect((subject["sha256"] == keyDigest) == noSandbox, "the build read the signing key")
        let predicate = try #require(body["predicate"] as? [String: Any])
        #expect(predicate["isolation"] as? String == (noSandbox ? "none" : "bubblewrap"))
        let platform = try #require(predicate["platform"] as? [String: String])
        #expect(platform["os"] == "linux" && platform["arch"]?.isEmpty == false && platform["kernel"]?.isEmpty == false)
        #expect(try Self.leftNothing(release))
    }

    @Test func theCallersEnvironmentStaysOutside() throws {
        let release = try Release(embargo: false, buildScript: "mkdir -p out; env > out/app.bin\n")
        let result = try Self.run(release, ["rebuild", "blessing.json", "--source", release.repo, "--quiet", "--keep"],
                                  environment: ["SSH_AUTH_SOCK": "/tmp/agent.sock", "AWS_SECRET_ACCESS_KEY": "secret",
                                                "GIT_DIR": "/tmp/elsewhere", "GOVSEAL_CANARY": "leaked"])
        let kept = try #require(result.stdout.split(separator: "\n").first { $0.contains("kept build folder: ") }?
            .components(separatedBy: "kept build folder: ").last)
        let environment = try String(contentsOfFile: kept + "/src/out/app.bin", encoding: .utf8)
        let names = Set(environment.split(separator: "\n").compactMap { $0.split(separator: "=").first.map(String.init) })
        #expect(names.isSubset(of: ["PATH", "HOME", "TMPDIR", "LC_ALL", "TZ", "SOURCE_DATE_EPOCH", "PWD"]), "\(names.sorted())")
        #expect(names.contains("SOURCE_DATE_EPOCH"))
    }

    @Test func statusShowsHowEachRebuilderBuilt() throws {
        let release = try Release(embargo: false)
        try FileManager.default.createDirectory(atPath: release.path + "/registry", withIntermediateDirectories: true)
        for (name, extra) in [("sandboxed", [String]()), ("unsandboxed", ["--no-sandbox"])] {
            #expect(try release.run(["keygen", "--alg", "ed25519", "--out", "\(name).pem"]).status == 0)
            let result = try Self.run(release, ["attest", "blessing.json", "--source", release.repo, "--key", "\(name).pem",
                                                "--builder", name, "--out", "registry/\(name).json", "--quiet"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
        }
        try FileManager.default.copyItem(atPath: release.path + "/blessing.json", toPath: release.path + "/registry/blessing.json")
        let status = try release.run(["status", "registry"])
        #expect(status.stdout.contains("rebuilt by sandboxed: isolation bubblewrap (linux "), "\(status.stdout)")
        #expect(status.stdout.contains("rebuilt by unsandboxed: isolation none (linux "), "\(status.stdout)")
    }

    @Test("an isolation other than bubblewrap or none is malformed", arguments: ["docker", "", "BUBBLEWRAP"])
    func unknownIsolationIsRefused(value: String) throws {
        let release = try Release(embargo: false)
        #expect(try release.run(["keygen", "--alg", "ed25519", "--out", "r.pem"]).status == 0)
        _ = try Self.run(release, ["attest", "blessing.json", "--source", release.repo, "--key", "r.pem", "--builder", "r",
                                   "--out", "att.json", "--quiet"])
        var document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: release.path + "/att.json"))) as? [String: Any])
        var body = try #require(document["body"] as? [String: Any])
        var predicate = try #require(body["predicate"] as? [String: Any])
        predicate["isolation"] = value
        body["predicate"] = predicate
        document["body"] = body
        document["signatures"] = []
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: release.path + "/forged.json"))
        let result = try release.run(["verify", "forged.json"])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("body.predicate.isolation"), "\(result.stderr)")
    }

    /// The SHA-256 of a file by coreutils' `sha256sum` (the oracle).
    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: output, as: UTF8.self).prefix(64))
    }

    static func body(_ path: String) throws -> [String: Any] {
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        return try #require(document?["body"] as? [String: Any])
    }
}
