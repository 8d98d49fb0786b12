import COpenSSL

/// Holds secret key bytes and wipes them (`OPENSSL_cleanse`) when the last reference goes.
///
/// Immutable after creation, so sharing it across tasks is safe.
final class SecretBytes: @unchecked Sendable {
    private var storage: [UInt8]

    init(_ bytes: [UInt8]) { storage = bytes }

    deinit {
        let count = storage.count
        storage.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { OPENSSL_cleanse(base, count) }
        }
    }

    func withBytes<R>(_ body: ([UInt8]) throws -> R) rethrows -> R { try body(storage) }
}

/// Overwrites a temporary copy of secret bytes (`OPENSSL_cleanse`, which the optimiser keeps).
func wipe(_ bytes: inout [UInt8]) {
    let count = bytes.count
    bytes.withUnsafeMutableBytes { buffer in
        if let base = buffer.baseAddress { OPENSSL_cleanse(base, count) }
    }
}
