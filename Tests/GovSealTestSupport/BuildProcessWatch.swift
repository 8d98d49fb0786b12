import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Learns the host PIDs of a build's processes while it runs, so that a test can check afterwards,
/// PID by PID, that none survived. A build started in a PID namespace cannot tell its host PIDs, so
/// the build marks its processes with a unique `token` in their command line (`sleep 3000.4711`),
/// and a thread scans `/proc` for it every 10 ms until `stop()`.
public final class BuildProcessWatch: @unchecked Sendable {  // state guarded by `lock`
    private let token: String
    private let lock = NSLock()
    private var pids: Set<Int32> = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    /// A unique number usable as `sleep`'s argument: `3000.<random digits>` seconds.
    public static func sleepToken() -> String { "3000.\(UInt32.random(in: 100_000...999_999))" }

    /// Starts watching for processes whose command line contains `token`.
    public init(token: String) {
        self.token = token
        Thread.detachNewThread { [self] in
            while !isStopped {
                scan()
                usleep(10_000)
            }
            finished.signal()
        }
    }

    /// Stops watching and returns every PID seen.
    public func stop() -> Set<Int32> {
        lock.withLock { stopped = true }
        finished.wait()
        return lock.withLock { pids }
    }

    /// The PIDs seen so far.
    public var seen: Set<Int32> { lock.withLock { pids } }

    /// Waits (up to `limit`) until at least `count` marked processes have been seen.
    public func waitFor(_ count: Int, limit: Duration = .seconds(30)) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline {
            if seen.count >= count { return true }
            usleep(10_000)
        }
        return false
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func scan() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return }
        let marker = Array(token.utf8)
        for entry in entries {
            guard let pid = Int32(entry), pid != getpid(),
                  let bytes = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let line = [UInt8](bytes)
            if line.count >= marker.count, (0...(line.count - marker.count)).contains(where: { line[$0..<$0 + marker.count].elementsEqual(marker) }) {
                _ = lock.withLock { pids.insert(pid) }
            }
        }
    }

    /// True when `pid` no longer runs (gone, or a zombie awaiting a reaper), waiting up to `limit`.
    public static func isGone(_ pid: Int32, within limit: Duration = .seconds(5)) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
            usleep(20_000)
        }
        return false
    }
}
