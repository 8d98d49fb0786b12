import Foundation
import GovSealCrypto
import GovSealEncoding
import Testing

/// Key files as people hold them (issue #17): made by the real tools on this machine
/// (`ssh-keygen`, `openssl`) and taken from the projects' own repositories (Fixtures/SOURCES.md).
@Suite("Key files in the wild")
struct KeyFilesInTheWildTests {
    static func secret(_ loaded: LoadedKey) throws -> PrivateKey { try #require(loaded.secretKey) }

    @Test("ssh-keygen -t ed25519: the private key and .pub give the public key ssh-keygen -y prints")
    func sshKeygen() throws {
        let folder = try TemporaryFolder()
        try Tool.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "a comment", "-f", folder.path + "/id"])
        let expected = String(decoding: try Tool.output("ssh-keygen", ["-y", "-f", folder.path + "/id"]), as: UTF8.self)
            .split(separator: " ")[1]
        for name in ["id", "id.pub"] {
            let loaded = try KeyFile.load(path: folder.path + "/" + name)
            #expect(loaded.format == .openssh)
            let sshKey = try loaded.publicKey(for: .sshsig)
            #expect(Base64.encode(sshKey.rawRepresentation) == String(expected), "\(name)")
            #expect(try loaded.publicKeys().map(\.algorithm) == [.ed25519, .sshsig])
        }
    }

    @Test("ssh-keygen -t ecdsa and an encrypted key are refused with a reason")
    func sshRefusals() throws {
        let folder = try TemporaryFolder()
        try Tool.run("ssh-keygen", ["-q", "-t", "ecdsa", "-N", "", "-f", folder.path + "/ec"])
        for name in ["ec", "ec.pub"] {
            let error = try #require(throws: CryptoError.self) { try KeyFile.load(path: folder.path + "/" + name) }
            #expect(error == .invalidKeyFile)
            #expect(error.reason.contains("ecdsa-sha2-nistp256"))
        }
        try Tool.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "a passphrase", "-f", folder.path + "/locked"])
        let error = try #require(throws: CryptoError.self) { try KeyFile.load(path: folder.path + "/locked") }
        #expect(error == .invalidKeyFile)
        #expect(error.reason.contains("encrypted"))
    }

    @Test("DER PKCS#8 and SubjectPublicKeyInfo from openssl pkey -outform DER", arguments: ["ed25519", "secp256k1"])
    func der(_ curve: String) throws {
        let folder = try TemporaryFolder()
        let generate = curve == "ed25519" ? ["genpkey", "-algorithm", "ed25519"] : ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1"]
        try Tool.run("openssl", generate + ["-out", folder.path + "/k.pem"])
        try Tool.run("openssl", ["pkey", "-in", folder.path + "/k.pem", "-outform", "DER", "-out", folder.path + "/k.der"])
        try Tool.run("openssl", ["pkey", "-in", folder.path + "/k.pem", "-pubout", "-outform", "DER", "-out", folder.path + "/p.der"])
        chmod(folder.path + "/k.der", 0o600)
        chmod(folder.path + "/k.pem", 0o600)
        let pem = try KeyFile.load(path: folder.path + "/k.pem")
        let der = try KeyFile.load(path: folder.path + "/k.der")
        #expect(der.format == .der)
        #expect(try der.publicKeys() == pem.publicKeys())
        let publicDER = try KeyFile.load(path: folder.path + "/p.der")
        #expect(publicDER.secretKey == nil)
        #expect(try publicDER.publicKeys().first == pem.publicKeys().first)
    }

    @Test("hex with 0x, as wallets export it, is the same key as without")
    func hexPrefix() throws {
        let secret = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
        let plain = try Self.secret(KeyFile.parse(Array(secret.utf8), curve: .secp256k1))
        for text in ["0x" + secret, "0X" + secret, "  0x" + secret + "\n"] {
            let key = try Self.secret(KeyFile.parse(Array(text.utf8), curve: .secp256k1))
            #expect(key.withSecretBytes { $0 } == plain.withSecretBytes { $0 })
        }
        #expect(throws: CryptoError.invalidKeyFile) { try KeyFile.parse(Array(("0x" + secret).utf8)) }  // no curve
        #expect(throws: CryptoError.invalidKeyFile) { try KeyFile.parse(Array(("0x0x" + secret.dropFirst(2)).utf8), curve: .secp256k1) }
    }

    @Test("the legacy dfx identity.pem (EXPLICIT [1] public key) reads as its Ed25519 key; a mismatched one is refused")
    func legacyDFX() throws {
        let key = try PrivateKey.generate(.ed25519)
        let publicKey = try key.publicKey(for: .ed25519).rawRepresentation
        let seed = key.withSecretBytes { $0 }
        func pem(_ pub: [UInt8]) -> [UInt8] {
            let body = [0x30, 0x53, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20] + seed
                + [0xa1, 0x23, 0x03, 0x21, 0x00] + pub
            return Array("-----BEGIN PRIVATE KEY-----\n\(Base64.encode(body))\n-----END PRIVATE KEY-----\n".utf8)
        }
        // OpenSSL itself refuses this body: the oracle says why a special case is needed.
        let folder = try TemporaryFolder()
        try Data(pem(publicKey)).write(to: URL(fileURLWithPath: folder.path + "/identity.pem"))
        #expect(try Tool.run("openssl", ["pkey", "-in", folder.path + "/identity.pem", "-noout"]).status != 0)
        let loaded = try KeyFile.parse(pem(publicKey))
        #expect(try loaded.publicKey(for: .ed25519).rawRepresentation == publicKey)
        var other = publicKey
        other[0] ^= 1
        #expect(throws: CryptoError.invalidKeyFile) { try KeyFile.parse(pem(other)) }
    }

    @Test("CometBFT forks' type names (cometbft/…) read as the Tendermint ones", arguments: [KeyCurve.ed25519, .secp256k1])
    func cometbftForkNames(_ curve: KeyCurve) throws {
        let key = try PrivateKey.generate(curve)
        let tendermint = String(decoding: try KeyFile.serialize(key, format: .cometbft), as: UTF8.self)
        let fork = tendermint.replacingOccurrences(of: "tendermint/", with: "cometbft/")
        let loaded = try KeyFile.parse(Array(fork.utf8))
        #expect(loaded.format == .cometbft)
        #expect(try Self.secret(loaded).withSecretBytes { $0 } == key.withSecretBytes { $0 })
        let unknown = tendermint.replacingOccurrences(of: "tendermint/Priv", with: "othernet/Priv")
        #expect(throws: CryptoError.invalidKeyFile) { try KeyFile.parse(Array(unknown.utf8)) }
    }

    struct Keystores: Decodable {
        struct Entry: Decodable {
            let json: JSONBlob
            let password: String
            let priv: String
        }
        let entries: [String: Entry]
        init(from decoder: Decoder) throws { entries = try [String: Entry](from: decoder) }
    }

    /// Keeps a nested JSON object as its serialized bytes.
    struct JSONBlob: Decodable {
        let bytes: [UInt8]
        init(from decoder: Decoder) throws {
            let value = try decoder.singleValueContainer().decode(AnyJSON.self)
            bytes = Array(try JSONSerialization.data(withJSONObject: value.value))
        }
    }

    struct AnyJSON: Decodable {
        let value: Any
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let object = try? container.decode([String: AnyJSON].self) {
                value = object.mapValues(\.value)
            } else if let number = try? container.decode(Int.self) {
                value = number
            } else {
                value = try container.decode(String.self)
            }
        }
    }

    @Test("Ethereum keystore v3: go-ethereum's scrypt and pbkdf2 vectors decrypt to their keys; the MAC is checked",
          arguments: ["wikipage_test_vector_pbkdf2", "31_byte_key", "30_byte_key"])
    func keystoreVectors(_ name: String) throws {
        let vectors = try Fixtures.json(Keystores.self, "geth_v3_test_vector.json")
        let entry = try #require(vectors.entries[name])
        let key = try Self.secret(KeyFile.parse(entry.json.bytes, passphrase: Array(entry.password.utf8)))
        let expected = [UInt8](repeating: 0, count: 32 - entry.priv.count / 2) + (try Hex.decode(entry.priv))
        #expect(key.withSecretBytes { $0 } == expected)
        let error = try #require(throws: CryptoError.self) {
            try KeyFile.parse(entry.json.bytes, passphrase: Array((entry.password + "x").utf8))
        }
        #expect(error == .invalidKeyFile && error.reason.contains("MAC"))
        #expect(throws: CryptoError.invalidKeyFile) { try KeyFile.parse(entry.json.bytes) }  // no passphrase
    }

    @Test("Ethereum keystore: the wiki's scrypt vector (r = 1, N = 2^18) breaks RFC 7914's N < 2^(16·r) and is refused by name")
    func keystoreRFC7914() throws {
        let vectors = try Fixtures.json(Keystores.self, "geth_v3_test_vector.json")
        let entry = try #require(vectors.entries["wikipage_test_vector_scrypt"])
        let error = try #require(throws: CryptoError.self) {
            try KeyFile.parse(entry.json.bytes, passphrase: Array(entry.password.utf8))
        }
        #expect(error == .invalidKeyFile && error.reason.contains("RFC 7914"))
    }

    @Test("Ethereum keystore: go-ethereum's very-light-scrypt.json opens with the empty passphrase and matches its address")
    func gethKeystoreFile() throws {
        let bytes = Array(try Fixtures.data("geth_very-light-scrypt.json"))
        let key = try Self.secret(KeyFile.parse(bytes, passphrase: []))
        let uncompressed = try Secp256k1.uncompressed(key.publicKey(for: .eip191Secp256k1).rawRepresentation)
        #expect(Hex.encode(Array(Keccak256.hash(Array(uncompressed.dropFirst())).suffix(20))) == "45dea0fb0bba44f4fcf290bba71fd57d7117cbb8")
        let tampered = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "45dea0fb", with: "45dea0fc")
        #expect(throws: CryptoError.invalidKeyFile) { try KeyFile.parse(Array(tampered.utf8), passphrase: []) }
    }

    @Test("NEAR: nearcore's key file reads; the same file with both secret_key and private_key is refused, as nearcore does")
    func nearBothKeys() throws {
        struct Both: Decodable { let json, single_key_json: String }
        struct File: Decodable { let near_key_file_both_keys: Both }
        let vector = try Fixtures.json(File.self, "wallet_vectors.json").near_key_file_both_keys
        let key = try KeyFile.parse(Array(vector.single_key_json.utf8))
        #expect(try NEARText.encode(key.publicKey(for: .ed25519)) == "ed25519:6DSjZ8mvsRZDvFqFxo8tCKePG96omXW7eVYVSySmDk8e")
        let error = try #require(throws: CryptoError.self) { try KeyFile.parse(Array(vector.json.utf8)) }
        #expect(error == .invalidKeyFile && error.reason.contains("both"))
        #expect(!error.reason.contains("3D4Yud"))
    }
}

enum NEARText {
    static func encode(_ key: PublicKey) -> String { "ed25519:" + Base58.encode(key.rawRepresentation) }
}
