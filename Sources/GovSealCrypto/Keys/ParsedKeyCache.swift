#if canImport(Glibc)
import Glibc
#endif

/// A small, bounded, thread-safe cache of parsed public keys, keyed by their exact encoded bytes.
///
/// Registries are signed by a handful of keys, and parsing a key (decompressing a secp256k1
/// point, building an OpenSSL key) costs as much as a good part of a verification. Only keys
/// that parsed successfully are stored, so a cached value is exactly what parsing would give.
/// When full, the cache is emptied (simple and bounded; the working set refills it).
final class ParsedKeyCache<Value>: @unchecked Sendable {
    private var entries: [[UInt8]: Value] = [:]
    private var mutex = pthread_mutex_t()
    private let capacity: Int

    init(capacity: Int = 512) {
        self.capacity = capacity
        pthread_mutex_init(&mutex, nil)
    }

    deinit { pthread_mutex_destroy(&mutex) }

    /// The cached value for `key`, or the result of `parse` (cached when it succeeds).
    func value(for key: [UInt8], parse: () throws -> Value) rethrows -> Value {
        pthread_mutex_lock(&mutex)
        let cached = entries[key]
        pthread_mutex_unlock(&mutex)
        if let cached { return cached }
        let parsed = try parse()
        pthread_mutex_lock(&mutex)
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = parsed
        pthread_mutex_unlock(&mutex)
        return parsed
    }
}
