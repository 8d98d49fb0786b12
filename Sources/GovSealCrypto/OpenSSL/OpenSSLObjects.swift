import COpenSSL

// Owners of OpenSSL pointers: each frees its pointer in deinit. Local to one function's use.

/// Owns one `EVP_PKEY`.
final class EVPKey {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// An Ed25519 key from its 32-byte seed. Throws `.openssl` on failure.
    static func ed25519(seed: [UInt8]) throws -> EVPKey {
        ERR_clear_error()
        guard let key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, seed, seed.count) else {
            throw CryptoError.openssl("EVP_PKEY_new_raw_private_key(ED25519)")
        }
        return EVPKey(key)
    }

    /// An Ed25519 key from its 32-byte public key: the one place every Ed25519 public key is
    /// built (`PublicKey.init`, `Ed25519.verify`), so `Ed25519.checkPublicKey`'s rule (no small
    /// order, canonical encoding) cannot be bypassed. Throws `.invalidKey` for a key the rule
    /// refuses, `.openssl` on failure.
    static func ed25519(publicKey: [UInt8]) throws -> EVPKey {
        try Ed25519.checkPublicKey(publicKey)
        ERR_clear_error()
        guard let key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, publicKey, publicKey.count) else {
            throw CryptoError.openssl("EVP_PKEY_new_raw_public_key(ED25519)")
        }
        return EVPKey(key)
    }

    /// The key type name as OpenSSL reports it (`ED25519`, `EC`, …).
    var typeName: String {
        guard let name = EVP_PKEY_get0_type_name(pointer) else { return "unknown" }
        return String(cString: name)
    }
}

/// Owns one `EVP_MD_CTX`.
final class EVPDigestContext {
    let pointer: OpaquePointer

    init() throws {
        ERR_clear_error()
        guard let context = EVP_MD_CTX_new() else { throw CryptoError.openssl("EVP_MD_CTX_new") }
        pointer = context
    }

    deinit { EVP_MD_CTX_free(pointer) }
}

/// Owns one memory `BIO`.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty, writable memory BIO.
    init() throws {
        ERR_clear_error()
        guard let bio = BIO_new(BIO_s_mem()) else { throw CryptoError.openssl("BIO_new") }
        pointer = bio
    }

    deinit { BIO_free(pointer) }

    /// Writes `bytes` (the BIO copies them, so the array need not outlive the call).
    func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        ERR_clear_error()
        let written = bytes.withUnsafeBytes { BIO_write(pointer, $0.baseAddress, Int32($0.count)) }
        guard written == Int32(bytes.count) else { throw CryptoError.openssl("BIO_write") }
    }

    /// Reads everything written and not yet read.
    func readAll() -> [UInt8] {
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { BIO_read(pointer, $0.baseAddress, Int32($0.count)) }
            guard count > 0 else { break }
            out.append(contentsOf: chunk.prefix(Int(count)))
        }
        OPENSSL_cleanse(&chunk, chunk.count)
        return out
    }
}

/// Owns one `BIGNUM`, cleared before it is freed (it may hold a secret scalar).
final class BigNumber {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    /// A big-endian unsigned number. Throws `.openssl` on failure.
    init(bigEndian bytes: [UInt8]) throws {
        ERR_clear_error()
        guard let number = BN_bin2bn(bytes, Int32(bytes.count), nil) else { throw CryptoError.openssl("BN_bin2bn") }
        pointer = number
    }

    deinit { BN_clear_free(pointer) }

    /// The number as exactly `length` big-endian bytes, or nil when it does not fit.
    func bigEndian(length: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: length)
        guard BN_bn2binpad(pointer, &out, Int32(length)) == Int32(length) else { return nil }
        return out
    }
}

/// Calls `body` with a pointer to `bytes` that is never nil, even for an empty array
/// (some OpenSSL calls reject a NULL buffer with length 0).
func withNonNullBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) throws -> R) rethrows -> R {
    if bytes.isEmpty {
        var empty: UInt8 = 0
        return try body(&empty, 0)
    }
    return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!, $0.count) }
}

/// Owns one `EVP_PKEY_CTX`.
final class EVPKeyContext {
    let pointer: OpaquePointer

    /// A context for the key type `name` (`"EC"`, `"ED25519"`).
    init(name: String) throws {
        ERR_clear_error()
        guard let context = EVP_PKEY_CTX_new_from_name(nil, name, nil) else {
            throw CryptoError.openssl("EVP_PKEY_CTX_new_from_name(\(name))")
        }
        pointer = context
    }

    deinit { EVP_PKEY_CTX_free(pointer) }
}

/// Owns one `OSSL_PARAM_BLD`.
final class ParameterBuilder {
    let pointer: OpaquePointer

    init() throws {
        ERR_clear_error()
        guard let builder = OSSL_PARAM_BLD_new() else { throw CryptoError.openssl("OSSL_PARAM_BLD_new") }
        pointer = builder
    }

    deinit { OSSL_PARAM_BLD_free(pointer) }

    /// The built parameter array. Throws `.openssl` on failure.
    func build() throws -> ParameterArray {
        ERR_clear_error()
        guard let parameters = OSSL_PARAM_BLD_to_param(pointer) else {
            throw CryptoError.openssl("OSSL_PARAM_BLD_to_param")
        }
        return ParameterArray(parameters)
    }
}

/// Owns one `OSSL_PARAM` array built by `OSSL_PARAM_BLD_to_param`; wipes every value
/// (one may be a private key) before freeing it.
final class ParameterArray {
    let pointer: UnsafeMutablePointer<OSSL_PARAM>

    init(_ pointer: UnsafeMutablePointer<OSSL_PARAM>) { self.pointer = pointer }

    deinit {
        var entry = pointer
        while entry.pointee.key != nil {
            if let data = entry.pointee.data { OPENSSL_cleanse(data, entry.pointee.data_size) }
            entry += 1
        }
        OSSL_PARAM_free(pointer)
    }
}

/// C strings with a stable address for as long as this object lives (OpenSSL's parameter
/// builder keeps the pointers it is given).
final class CStrings {
    private let pointers: [UnsafeMutablePointer<CChar>]

    init(_ strings: [String]) {
        pointers = strings.map { string in
            let bytes = Array(string.utf8CString)
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
            pointer.initialize(from: bytes, count: bytes.count)
            return pointer
        }
    }

    deinit { pointers.forEach { $0.deallocate() } }

    subscript(index: Int) -> UnsafePointer<CChar> { UnsafePointer(pointers[index]) }
}
