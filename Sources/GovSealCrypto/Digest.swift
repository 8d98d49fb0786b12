import COpenSSL
import GovSealEncoding

/// A hash function available through OpenSSL's EVP interface.
public enum DigestAlgorithm: String, Sendable, CaseIterable, Hashable {
    case sha256, sha512, sha224, sha1, ripemd160

    /// The digest length in bytes.
    public var outputLength: Int {
        switch self {
        case .sha256: 32
        case .sha512: 64
        case .sha224: 28
        case .sha1: 20
        case .ripemd160: 20
        }
    }

    var evpMD: OpaquePointer? {
        switch self {
        case .sha256: EVP_sha256()
        case .sha512: EVP_sha512()
        case .sha224: EVP_sha224()
        case .sha1: EVP_sha1()
        case .ripemd160: EVP_ripemd160()
        }
    }
}

/// Streaming digest computation over one OpenSSL `EVP_MD_CTX`.
///
/// Not `Sendable`: use one hasher from one task. Throws `CryptoError` (`.openssl`) when
/// OpenSSL refuses to initialise the algorithm (for example a provider without RIPEMD-160).
public final class StreamingHasher {
    public let algorithm: DigestAlgorithm
    private let ctx: OpaquePointer
    private var finished = false

    public init(_ algorithm: DigestAlgorithm) throws {
        self.algorithm = algorithm
        ERR_clear_error()
        guard let ctx = EVP_MD_CTX_new() else { throw CryptoError.openssl("EVP_MD_CTX_new") }
        guard EVP_DigestInit_ex(ctx, algorithm.evpMD, nil) == 1 else {
            EVP_MD_CTX_free(ctx)
            throw CryptoError.openssl("EVP_DigestInit_ex(\(algorithm.rawValue))")
        }
        self.ctx = ctx
    }

    deinit { EVP_MD_CTX_free(ctx) }

    /// Feeds bytes into the digest.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "StreamingHasher used after finalize()")
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        // EVP_DigestUpdate only fails on a misused context, which the precondition excludes.
        _ = EVP_DigestUpdate(ctx, base, bytes.count)
    }

    /// Feeds bytes into the digest.
    public func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        Array(bytes).withUnsafeBytes { update($0) }
    }

    /// Returns the digest; the hasher cannot be used afterwards.
    public func finalize() -> [UInt8] {
        precondition(!finished, "StreamingHasher finalized twice")
        finished = true
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(ctx, &out, &length)
        return Array(out.prefix(Int(length)))
    }
}

/// One-shot digests.
public enum Digest {
    /// The digest of `bytes` under `algorithm`.
    public static func hash<Bytes: Collection>(_ algorithm: DigestAlgorithm, _ bytes: Bytes) -> [UInt8]
    where Bytes.Element == UInt8 {
        // Contiguous input (the usual case) goes through OpenSSL's one-shot EVP_Digest: no
        // hasher object, no context allocation.
        if let digest = bytes.withContiguousStorageIfAvailable({ oneShot(algorithm, UnsafeRawBufferPointer($0)) }),
           let digest {
            return digest
        }
        // Initialisation of the built-in algorithms cannot fail in the default provider.
        let hasher = try! StreamingHasher(algorithm)
        hasher.update(bytes)
        return hasher.finalize()
    }

    private static func oneShot(_ algorithm: DigestAlgorithm, _ input: UnsafeRawBufferPointer) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: algorithm.outputLength)
        var length: UInt32 = 0
        let empty: UInt8 = 0
        let ok = withUnsafePointer(to: empty) { emptyPointer in
            out.withUnsafeMutableBufferPointer { buffer in
                EVP_Digest(input.baseAddress ?? UnsafeRawPointer(emptyPointer), input.count, buffer.baseAddress, &length,
                           algorithm.evpMD, nil)
            }
        }
        guard ok == 1, Int(length) == algorithm.outputLength else { return nil }
        return out
    }

    public static func sha256<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        hash(.sha256, bytes)
    }
    public static func sha512<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        hash(.sha512, bytes)
    }
    public static func sha224<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        hash(.sha224, bytes)
    }
    public static func sha1<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        hash(.sha1, bytes)
    }
    public static func ripemd160<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        hash(.ripemd160, bytes)
    }
}
