#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a build ran: recorded in reports and attestations (`isolation`).
public enum BuildIsolation: String, Sendable, CaseIterable {
    /// Inside bubblewrap (`BuildSandbox`).
    case bubblewrap
    /// As the calling user, without a sandbox (`--no-sandbox`).
    case none
}

/// The bubblewrap sandbox a build command runs in: every namespace of its own (user, mount, PID,
/// network, IPC, UTS, cgroup), no capabilities, no further user namespaces, a new session, killed
/// with its parent; the system read-only, a private `/tmp`, fresh `/dev` and `/proc`, and only the
/// source, home and temporary folders of the rebuild writable. Nothing of the caller's home, keys,
/// sockets or environment is visible.
public enum BuildSandbox {
    /// Where `bwrap` is looked for, in order: a fixed list, never the caller's `PATH`.
    public static let searchPath = ["/usr/bin", "/bin", "/usr/local/bin"]

    /// The system folders bound read-only when they exist (toolchains under `/usr`, `/opt`).
    public static let systemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt"]

    /// The files of `/etc` a toolchain needs (dynamic linker, Debian alternatives, user names),
    /// bound read-only when they exist; the rest of `/etc` (host keys, credentials) is absent.
    public static let etcEntries = ["/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
                                    "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/hosts", "/etc/os-release"]

    /// The host name inside the sandbox.
    public static let hostname = "govseal"

    /// The first executable `bwrap` in `searchPath`, or nil.
    public static func locate() -> String? {
        searchPath.lazy.compactMap { Subprocess.findExecutable("bwrap", searchPath: $0) }.first
    }

    /// The `bwrap` arguments that run `command` under `/bin/sh -c` in `source` with exactly
    /// `environment`, with `writable` folders (the source first) the only writable places besides
    /// the private `/tmp`. Bubblewrap reports on descriptor 3 (`--json-status-fd`).
    static func arguments(command: String, source: String, writable: [String], environment: [String: String]) -> [String] {
        arguments(command: command, layout: Layout(workingDirectory: source, writable: writable.map { ($0, $0) }),
                  environment: environment)
    }

    /// Where things are inside the sandbox and who runs there (`rebuild --vary` changes these).
    struct Layout {
        /// The build's working folder inside the sandbox.
        var workingDirectory: String
        /// Host folders bound writable, each at its path inside the sandbox.
        var writable: [(host: String, inside: String)]
        /// Host files or folders bound read-only, each at its path inside the sandbox (after the system).
        var readOnly: [(host: String, inside: String)] = []
        /// The host name.
        var hostname: String = BuildSandbox.hostname
        /// The uid and gid inside the sandbox; nil keeps the caller's.
        var user: (uid: UInt32, gid: UInt32)?
        /// A program (with its arguments) that starts `/bin/sh` (e.g. `taskset -c 0`); empty for none.
        var launcher: [String] = []
    }

    /// The `bwrap` arguments that run `command` under `/bin/sh -c` as `layout` says, with exactly `environment`.
    static func arguments(command: String, layout: Layout, environment: [String: String]) -> [String] {
        var arguments = ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
                         "--cap-drop", "ALL", "--hostname", layout.hostname, "--json-status-fd", "3", "--clearenv"]
        if let user = layout.user { arguments += ["--uid", String(user.uid), "--gid", String(user.gid)] }
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["--setenv", key, value] }
        for folder in systemFolders + etcEntries { arguments += ["--ro-bind-try", folder, folder] }
        arguments += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
        for bind in layout.writable { arguments += ["--bind", bind.host, bind.inside] }
        for bind in layout.readOnly { arguments += ["--ro-bind", bind.host, bind.inside] }
        arguments += ["--chdir", layout.workingDirectory, "--"] + layout.launcher + ["/bin/sh", "-c", command]
        return arguments
    }

    /// Whether bubblewrap started the command: its status output has an `exit-code` record only
    /// when the command ran to its end inside the sandbox.
    static func commandRan(statusOutput: [UInt8]) -> Bool {
        String(decoding: statusOutput, as: UTF8.self).contains("\"exit-code\"")
    }

    /// Returns once nothing the sandboxed build of `result` started is still running (see
    /// `waitForNamespaceEnd`); every sandboxed build calls this right after bubblewrap exits.
    static func awaitEnd(of result: Subprocess.Result) {
        if let child = childPID(statusOutput: result.statusOutput) { waitForNamespaceEnd(child) }
    }

    /// The host PID of the sandbox's PID-namespace init, from bubblewrap's `{"child-pid": N}`
    /// status record; nil when bubblewrap reported none.
    static func childPID(statusOutput: [UInt8]) -> pid_t? {
        let key = Array("\"child-pid\"".utf8)
        guard let start = statusOutput.indices.first(where: { statusOutput[$0...].starts(with: key) }) else { return nil }
        let digits = statusOutput[(start + key.count)...].drop { $0 == 0x3a || $0 == 0x20 }.prefix { (0x30...0x39).contains($0) }
        guard let value = Int32(String(decoding: digits, as: UTF8.self)), value > 1 else { return nil }
        return value
    }

    /// Waits (at most `limit`) until the sandbox's PID-namespace init `pid` has exited. The kernel
    /// kills every other process of the namespace when its init exits, and the init only becomes a
    /// zombie after all of them are gone, so afterwards nothing the build started is running,
    /// `setsid` daemons included. Bubblewrap's init is killed with its parent
    /// (`--die-with-parent`); this only waits for that to finish, it never signals a PID that may
    /// have been reused.
    static func waitForNamespaceEnd(_ pid: pid_t, limit: Duration = .seconds(10)) {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            guard let stat = String(contentsOfProcFile: "/proc/\(pid)/stat") else { return }  // gone
            // "pid (comm) S …": the state follows the last ')'.
            if let close = stat.lastIndex(of: ")"), stat[stat.index(after: close)...].dropFirst().first == "Z" { return }
            usleep(5_000)
        }
    }

    /// The error for a sandbox that could not be set up, naming bubblewrap's own message (its
    /// first `bwrap:` line in `log`) and `--no-sandbox`.
    static func unavailable(bwrap: String, log: String) -> SourceError {
        let message = log.split(whereSeparator: \.isNewline).first { $0.hasPrefix("bwrap:") }.map(String.init)
            ?? "exited before starting the build"
        return SourceError(.sandboxUnavailable,
            "cannot start the build sandbox (\(bwrap)): \(message); the kernel refuses the namespaces it needs here "
            + "(as inside some containers); --no-sandbox runs the build without isolation")
    }

    /// The error when `bwrap` is not installed.
    static var missing: SourceError {
        SourceError(.sandboxUnavailable,
            "bubblewrap (bwrap) was not found in \(searchPath.joined(separator: ", ")); install it (Debian: apt-get install "
            + "bubblewrap, or scripts/setup.sh), or pass --no-sandbox to run the build without isolation")
    }
}

private extension String {
    /// The text of a small /proc file (read with one `read`; nil when it cannot be opened).
    init?(contentsOfProcFile path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        self = String(decoding: buffer.prefix(count), as: UTF8.self)
    }
}
