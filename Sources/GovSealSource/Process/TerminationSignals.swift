#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// SIGINT, SIGTERM and SIGHUP caught while a rebuild runs, so that the rebuild can kill its build
/// and remove its temporary folder before the process ends (instead of dying with both left behind).
///
/// Handlers are installed for the duration of `watching(_:)` (nested and concurrent calls share
/// them) and the previous dispositions are restored afterwards; a signal that was ignored when
/// watching began stays ignored. The handler only records the signal number.
public enum TerminationSignals {
    /// The signals watched.
    public static let watched: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// The last watched signal received since watching began; 0 when none.
    public static var received: Int32 { lastSignal.load(ordering: .relaxed) }

    /// Runs `body` with the handlers installed and the watched signals unblocked in the calling
    /// thread (a parent may have started this process with them blocked).
    static func watching<T>(_ body: () throws -> T) rethrows -> T {
        begin()
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in watched { sigaddset(&signals, signal) }
        var previousMask = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &signals, &previousMask)
        defer {
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
            end()
        }
        return try body()
    }

    /// Throws `.interrupted` when a watched signal has been received.
    static func check(_ what: String) throws {
        let signal = received
        guard signal != 0 else { return }
        throw SourceError(.interrupted, "\(what) was stopped by \(name(of: signal)); its processes were killed")
    }

    /// "SIGTERM", "SIGINT", "SIGHUP" or "signal N".
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }

    private struct Installed: @unchecked Sendable {  // sigaction values, only touched under the mutex
        var watchers = 0
        var previous: [Int32: sigaction] = [:]
    }

    private static let state = Mutex(Installed())

    private static func begin() {
        state.withLock { installed in
            installed.watchers += 1
            guard installed.watchers == 1 else { return }
            lastSignal.store(0, ordering: .relaxed)
            for signal in watched {
                var old = sigaction()
                guard sigaction(signal, nil, &old) == 0 else { continue }
                // A signal ignored when watching began (SIGINT of a background job) stays ignored.
                if unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
                var action = sigaction()
                action.__sigaction_handler.sa_handler = { lastSignal.store($0, ordering: .relaxed) }
                sigemptyset(&action.sa_mask)
                action.sa_flags = 0  // no SA_RESTART: a blocking call returns EINTR
                if sigaction(signal, &action, nil) == 0 { installed.previous[signal] = old }
            }
        }
    }

    private static func end() {
        state.withLock { installed in
            installed.watchers -= 1
            guard installed.watchers == 0 else { return }
            for (signal, old) in installed.previous {
                var restored = old
                sigaction(signal, &restored, nil)
            }
            installed.previous = [:]
        }
    }
}

/// Written by the signal handler (an atomic store is async-signal-safe).
private let lastSignal = Atomic<Int32>(0)
