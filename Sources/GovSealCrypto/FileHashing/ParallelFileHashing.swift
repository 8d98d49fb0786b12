#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

extension FileHasher {
    /// Hashes several files at once, up to one file per core, each in one streaming read.
    /// Results are in the order of `paths`; the first error (by path order) is thrown.
    ///
    /// `progress` receives the total number of bytes done over all files; it may be called
    /// from several threads, never concurrently.
    public static func hashMany(paths: [String], algorithms: [DigestAlgorithm],
                                progress: (@Sendable (UInt64) -> Void)? = nil) throws -> [FileDigests] {
        try hashEach(paths: paths, algorithms: algorithms, progress: progress).map { try $0.get() }
    }

    /// Like `hashMany`, but returns each file's outcome, in the order of `paths`, so a caller
    /// can report the files before the first unreadable one. Memory is one read buffer per
    /// core, whatever the number and size of the files.
    public static func hashEach(paths: [String], algorithms: [DigestAlgorithm],
                                progress: (@Sendable (UInt64) -> Void)? = nil) -> [Result<FileDigests, any Error>] {
        guard paths.count > 1 else {
            return paths.map { path in Result { try hash(path: path, algorithms: algorithms, progress: progress.map { p in { p($0) } }) } }
        }
        let results = UnsafeMutableBufferPointer<Result<FileDigests, any Error>?>.allocate(capacity: paths.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        let progressTotal = ProgressCounter(report: progress)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            var last: UInt64 = 0
            slots[i] = Result {
                try hash(path: paths[i], algorithms: algorithms) { done in
                    progressTotal.add(done - last)
                    last = done
                }
            }
        }
        return results.map { $0! }
    }
}

/// Sums progress from several hashing threads and reports the total under a lock, so the
/// callback never runs concurrently.
private final class ProgressCounter: @unchecked Sendable {
    /// Heap-allocated: a pthread mutex must not move.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var total: UInt64 = 0
    private let report: (@Sendable (UInt64) -> Void)?

    init(report: (@Sendable (UInt64) -> Void)?) {
        self.report = report
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func add(_ bytes: UInt64) {
        guard let report else { return }
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        total += bytes
        report(total)
    }
}
