#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run of a `Subprocess`: sets up the descriptors, spawns, then pumps input and output with
/// `poll` on the calling thread while watching the time limit.
final class SubprocessRunner {
    private let spec: Subprocess
    /// Child-side descriptors, closed in the parent right after the spawn.
    private var childSide: [Int32] = []
    /// Parent-side descriptors still open.
    private var stdinWriter: Int32 = -1
    private var stdoutReader: Int32 = -1
    private var stderrReader: Int32 = -1
    private var statusReader: Int32 = -1

    init(_ spec: Subprocess) { self.spec = spec }

    deinit {
        for fd in childSide + [stdinWriter, stdoutReader, stderrReader, statusReader] where fd >= 0 { close(fd) }
    }

    func run(onStandardOutput: ((UnsafeRawBufferPointer) throws -> Void)?) throws -> Subprocess.Result {
        try validateStrings()
        let stdinChild = try inputDescriptor()
        let stdoutChild: Int32
        (stdoutChild, stdoutReader) = try outputDescriptor(onStandardOutput != nil ? .capture(limit: Int.max) : spec.standardOutput, stream: "standard output")
        var stderrChild: Int32 = -1
        if case .standardOutput = spec.standardError {} else {
            (stderrChild, stderrReader) = try outputDescriptor(spec.standardError, stream: "standard error")
        }
        var statusChild: Int32 = -1
        if spec.statusDescriptor {
            // Above 3, so that the spawn's dup2 to 3 always clears close-on-exec.
            guard let ends = SpawnExtensions.closeOnExecPipe() else {
                throw SourceError(.spawnFailed, "cannot create a status pipe: \(POSIX.describe(errno))")
            }
            statusChild = fcntl(ends.writer, F_DUPFD_CLOEXEC, 10)
            close(ends.writer)
            statusReader = ends.reader
            guard statusChild >= 0 else { throw SourceError(.spawnFailed, "cannot create a status pipe: \(POSIX.describe(errno))") }
            childSide.append(statusChild)
        }
        let pid = try spawn(stdin: stdinChild, stdout: stdoutChild, stderr: stderrChild, status: statusChild)
        for fd in childSide { close(fd) }
        childSide = []
        return try pump(pid, onStandardOutput: onStandardOutput)
    }

    // MARK: Set-up

    private func validateStrings() throws {
        for text in [spec.executable] + spec.arguments where POSIX.containsNUL(text) {
            throw SourceError(.spawnFailed, "cannot run \(spec.executable): an argument contains a NUL byte")
        }
        guard spec.executable.hasPrefix("/") else {
            throw SourceError(.spawnFailed, "cannot run '\(spec.executable)': the executable must be an absolute path")
        }
        for (key, value) in spec.environment
        where key.isEmpty || key.contains("=") || POSIX.containsNUL(key) || POSIX.containsNUL(value) {
            throw SourceError(.spawnFailed, "cannot run \(spec.executable): invalid environment variable '\(key)'")
        }
    }

    private func openChild(_ path: String, _ flags: Int32, stream: String) throws -> Int32 {
        let fd = POSIX.aboveStandardStreams(open(path, flags | O_CLOEXEC, 0o644))
        guard fd >= 0 else { throw POSIX.ioError("cannot open \(stream) file", path) }
        childSide.append(fd)
        return fd
    }

