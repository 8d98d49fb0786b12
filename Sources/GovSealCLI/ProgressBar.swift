import Foundation

/// A one-line progress bar on stderr for long hashing work:
/// `[##########..........]  48%  492/1024 MiB  1.2 GiB/s`.
///
/// Shown only when stderr is a terminal and the work is large (`threshold`), never in
/// `--json` mode (the caller does not create one) and never when stderr is piped, so scripts
/// and tests see exactly the same output as before. Redraws at most every 100 ms; `finish()`
/// erases the line. Safe to call from several threads.
final class ProgressBar: @unchecked Sendable {
    /// Work below this many bytes finishes too fast to need a bar (256 MiB).
    static let threshold: UInt64 = 256 << 20
    private static let width = 24
    private static let redrawInterval: UInt64 = 100_000_000

    private let total: UInt64
    private let lock = NSLock()
    private let started = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0
    private var drawn = false

    private init(total: UInt64) { self.total = total }

    /// A bar for hashing `files`, or nil when no bar should be shown: stderr is not a
    /// terminal, or the files add up to less than `threshold` (unreadable files count as 0).
    static func forFiles(_ files: [String]) -> ProgressBar? {
        guard isatty(2) == 1 else { return nil }
        var total: UInt64 = 0
        for file in files {
            var info = stat()
            if stat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG { total += UInt64(info.st_size) }
        }
        return total >= threshold ? ProgressBar(total: total) : nil
    }

    /// Records that `done` bytes of the total are processed; redraws when due.
    func update(_ done: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw >= Self.redrawInterval || done >= total else { return }
        lastDraw = now
        drawn = true
        write(line(done: min(done, total), elapsed: now - started))
    }

    /// Erases the bar, leaving the terminal as it was.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { write("\r\u{1B}[K") }
        drawn = false
    }

    private func line(done: UInt64, elapsed: UInt64) -> String {
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let filled = Int(fraction * Double(Self.width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: Self.width - filled)
        let mib = { (bytes: UInt64) in bytes >> 20 }
        let seconds = Double(elapsed) / 1e9
        let rate = seconds > 0 ? Double(done) / seconds / Double(1 << 30) : 0
        let percent = Int(fraction * 100)
        return "\r[\(bar)] \(percent < 10 ? "  " : percent < 100 ? " " : "")\(percent)%  "
            + "\(mib(done))/\(mib(total)) MiB  \((rate * 10).rounded() / 10) GiB/s\u{1B}[K"
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Foundation.write(2, $0.baseAddress, $0.count) }
    }
}
