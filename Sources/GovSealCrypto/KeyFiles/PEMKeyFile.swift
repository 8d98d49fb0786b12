import COpenSSL
import GovSealEncoding

/// PEM key files through OpenSSL: PKCS#8 "PRIVATE KEY", SEC1 "EC PRIVATE KEY" (optionally
/// after an "EC PARAMETERS" block) and SubjectPublicKeyInfo "PUBLIC KEY"; written as PKCS#8.
enum PEMKeyFile {
    static func parse(_ bytes: [UInt8]) throws -> LoadedKey {
        let labels = blockLabels(bytes)
        if labels.contains("ENCRYPTED PRIVATE KEY") {
            throw CryptoError(.invalidKeyFile, "encrypted PEM private keys are not supported: "
                + "decrypt it first (openssl pkey -in FILE -out PLAIN.pem) and keep the result mode 0600")
        }
        if labels.contains(where: { $0.hasSuffix("PRIVATE KEY") }) {
            if labels == ["PRIVATE KEY"], var body = blockBody(bytes, label: "PRIVATE KEY") {
                defer { wipe(&body) }
                if let legacy = try DERKeyFile.legacyDFXKey(body) { return .secret(legacy, format: .pem) }
            }
            return .secret(try parsePrivateKey(bytes), format: .pem)
        }
        if labels.contains("PUBLIC KEY") {
            return .publicOnly(try parsePublicKey(bytes), format: .pem)
        }
        let found = labels.isEmpty ? "no complete PEM block" : "blocks " + labels.map { "\"\($0)\"" }.joined(separator: ", ")
        throw CryptoError(.invalidKeyFile, "malformed PEM key file: expected a \"PRIVATE KEY\", \"EC PRIVATE KEY\" "
            + "or \"PUBLIC KEY\" block, found \(found)")
    }

    static func serialize(_ key: PrivateKey) throws -> [UInt8] {
        let evpKey = try key.withSecretBytes { secret in
            switch key.curve {
            case .ed25519: try EVPKey.ed25519(seed: secret)
            case .secp256k1: try secp256k1Key(secret: secret)
            }
        }
        let bio = try MemoryBIO()
        ERR_clear_error()
        guard PEM_write_bio_PrivateKey(bio.pointer, evpKey.pointer, nil, nil, 0, nil, nil) == 1 else {
            throw CryptoError.openssl("PEM_write_bio_PrivateKey")
        }
        return bio.readAll()
    }

    // MARK: - Reading

    /// Never prompts for a passphrase: an encrypted key fails to load instead.
    private static let refusePassphrase: @convention(c) (
        UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?
    ) -> Int32 = { _, _, _, _ in -1 }

    private static func parsePrivateKey(_ bytes: [UInt8]) throws -> PrivateKey {
        let bio = try MemoryBIO()
        try bio.write(bytes)
        ERR_clear_error()
        guard let raw = PEM_read_bio_PrivateKey(bio.pointer, nil, refusePassphrase, nil) else {
            throw CryptoError(.invalidKeyFile, "malformed PEM private key (OpenSSL: \(CryptoError.openSSLErrorText()))")
        }
        ERR_clear_error()
        let key = EVPKey(raw)
        switch EVP_PKEY_get_base_id(key.pointer) {
        case EVP_PKEY_ED25519:
            var seed = [UInt8](repeating: 0, count: 32)
            defer { wipe(&seed) }
            var length = seed.count
            guard EVP_PKEY_get_raw_private_key(key.pointer, &seed, &length) == 1, length == 32 else {
                throw CryptoError.openssl("EVP_PKEY_get_raw_private_key(ED25519)")
            }
            return try PrivateKey(curve: .ed25519, rawRepresentation: seed)
        case EVP_PKEY_EC:
            try checkSecp256k1Group(key)
            var number: OpaquePointer?
            guard EVP_PKEY_get_bn_param(key.pointer, OSSL_PKEY_PARAM_PRIV_KEY, &number) == 1, let number else {
                throw CryptoError.openssl("EVP_PKEY_get_bn_param(priv)")
            }
            guard var secret = BigNumber(number).bigEndian(length: 32) else {
                throw CryptoError(.invalidKey, "the EC private key is longer than 32 bytes")
            }
            defer { wipe(&secret) }
            let privateKey = try PrivateKey(curve: .secp256k1, rawRepresentation: secret)
            if let stored = try? encodedPublicKey(key) {
                guard try Secp256k1.compressed(stored) == Secp256k1.publicKey(secretKey: secret) else {
                    throw CryptoError(.invalidKeyFile, "the PEM file's public key does not match its private key")
                }
            }
            return privateKey
        default:
            throw unsupportedType(key)
        }
    }

