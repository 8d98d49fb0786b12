import COpenSSL

/// Password-based key derivation and AES-128-CTR through OpenSSL's EVP interfaces (EVP_KDF
/// "SCRYPT" and "PBKDF2", EVP_aes_128_ctr), for Ethereum keystore files.
enum PasswordKDF {
    /// scrypt(password, salt, N, r, p) → `length` bytes, refusing to use more than `maxMemory` bytes.
    static func scrypt(password: [UInt8], salt: [UInt8], n: UInt64, r: UInt32, p: UInt32, length: Int,
                       maxMemory: UInt64) throws -> [UInt8] {
        try derive("SCRYPT", length: length, password: password, salt: salt) { builder, names in
            OSSL_PARAM_BLD_push_uint64(builder, names[2], n) == 1
                && OSSL_PARAM_BLD_push_uint32(builder, names[3], r) == 1
                && OSSL_PARAM_BLD_push_uint32(builder, names[4], p) == 1
                && OSSL_PARAM_BLD_push_uint64(builder, names[5], maxMemory) == 1
        }
    }

    /// PBKDF2-HMAC-SHA256(password, salt, iterations) → `length` bytes.
    static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], iterations: UInt32, length: Int) throws -> [UInt8] {
        try derive("PBKDF2", length: length, password: password, salt: salt) { builder, names in
            OSSL_PARAM_BLD_push_uint32(builder, names[6], iterations) == 1
                && OSSL_PARAM_BLD_push_utf8_string(builder, names[7], names[8], 0) == 1
        }
    }

    /// AES-128-CTR of `input` under a 16-byte key and 16-byte initial counter block.
    static func aes128CTR(key: [UInt8], iv: [UInt8], input: [UInt8]) throws -> [UInt8] {
        guard key.count == 16, iv.count == 16 else {
            throw CryptoError(.invalidKeyFile, "AES-128-CTR takes a 16-byte key and a 16-byte IV")
        }
        ERR_clear_error()
        guard let context = EVP_CIPHER_CTX_new() else { throw CryptoError.openssl("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        guard EVP_DecryptInit_ex(context, EVP_aes_128_ctr(), nil, key, iv) == 1 else {
            throw CryptoError.openssl("EVP_DecryptInit_ex(aes-128-ctr)")
        }
        var output = [UInt8](repeating: 0, count: input.count + 16)
        var written: Int32 = 0
        var final: Int32 = 0
        let status = withNonNullBytes(input) { bytes, count in
            EVP_DecryptUpdate(context, &output, &written, bytes, Int32(count))
        }
        guard status == 1 else { throw CryptoError.openssl("EVP_DecryptUpdate(aes-128-ctr)") }
        let ok = output.withUnsafeMutableBufferPointer { EVP_DecryptFinal_ex(context, $0.baseAddress! + Int(written), &final) }
        guard ok == 1 else { throw CryptoError.openssl("EVP_DecryptFinal_ex(aes-128-ctr)") }
        let result = Array(output.prefix(Int(written + final)))
        wipe(&output)
        return result
    }

    private static func derive(_ name: String, length: Int, password: [UInt8], salt: [UInt8],
                               push: (OpaquePointer, CStrings) -> Bool) throws -> [UInt8] {
        ERR_clear_error()
        guard let kdf = EVP_KDF_fetch(nil, name, nil) else { throw CryptoError.openssl("EVP_KDF_fetch(\(name))") }
        defer { EVP_KDF_free(kdf) }
        guard let context = EVP_KDF_CTX_new(kdf) else { throw CryptoError.openssl("EVP_KDF_CTX_new(\(name))") }
        defer { EVP_KDF_CTX_free(context) }
        let names = CStrings([OSSL_KDF_PARAM_PASSWORD, OSSL_KDF_PARAM_SALT, OSSL_KDF_PARAM_SCRYPT_N, OSSL_KDF_PARAM_SCRYPT_R,
                              OSSL_KDF_PARAM_SCRYPT_P, OSSL_KDF_PARAM_SCRYPT_MAXMEM, OSSL_KDF_PARAM_ITER,
                              OSSL_KDF_PARAM_DIGEST, "SHA256"])
        let builder = try ParameterBuilder()
        var output = [UInt8](repeating: 0, count: length)
        try withExtendedLifetime(names) {
            try password.withUnsafeBufferPointer { passwordBytes in
                try salt.withUnsafeBufferPointer { saltBytes in
                    ERR_clear_error()
                    guard OSSL_PARAM_BLD_push_octet_string(builder.pointer, names[0], passwordBytes.baseAddress, passwordBytes.count) == 1,
                          OSSL_PARAM_BLD_push_octet_string(builder.pointer, names[1], saltBytes.baseAddress, saltBytes.count) == 1,
                          push(builder.pointer, names)
                    else { throw CryptoError.openssl("OSSL_PARAM_BLD_push(\(name))") }
                    let parameters = try builder.build()
                    guard EVP_KDF_derive(context, &output, length, parameters.pointer) == 1 else {
                        throw CryptoError.openssl("EVP_KDF_derive(\(name))")
                    }
                }
            }
        }
        return output
    }
}
