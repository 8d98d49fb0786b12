#if canImport(Glibc)
import Glibc
#endif
import Dispatch

extension FileHasher {
    /// Hashes several files at once, up to one file per core, each in one streaming read.
    /// Results are in the order of `paths`; the first error (by path order) is thrown.
    public static func hashMany(paths: [String], algorithms: [DigestAlgorithm],
                                progress: (@Sendable (UInt64) -> Void)? = nil) throws -> [FileDigests] {
        guard paths.count > 1 else {
            return try paths.map { try hash(path: $0, algorithms: algorithms, progress: progress.map { p in { p($0) } }) }
        }
        let results = UnsafeMutableBufferPointer<Result<FileDigests, Error>?>.allocate(capacity: paths.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
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
        return try results.map { try $0!.get() }
    }
}

/// Sums progress from several hashing threads.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLockLike()
    private var total: UInt64 = 0
    private let report: (@Sendable (UInt64) -> Void)?

    init(report: (@Sendable (UInt64) -> Void)?) { self.report = report }

    func add(_ bytes: UInt64) {
        guard let report else { return }
        let value = lock.withLock { () -> UInt64 in
            total += bytes
            return total
        }
        report(value)
    }
}

/// A pthread mutex (Foundation-free).
private final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}
