import Foundation
import GovSealCrypto
import GovSealEncoding
import Testing

/// Key files against OpenSSL's own tools: keys openssl makes load with the public key it
/// prints; keys we write are read back by `openssl pkey`; our signatures verify in openssl.
@Suite("Key files: openssl as oracle")
struct KeyFileOracleTests {
    enum OpenSSLKey: String, CaseIterable, Sendable {
        case genpkeyEd25519 = "openssl genpkey -algorithm ed25519"
        case genpkeySecp256k1 = "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1"
        case ecparamNoOut = "openssl ecparam -name secp256k1 -genkey -noout"
        case ecparamWithParameters = "openssl ecparam -name secp256k1 -genkey"

        var curve: KeyCurve { self == .genpkeyEd25519 ? .ed25519 : .secp256k1 }
    }

    @Test("openssl-made keys load; public keys equal openssl pkey -pubout", arguments: OpenSSLKey.allCases)
    func opensslKeysLoad(_ kind: OpenSSLKey) throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/key.pem"
        let words = kind.rawValue.split(separator: " ").dropFirst().map(String.init)
        try Tool.output("openssl", words + ["-out", path])
        chmod(path, 0o600)

        let loaded = try KeyFile.load(path: path)
        guard case .secret(let key, let format) = loaded else {
            Issue.record("expected a secret key")
            return
        }
        #expect(format == .pem)
        #expect(key.curve == kind.curve)
        let spki = try Tool.output("openssl", ["pkey", "-in", path, "-pubout", "-outform", "DER"])
        try expectSamePublicKey(key, spki: spki)

        // The PUBLIC KEY PEM of the same key loads as public-only, with the same key.
        let publicPEM = try Tool.output("openssl", ["pkey", "-in", path, "-pubout"])
        let publicPath = try folder.file("pub.pem", publicPEM, mode: 0o644)
        guard case .publicOnly(let publicKey, .pem) = try KeyFile.load(path: publicPath) else {
            Issue.record("expected a public key")
            return
        }
        #expect(publicKey == (try key.publicKey(for: kind.curve.defaultAlgorithm)))
    }

    @Test("PEM files we write are read by openssl pkey", arguments: KeyCurve.allCases)
    func writtenPEMReadByOpenSSL(_ curve: KeyCurve) throws {
        let folder = try TemporaryFolder()
        let key = try PrivateKey.generate(curve)
        let path = folder.path + "/written.pem"
        try KeyFile.write(key, format: .pem, to: path)
        let spki = try Tool.output("openssl", ["pkey", "-in", path, "-pubout", "-outform", "DER"])
        try expectSamePublicKey(key, spki: spki)
        let text = String(decoding: try folder.read("written.pem"), as: UTF8.self)
        #expect(text.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
    }

    @Test("our Ed25519 signature verifies with openssl pkeyutl -verify -rawin")
    func ed25519SignatureInOpenSSL() throws {
        let folder = try TemporaryFolder()
        let key = try PrivateKey.generate(.ed25519)
        let keyPath = folder.path + "/key.pem"
        try KeyFile.write(key, format: .pem, to: keyPath)
        let message = Array("DSSEv1 5 hello 5 world".utf8)
        let messagePath = try folder.file("msg", message)
        let signaturePath = try folder.file("sig", try key.signature(for: message, algorithm: .ed25519))
        let result = try Tool.run("openssl", ["pkeyutl", "-verify", "-rawin", "-inkey", keyPath,
                                              "-in", messagePath, "-sigfile", signaturePath])
        #expect(result.status == 0, "\(result.stderr)")
        // And a wrong message fails there too (the oracle can say no).
        let otherPath = try folder.file("other", message + [0x21])
        let wrong = try Tool.run("openssl", ["pkeyutl", "-verify", "-rawin", "-inkey", keyPath,
                                             "-in", otherPath, "-sigfile", signaturePath])
        #expect(wrong.status != 0)
    }

    @Test("ECDSA: our signature (as DER) verifies in openssl; openssl's verifies here when low-S")
    func ecdsaWithOpenSSL() throws {
        let folder = try TemporaryFolder()
        let key = try PrivateKey.generate(.secp256k1)
        let keyPath = folder.path + "/key.pem"
        try KeyFile.write(key, format: .pem, to: keyPath)
        let message = Array("a proposal".utf8)
        let digestPath = try folder.file("digest", Digest.sha256(message))
        let der = try ECDSASecp256k1.derFromCompact(try key.signature(for: message, algorithm: .ecdsaSecp256k1))
        let signaturePath = try folder.file("sig.der", der)
        let result = try Tool.run("openssl", ["pkeyutl", "-verify", "-inkey", keyPath, "-in", digestPath,
                                              "-sigfile", signaturePath])
        #expect(result.status == 0, "\(result.stderr)")

        let publicKey = try key.publicKey(for: .ecdsaSecp256k1)
        for _ in 0..<4 {
            let theirs = try Tool.output("openssl", ["pkeyutl", "-sign", "-inkey", keyPath, "-in", digestPath])
            let compact = try ECDSASecp256k1.compactFromDER(theirs)
            #expect(publicKey.isValidSignature(compact, for: message) == ECDSASecp256k1.isLowS(compactSignature: compact))
        }
    }

    @Test("PEM after explanatory text loads; an encrypted SEC1 key is refused without a prompt")
    func pemVariants() throws {
        let key = try PrivateKey.generate(.secp256k1)
        let pem = try KeyFile.serialize(key, format: .pem)
        guard case .secret(let loaded, .pem) = try KeyFile.parse(Array("Bag Attributes\n    friendlyName: k\n".utf8) + pem) else {
            Issue.record("expected a secret key")
            return
        }
        #expect(loaded.withSecretBytes { $0 } == key.withSecretBytes { $0 })

        let encrypted = try Tool.output("openssl", ["ec", "-aes128", "-passout", "pass:secret"], input: pem)
        #expect(String(decoding: encrypted, as: UTF8.self).contains("ENCRYPTED"))
        #expect(throws: CryptoError.invalidKeyFile) { try KeyFile.parse(encrypted) }
    }

    /// Compares our public key with the raw key at the end of openssl's SubjectPublicKeyInfo.
    private func expectSamePublicKey(_ key: PrivateKey, spki: [UInt8]) throws {
        switch key.curve {
        case .ed25519:
            #expect(try key.publicKey(for: .ed25519).rawRepresentation == Array(spki.suffix(32)))
        case .secp256k1:
            let compressed = try key.publicKey(for: .ecdsaSecp256k1).rawRepresentation
            #expect(try Secp256k1.uncompressed(compressed) == Array(spki.suffix(65)))
        }
    }
}