    private static func parsePublicKey(_ bytes: [UInt8]) throws -> PublicKey {
        let bio = try MemoryBIO()
        try bio.write(bytes)
        ERR_clear_error()
        guard let raw = PEM_read_bio_PUBKEY(bio.pointer, nil, refusePassphrase, nil) else {
            throw CryptoError(.invalidKeyFile, "malformed PEM public key (OpenSSL: \(CryptoError.openSSLErrorText()))")
        }
        ERR_clear_error()
        let key = EVPKey(raw)
        switch EVP_PKEY_get_base_id(key.pointer) {
        case EVP_PKEY_ED25519:
            return try PublicKey(algorithm: .ed25519, rawRepresentation: Ed25519.rawPublicKey(of: key))
        case EVP_PKEY_EC:
            try checkSecp256k1Group(key)
            let point = try encodedPublicKey(key)
            return try PublicKey(algorithm: .ecdsaSecp256k1, rawRepresentation: Secp256k1.compressed(point))
        default:
            throw unsupportedType(key)
        }
    }

    /// The decoded base64 body of the one `label` block, or nil when it is absent or not base64.
    static func blockBody(_ bytes: [UInt8], label: String) -> [UInt8]? {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingTrailingSpaces }
        guard let begin = lines.firstIndex(of: "-----BEGIN \(label)-----"),
              let end = lines[begin...].firstIndex(of: "-----END \(label)-----") else { return nil }
        return try? Base64.decode(lines[(begin + 1)..<end].joined())
    }

    /// The labels of the `-----BEGIN X-----` lines, in order.
    static func blockLabels(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingTrailingSpaces
            guard trimmed.hasPrefix("-----BEGIN "), trimmed.hasSuffix("-----"), trimmed.count > 16 else { return nil }
            let label = trimmed.dropFirst(11).dropLast(5)
            guard label.count <= 40, label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") }) else {
                return "(unreadable label)"
            }
            return String(label)
        }
    }

    private static func checkSecp256k1Group(_ key: EVPKey) throws {
        var name = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_utf8_string_param(key.pointer, OSSL_PKEY_PARAM_GROUP_NAME, &name, name.count, &length) == 1 else {
            ERR_clear_error()
            throw CryptoError(.invalidKeyFile, "the EC key has no named curve (explicit curve parameters are not supported)")
        }
        let group = String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard group == "secp256k1" else {
            throw CryptoError(.invalidKeyFile, "the EC key is on curve \(group), not secp256k1")
        }
    }

    private static func encodedPublicKey(_ key: EVPKey) throws -> [UInt8] {
        var point = [UInt8](repeating: 0, count: 133)
        var length = 0
        guard EVP_PKEY_get_octet_string_param(key.pointer, OSSL_PKEY_PARAM_PUB_KEY, &point, point.count, &length) == 1 else {
            throw CryptoError.openssl("EVP_PKEY_get_octet_string_param(pub)")
        }
        return Array(point.prefix(length))
    }

    private static func unsupportedType(_ key: EVPKey) -> CryptoError {
        CryptoError(.invalidKeyFile, "unsupported key type \(key.typeName): govseal keys are Ed25519 or EC secp256k1")
    }

    // MARK: - Writing

    /// `EVP_PKEY_KEYPAIR` (a macro Swift does not import): all parameters, public and private key.
    private static let keypairSelection = Int32(
        OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS | OSSL_KEYMGMT_SELECT_OTHER_PARAMETERS
            | OSSL_KEYMGMT_SELECT_PUBLIC_KEY | OSSL_KEYMGMT_SELECT_PRIVATE_KEY)

    /// An OpenSSL EC key on secp256k1 holding `secret` and its public point.
    private static func secp256k1Key(secret: [UInt8]) throws -> EVPKey {
        let point = try Secp256k1.uncompressed(Secp256k1.publicKey(secretKey: secret))
        let scalar = try BigNumber(bigEndian: secret)
        let builder = try ParameterBuilder()
        // OSSL_PARAM_BLD keeps the pointers it is given (names included) and the built array
        // points at the names, so every C string must outlive EVP_PKEY_fromdata.
        let strings = CStrings([OSSL_PKEY_PARAM_GROUP_NAME, "secp256k1", OSSL_PKEY_PARAM_PRIV_KEY, OSSL_PKEY_PARAM_PUB_KEY])
        let context = try EVPKeyContext(name: "EC")
        return try withExtendedLifetime(strings) {
            try point.withUnsafeBufferPointer { pointBytes in
                ERR_clear_error()
                guard OSSL_PARAM_BLD_push_utf8_string(builder.pointer, strings[0], strings[1], 0) == 1,
                      OSSL_PARAM_BLD_push_BN(builder.pointer, strings[2], scalar.pointer) == 1,
                      OSSL_PARAM_BLD_push_octet_string(builder.pointer, strings[3], pointBytes.baseAddress, pointBytes.count) == 1
                else {
                    throw CryptoError.openssl("OSSL_PARAM_BLD_push")
                }
                let parameters = try builder.build()
                var key: OpaquePointer?
                guard EVP_PKEY_fromdata_init(context.pointer) == 1,
                      EVP_PKEY_fromdata(context.pointer, &key, keypairSelection, parameters.pointer) == 1,
                      let key
                else {
                    throw CryptoError.openssl("EVP_PKEY_fromdata(EC secp256k1)")
                }
                return EVPKey(key)
            }
        }
    }
}

private extension Substring {
    var trimmingTrailingSpaces: Substring {
        var result = self
        while result.last == " " || result.last == "\t" { result = result.dropLast() }
        return result
    }
}