    private func inputDescriptor() throws -> Int32 {
        switch spec.standardInput {
        case .null:
            return try openChild("/dev/null", O_RDONLY, stream: "standard input")
        case .file(let path):
            return try openChild(path, O_RDONLY, stream: "standard input")
        case .bytes:
            // A socket rather than a pipe: `send(MSG_NOSIGNAL)` never raises SIGPIPE in this process.
            var pair: [Int32] = [-1, -1]
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
                throw SourceError(.spawnFailed, "cannot create a socket for standard input: \(POSIX.describe(errno))")
            }
            stdinWriter = POSIX.aboveStandardStreams(pair[0])
            let child = POSIX.aboveStandardStreams(pair[1])
            childSide.append(child)
            return child
        }
    }

    /// The child's descriptor and, when captured, the parent's reading end.
    private func outputDescriptor(_ output: Subprocess.Output, stream: String) throws -> (Int32, Int32) {
        switch output {
        case .discard, .standardOutput:
            return (try openChild("/dev/null", O_WRONLY, stream: stream), -1)
        case .file(let path, let append):
            return (try openChild(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), stream: stream), -1)
        case .capture:
            guard let ends = SpawnExtensions.closeOnExecPipe() else {
                throw SourceError(.spawnFailed, "cannot create a pipe for \(stream): \(POSIX.describe(errno))")
            }
            let writer = POSIX.aboveStandardStreams(ends.writer)
            childSide.append(writer)
            return (writer, POSIX.aboveStandardStreams(ends.reader))
        }
    }

    private func spawn(stdin: Int32, stdout: Int32, stderr: Int32, status: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr >= 0 ? stderr : 1, 2)
        if let directory = spec.workingDirectory {
            guard !POSIX.containsNUL(directory), let addChdir = SpawnExtensions.addChdir else {
                throw SourceError(.spawnFailed, "cannot run \(spec.executable) in '\(directory)': no posix_spawn chdir support")
            }
            _ = addChdir(&actions, directory)
        }
        if status >= 0 { posix_spawn_file_actions_adddup2(&actions, status, 3) }
        if let addCloseFrom = SpawnExtensions.addCloseFrom { _ = addCloseFrom(&actions, status >= 0 ? 4 : 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)

        let argv: [UnsafeMutablePointer<CChar>?] = ([spec.executable] + spec.arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = spec.environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, spec.executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            let place = spec.workingDirectory.map { " in '\($0)'" } ?? ""
            throw SourceError(.spawnFailed, "cannot run \(spec.executable)\(place): \(POSIX.describe(result))")
        }
        return pid
    }

    // MARK: Running

    private struct Collected {
        var bytes: [UInt8] = []
        var limit: Int
        var truncated = false

        mutating func append(_ chunk: UnsafeRawBufferPointer) {
            let room = max(0, limit - bytes.count)
            if chunk.count > room { truncated = true }
            bytes.append(contentsOf: chunk.prefix(room))
        }
    }

    private static func limit(of output: Subprocess.Output) -> Int {
        if case .capture(let limit) = output { return max(0, limit) }
        return 0
    }

    private func pump(_ pid: pid_t, onStandardOutput: ((UnsafeRawBufferPointer) throws -> Void)?) throws -> Subprocess.Result {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = spec.timeout.map { start + $0 }
        var killAt: ContinuousClock.Instant?
        var timedOut = false
        var ended = false
        var drainUntil: ContinuousClock.Instant?
        var input: [UInt8] = []
        if case .bytes(let bytes) = spec.standardInput { input = bytes }
        var inputOffset = 0
        var stdoutCollected = Collected(limit: Self.limit(of: spec.standardOutput))
        var stderrCollected = Collected(limit: Self.limit(of: spec.standardError))
        var statusCollected = Collected(limit: 64 << 10)
        var backoff = 1
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }

        do {
            while true {
                let now = clock.now
                if ended && (stdoutReader < 0 && stderrReader < 0 && statusReader < 0 || drainUntil.map { now >= $0 } ?? true) { break }
                if spec.stopsOnTerminationSignals && !ended { try TerminationSignals.check("the build") }
                var wait = backoff
                if !ended, !timedOut, let deadline {
                    if now >= deadline {
                        timedOut = true
                        kill(-pid, SIGTERM)
                        killAt = now + spec.terminationGrace
                    } else {
                        wait = min(wait, Self.milliseconds(deadline - now))
                    }
                }
                if !ended, let pending = killAt {
                    if now >= pending {
                        kill(-pid, SIGKILL)
                        killAt = nil
                    } else {
                        wait = min(wait, Self.milliseconds(pending - now))
                    }
                }
                if inputOffset >= input.count, stdinWriter >= 0 { closeWriter() }

                var fds: [pollfd] = []
                if stdinWriter >= 0 { fds.append(pollfd(fd: stdinWriter, events: Int16(POLLOUT), revents: 0)) }
                if stdoutReader >= 0 { fds.append(pollfd(fd: stdoutReader, events: Int16(POLLIN), revents: 0)) }
                if stderrReader >= 0 { fds.append(pollfd(fd: stderrReader, events: Int16(POLLIN), revents: 0)) }
                if statusReader >= 0 { fds.append(pollfd(fd: statusReader, events: Int16(POLLIN), revents: 0)) }
                let ready = poll(&fds, nfds_t(fds.count), Int32(max(0, wait)))
                if ready < 0 && errno != EINTR {
                    throw SourceError(.io, "waiting for \(spec.executable) failed: \(POSIX.describe(errno))")
                }
                var active = false
                for entry in fds where entry.revents != 0 {
                    active = true
                    if entry.fd == stdinWriter {
                        inputOffset = writeInput(input, from: inputOffset)
                    } else {
                        let count = read(entry.fd, chunk.baseAddress, chunk.count)
                        if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                        if count <= 0 {
                            closeReader(entry.fd)
                            continue
                        }
                        let bytes = UnsafeRawBufferPointer(rebasing: chunk[0..<count])
                        if entry.fd == stdoutReader {
                            if let onStandardOutput { try onStandardOutput(bytes) } else { stdoutCollected.append(bytes) }
                        } else if entry.fd == statusReader {
                            statusCollected.append(bytes)
                        } else {
                            stderrCollected.append(bytes)
                        }
                    }
                }
                backoff = active ? 1 : min(backoff * 2, 50)
                if !ended && WaitStatus.hasEnded(pid) {
                    ended = true
                    kill(-pid, SIGKILL)  // whatever it left running in its group
                    drainUntil = clock.now + .seconds(1)
                }
            }
        } catch {
            kill(-pid, SIGKILL)
            _ = WaitStatus.reap(pid)
            throw error
        }
        let status = WaitStatus.reap(pid)
        return Subprocess.Result(
            termination: WaitStatus.termination(status), timedOut: timedOut,
            standardOutput: stdoutCollected.bytes, standardError: stderrCollected.bytes,
            outputTruncated: stdoutCollected.truncated || stderrCollected.truncated,
            duration: clock.now - start, statusOutput: statusCollected.bytes)
    }

    /// Sends what the socket accepts now; closes it when done or when the child stopped reading.
    private func writeInput(_ input: [UInt8], from offset: Int) -> Int {
        guard offset < input.count else {
            closeWriter()
            return offset
        }
        let sent = input.withUnsafeBytes { raw in
            send(stdinWriter, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
        }
        if sent < 0 {
            if errno == EAGAIN || errno == EINTR { return offset }
            closeWriter()  // EPIPE, ECONNRESET: the child will not read any more
            return input.count
        }
        if offset + sent >= input.count { closeWriter() }
        return offset + sent
    }

    private func closeWriter() {
        if stdinWriter >= 0 { close(stdinWriter) }
        stdinWriter = -1
    }

    private func closeReader(_ fd: Int32) {
        close(fd)
        if fd == stdoutReader { stdoutReader = -1 }
        if fd == stderrReader { stderrReader = -1 }
        if fd == statusReader { statusReader = -1 }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(min(seconds, 3600)) * 1000 + Int(attoseconds / 1_000_000_000_000_000) + 1
    }
}
