import GovSealEncoding

/// Binary DER key files: PKCS#8 PrivateKeyInfo, SEC1 ECPrivateKey or SubjectPublicKeyInfo (`openssl pkey -outform DER`),
/// read through the same OpenSSL PEM path after base64 armoring; and the legacy dfx/quill Ed25519
/// `identity.pem`, whose PKCS#8 body OpenSSL refuses.
enum DERKeyFile {
    /// A DER SEQUENCE with a definite length that spans the whole input.
    static func looksLikeDER(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 2, bytes[0] == 0x30 else { return false }
        let first = Int(bytes[1])
        if first < 0x80 { return first + 2 == bytes.count }
        let count = first & 0x7f
        guard (1...2).contains(count), bytes.count > 2 + count else { return false }
        let length = bytes[2..<2 + count].reduce(0) { $0 << 8 | Int($1) }
        return length + 2 + count == bytes.count
    }

    static func parse(_ bytes: [UInt8]) throws -> LoadedKey {
        if let legacy = try legacyDFXKey(bytes) { return .secret(legacy, format: .der) }
        // OpenSSL's PEM reader takes lines of at most 64 characters.
        var encoded = Array(Base64.encode(bytes).utf8)
        defer { wipe(&encoded) }
        var text = [UInt8]()
        defer { wipe(&text) }
        for start in stride(from: 0, to: encoded.count, by: 64) {
            text += encoded[start..<min(start + 64, encoded.count)] + [0x0a]
        }
        for label in ["PRIVATE KEY", "EC PRIVATE KEY", "PUBLIC KEY"] {  // openssl pkey -outform DER writes EC keys as SEC1
            var armored = Array("-----BEGIN \(label)-----\n".utf8) + text + Array("-----END \(label)-----\n".utf8)
            defer { wipe(&armored) }
            if let key = try? PEMKeyFile.parse(armored) {
                switch key {
                case .secret(let secret, _): return .secret(secret, format: .der)
                case .publicOnly(let publicKey, _): return .publicOnly(publicKey, format: .der)
                }
            }
        }
        throw CryptoError(.invalidKeyFile, "malformed DER key file: not a PKCS#8 private key or SubjectPublicKeyInfo "
            + "that govseal reads (Ed25519 or EC secp256k1)")
    }

    // MARK: - Legacy dfx identity.pem

    /// 30 53 | 02 01 01 | 30 05 06 03 2B 65 70 | 04 22 04 20 <seed>: the start of the legacy body.
    private static let legacyPrefix: [UInt8] = [0x30, 0x53, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
                                                0x04, 0x22, 0x04, 0x20]
    /// A1 23 03 21 00 <public key>: the public key as an EXPLICIT [1] BIT STRING (RFC 8410 says IMPLICIT).
    private static let legacyPublicKeyTag: [UInt8] = [0xa1, 0x23, 0x03, 0x21, 0x00]

    /// The key of the legacy dfx/quill Ed25519 PKCS#8 body (85 bytes), or nil for any other body.
    ///
    /// Throws `CryptoError` (`.invalidKeyFile`) when the body has the legacy layout but its public
    /// key does not match its seed.
    static func legacyDFXKey(_ der: [UInt8]) throws -> PrivateKey? {
        guard der.count == 85, der.starts(with: legacyPrefix), Array(der[48..<53]) == legacyPublicKeyTag else { return nil }
        var seed = Array(der[16..<48])
        defer { wipe(&seed) }
        let key = try PrivateKey(curve: .ed25519, rawRepresentation: seed)
        guard try key.publicKey(for: .ed25519).rawRepresentation == Array(der[53..<85]) else {
            throw CryptoError(.invalidKeyFile, "legacy dfx identity.pem: the public key does not match the private key")
        }
        return key
    }
}
