import Foundation
import GovSealTestSupport
import Testing
@testable import GovSealSource
#if canImport(Glibc)
import Glibc
#endif

/// Real builds that try to break out of the bubblewrap sandbox (issue 13). Each attack is also run
/// with `isolation: .none` where that is harmless, proving the payload works when nothing stops it.
@Suite("Build sandbox")
struct SandboxTests {
    static let hello = RebuilderTests.hello
    static let build = RebuilderTests.build

    static func options(_ fixture: BuildFixture, _ isolation: BuildIsolation, timeout: Duration = .seconds(120)) -> RebuildOptions {
        var options = fixture.options(timeout: timeout)
        options.isolation = isolation
        return options
    }

    @Test("a loopback listener of the host receives nothing", arguments: BuildIsolation.allCases)
    func noNetwork(isolation: BuildIsolation) throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let listener = try LoopbackListener()
        defer { listener.close() }
        let connected = ExpectedArtifact(name: "net", outputPath: "out/net", size: 10, sha256: Digests.sha256("connected\n"))
        let report = try fixture.rebuild("mkdir -p out; if /bin/bash -c 'echo hi > /dev/tcp/127.0.0.1/\(listener.port)'; "
                                         + "then echo connected > out/net; else echo refused > out/net; fi", [connected],
                                         options: Self.options(fixture, isolation))
        #expect(report.isolation == isolation)
        #expect(report.allMatch == (isolation == .none))
        #expect(listener.accepted() == (isolation == .none))
        #expect(fixture.leftNothingBehind)
    }

    @Test("a home-like folder outside the source stays untouched", arguments: BuildIsolation.allCases)
    func homeIsNotWritable(isolation: BuildIsolation) throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        try Files.makeFolder(fixture.folder("home"))
        let marker = fixture.folder("home/marker")
        let report = try fixture.rebuild("mkdir -p \(fixture.folder("home")); echo pwned > \(marker); " + Self.build, [Self.hello],
                                         options: Self.options(fixture, isolation))
        #expect(report.allMatch)
        #expect(FileManager.default.fileExists(atPath: marker) == (isolation == .none))
        #expect(fixture.leftNothingBehind)
    }

    @Test("a stand-in ~/.ssh key cannot be read into an output or the log", arguments: BuildIsolation.allCases)
    func keysAreNotReadable(isolation: BuildIsolation) throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let secret = "SECRET-KEY-MATERIAL-\(UUID().uuidString)\n"
        let key = fixture.folder("home/.ssh/id_ed25519")
        try Files.write(key, secret)
        let stolen = ExpectedArtifact(name: "stolen", outputPath: "out/stolen", size: UInt64(secret.utf8.count), sha256: Digests.sha256(secret))
        let report = try fixture.rebuild("mkdir -p out; cat \(key) > out/stolen; cat \(key)", [stolen],
                                         options: Self.options(fixture, isolation))
        #expect(report.allMatch == (isolation == .none))
        #expect(report.logTail.contains("SECRET-KEY-MATERIAL") == (isolation == .none))
        #expect(fixture.leftNothingBehind)
    }

    @Test func setsidDaemonDoesNotOutliveTheBuild() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let token = BuildProcessWatch.sleepToken()
        let watch = BuildProcessWatch(token: token)
        let report = try fixture.rebuild("setsid sleep \(token) & sleep 1; " + Self.build, [Self.hello], options: Self.options(fixture, .bubblewrap))
        let pids = watch.stop()
        #expect(report.allMatch)
        #expect(!pids.isEmpty, "the daemon was never seen: the test proves nothing")
        for pid in pids { #expect(BuildProcessWatch.isGone(pid), "process \(pid) of the build survived") }
        #expect(fixture.leftNothingBehind)
    }

    @Test func timeoutKillsABuildThatIgnoresSIGTERM() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let token = BuildProcessWatch.sleepToken()
        let watch = BuildProcessWatch(token: token)
        let report = try fixture.rebuild("trap '' TERM; setsid sh -c \"trap '' TERM; sleep \(token)\" & sleep \(token)", [Self.hello],
                                         options: Self.options(fixture, .bubblewrap, timeout: .seconds(2)))
        let pids = watch.stop()
        #expect(report.timedOut)
        #expect(!report.allMatch)
        #expect(report.durationSeconds < 60)  // returned: not a measurement, a hang detector
        #expect(!pids.isEmpty, "the build's processes were never seen: the test proves nothing")
        for pid in pids { #expect(BuildProcessWatch.isGone(pid), "process \(pid) of the build survived") }
        #expect(fixture.leftNothingBehind)
    }

    @Test func aHugeSparseOutputCannotOutlastTheTimeLimit() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let clock = ContinuousClock()
        let start = clock.now
        let report = try fixture.rebuild("mkdir -p out; truncate -s 256G out/a.bin", [Self.hello],
                                         options: Self.options(fixture, .bubblewrap, timeout: .seconds(3)))
        #expect(clock.now - start < .seconds(60))  // returned: a hang detector (hashing 256 GiB takes minutes)
        #expect(report.exitStatus == 0)
        #expect(report.timedOut)
        #expect(!report.allMatch)
        #expect(report.problems.first?.code == .timeout)
        #expect(fixture.leftNothingBehind)
    }

    @Test("a build log replaced by a FIFO does not block", arguments: BuildIsolation.allCases)
    func logReplacedByFIFO(isolation: BuildIsolation) throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let report = try fixture.rebuild("echo before; rm -f ../build.log; mkfifo ../build.log; echo after; " + Self.build, [Self.hello],
                                         options: Self.options(fixture, isolation, timeout: .seconds(60)))
        #expect(report.allMatch)
        // In the sandbox the real log is out of reach; without it the FIFO is skipped, not opened.
        #expect(report.logTail.contains("after") == (isolation == .bubblewrap))
        #expect(fixture.leftNothingBehind)
    }

    @Test("FIFOs, sockets and symlinks as outputs are refused without blocking", arguments: BuildIsolation.allCases)
    func blockingOutputsAreRefused(isolation: BuildIsolation) throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        let artifacts = ["fifo", "socket", "dev"].map {
            ExpectedArtifact(name: $0, outputPath: "out/\($0)", size: 5, sha256: Digests.sha256("hello"))
        }
        let command = "mkdir -p out; mkfifo out/fifo; ln -s /dev/zero out/dev; "
            + "/usr/bin/python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind(\"out/socket\")'"
        let report = try fixture.rebuild(command, artifacts, options: Self.options(fixture, isolation, timeout: .seconds(60)))
        #expect(report.exitStatus == 0, "\(report.logTail)")
        for artifact in report.artifacts {
            guard case .unsafePath = artifact.outcome else {
                Issue.record("\(artifact.name): expected a refusal, got \(artifact.outcome)")
                continue
            }
        }
        #expect(fixture.leftNothingBehind)
    }

    @Test func theSandboxIsBareAndRecorded() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        try Files.write(fixture.folder("home/.gitconfig"), "[core]\n")
        var options = Self.options(fixture, .bubblewrap)
        options.keep = true
        let report = try fixture.rebuild("mkdir -p out; hostname > out/hostname; ls /proc | grep -c '^[0-9]' > out/processes; "
                                         + "touch /usr/govseal-probe 2>/dev/null; echo x >> /etc/passwd 2>/dev/null; "
                                         + "ls / > out/root; ls /etc > out/etc; " + Self.build, [Self.hello], options: options)
        let work = try #require(report.workDirectory)
        defer { try? FileManager.default.removeItem(atPath: work) }
        func output(_ name: String) throws -> String {
            String(decoding: try Files.read(work + "/src/out/" + name), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(report.allMatch)
        #expect(try output("hostname") == BuildSandbox.hostname)
        #expect(try Int(output("processes")).map { $0 <= 5 } == true, "the build sees processes outside its namespace")
        #expect(!FileManager.default.fileExists(atPath: "/usr/govseal-probe"))
        #expect(try !output("root").split(separator: "\n").contains { ["home", "root", "run", "var", "work"].contains($0) })
        #expect(try !output("etc").split(separator: "\n").contains { ["shadow", "ssh", "ssl"].contains($0) })
        #expect(report.isolation == .bubblewrap)
        let uname = { (flag: String) in try Shell.run("/bin/uname", [flag]).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(report.platform.os == (try uname("-s")).lowercased())
        #expect(report.platform.arch == (try uname("-m")))
        #expect(report.platform.kernel == (try uname("-r")))
        #expect(!report.platform.distribution.isEmpty)
    }

    @Test func refusedNamespacesStopBeforeTheBuild() throws {
        let fixture = try BuildFixture()
        defer { fixture.folder.remove() }
        // What bwrap prints and does where the kernel refuses namespaces (inside some containers).
        let fake = fixture.folder("fake-bwrap")
        try Files.write(fake, "#!/bin/sh\necho 'bwrap: Creating new namespace failed: Operation not permitted' >&2\nexit 1\n", mode: 0o755)
        var options = Self.options(fixture, .bubblewrap)
        options.bubblewrap = fake
        let error = #expect(throws: SourceError.self) {
            try fixture.rebuild(Self.build, [Self.hello], options: options)
        }
        #expect(error?.code == .sandboxUnavailable)
        #expect(error?.reason.contains("Operation not permitted") == true)
        #expect(error?.reason.contains("--no-sandbox") == true)
        #expect(error?.reason.contains("\n") == false)
        #expect(fixture.leftNothingBehind)
    }

    @Test func bubblewrapIsFoundOnTheFixedPathOnly() throws {
        let found = try #require(BuildSandbox.locate(), "bwrap is not installed: run scripts/setup.sh")
        #expect(BuildSandbox.searchPath.contains { found == $0 + "/bwrap" })
        let arguments = BuildSandbox.arguments(command: "true", source: "/s", writable: ["/s"], environment: ["PATH": "/usr/bin"])
        for required in ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--clearenv"] {
            #expect(arguments.contains(required))
        }
        #expect(!arguments.contains("/home") && !arguments.contains("/root") && !arguments.contains("--share-net"))
    }
}

/// A TCP listener on 127.0.0.1 (an ephemeral port) that reports whether anyone connected.
final class LoopbackListener {
    let fd: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { throw TestFailure("bind/listen failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    /// True when a connection is waiting (the build reached the host's loopback).
    func accepted() -> Bool {
        let client = accept(fd, nil, nil)
        guard client >= 0 else { return false }
        Glibc.close(client)
        return true
    }

    func close() { Glibc.close(fd) }
}
