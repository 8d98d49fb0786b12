import Foundation
import GovSealCrypto
import GovSealEncoding
import Testing

/// Key file reading and writing: formats, file modes, and a table of bad inputs.
@Suite("Key files")
struct KeyFileTests {
    /// RFC 8032 TEST 1: a well-known seed and its public key.
    static let seed = hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    static let publicKey = hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")

    struct FormatCase: Sendable, CustomTestStringConvertible {
        let format: KeyFileFormat
        let curve: KeyCurve
        var testDescription: String { "\(format.rawValue) \(curve.rawValue)" }
    }

    static let formats: [FormatCase] = [
        .init(format: .pem, curve: .ed25519), .init(format: .pem, curve: .secp256k1),
        .init(format: .hex, curve: .ed25519), .init(format: .hex, curve: .secp256k1),
        .init(format: .cometbft, curve: .ed25519), .init(format: .cometbft, curve: .secp256k1),
        .init(format: .near, curve: .ed25519),
    ]

    @Test("write: mode 0600, reads back the same key, never overwrites", arguments: formats)
    func writeAndLoad(_ entry: FormatCase) throws {
        let folder = try TemporaryFolder()
        let key = try PrivateKey.generate(entry.curve)
        let path = folder.path + "/key"
        try KeyFile.write(key, format: entry.format, to: path)

        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let loaded = try KeyFile.load(path: path, curve: entry.format == .hex ? entry.curve : nil)
        guard case .secret(let back, let format) = loaded else {
            Issue.record("expected a secret key")
            return
        }
        #expect(format == entry.format)
        #expect(back.withSecretBytes { $0 } == key.withSecretBytes { $0 })
        #expect(try KeyFile.serialize(back, format: entry.format) == (try folder.read("key")))

        let before = try folder.read("key")
        let error = try #require(throws: CryptoError.self) {
            try KeyFile.write(PrivateKey.generate(entry.curve), format: entry.format, to: path)
        }
        #expect(error == .io)
        #expect(error.reason.contains("refusing to overwrite"))
        #expect(try folder.read("key") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["key"])
    }

    @Test("CometBFT and NEAR files hold seed‖public key and the matching public key")
    func jsonLayouts() throws {
        let key = try PrivateKey(curve: .ed25519, rawRepresentation: Self.seed)
        let comet = try JSONSerialization.jsonObject(with: Data(try KeyFile.serialize(key, format: .cometbft))) as? [String: Any]
        let priv = try #require(comet?["priv_key"] as? [String: String])
        #expect(priv["type"] == "tendermint/PrivKeyEd25519")
        #expect(try Base64.decode(try #require(priv["value"])) == Self.seed + Self.publicKey)
        #expect((comet?["pub_key"] as? [String: String])?["value"] == Base64.encode(Self.publicKey))
        #expect(comet?["address"] as? String == Hex.encode(Digest.sha256(Self.publicKey).prefix(20)).uppercased())

        let near = try JSONSerialization.jsonObject(with: Data(try KeyFile.serialize(key, format: .near))) as? [String: String]
        #expect(near?["public_key"] == "ed25519:" + Base58.encode(Self.publicKey))
        #expect(near?["secret_key"] == "ed25519:" + Base58.encode(Self.seed + Self.publicKey))
        #expect(near?["account_id"] == Hex.encode(Self.publicKey))
        #expect(throws: CryptoError.unsupportedAlgorithm) {
            try KeyFile.serialize(PrivateKey.generate(.secp256k1), format: .near)
        }
    }

    @Test("NEAR files may name the secret private_key")
    func nearPrivateKeyMember() throws {
        let json = "{\"account_id\":\"x.near\",\"public_key\":\"ed25519:\(Base58.encode(Self.publicKey))\","
            + "\"private_key\":\"ed25519:\(Base58.encode(Self.seed + Self.publicKey))\"}"
        guard case .secret(let key, .near) = try KeyFile.parse(Array(json.utf8)) else {
            Issue.record("expected a NEAR secret key")
            return
        }
        #expect(try key.publicKey(for: .ed25519).rawRepresentation == Self.publicKey)
    }

    @Test("a secp256k1 key offers ecdsa-secp256k1 and bip340 public keys")
    func publicKeysOfLoadedKey() throws {
        let key = try PrivateKey.generate(.secp256k1)
        let loaded = try KeyFile.parse(try KeyFile.serialize(key, format: .hex), curve: .secp256k1)
        #expect(try loaded.publicKeys().map(\.algorithm) == [.ecdsaSecp256k1, .bip340])
        #expect(try loaded.publicKeys() == [try key.publicKey(for: .ecdsaSecp256k1), try key.publicKey(for: .bip340)])
        let publicOnly = LoadedKey.publicOnly(try key.publicKey(for: .ecdsaSecp256k1), format: .pem)
        #expect(try publicOnly.publicKeys() == (try loaded.publicKeys()))
    }

    /// Secret key files readable by group or others are refused, as ssh refuses them.
    @Test("secret files readable by others are refused; public files are not", arguments: [0o644, 0o640, 0o604, 0o660])
    func permissions(_ mode: Int) throws {
        let folder = try TemporaryFolder()
        let key = try PrivateKey(curve: .ed25519, rawRepresentation: Self.seed)
        let path = try folder.file("key.pem", try KeyFile.serialize(key, format: .pem), mode: mode)
        let error = try #require(throws: CryptoError.self) { try KeyFile.load(path: path) }
        #expect(error == .insecureKeyFile)
        #expect(error.reason.contains("0" + String(mode, radix: 8)))
        #expect(error.reason.contains("chmod 600 \(path)"))

        let publicPEM = try Tool.output("openssl", ["pkey", "-pubout"], input: try KeyFile.serialize(key, format: .pem))
        let publicPath = try folder.file("pub.pem", publicPEM, mode: mode)
        #expect(throws: Never.self) { try KeyFile.load(path: publicPath) }
    }

    @Test("an unreadable path is an io error")
    func missingFile() throws {
        let folder = try TemporaryFolder()
        #expect(throws: CryptoError.io) { try KeyFile.load(path: folder.path + "/none") }
        #expect(throws: CryptoError.io) { try KeyFile.load(path: folder.path) }
    }

    @Test("bad key files: each gives its error code, never the secret", arguments: BadKeyFile.all)
    func badInput(_ entry: BadKeyFile) throws {
        let error = try #require(throws: CryptoError.self) { try KeyFile.parse(entry.bytes, curve: entry.curve) }
        #expect(error.code == entry.code, "\(error.reason)")
        #expect(!error.reason.isEmpty)
        #expect(!error.reason.contains("\n"))
        #expect(!error.reason.lowercased().contains(Hex.encode(KeyFileTests.seed)))
        #expect(!error.reason.contains(Base58.encode(KeyFileTests.seed + KeyFileTests.publicKey)))
    }
}
