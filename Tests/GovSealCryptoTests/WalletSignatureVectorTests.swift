import Foundation
import GovSealCrypto
import GovSealEncoding
import Testing

/// Vectors from the wallets' own ecosystems and OpenSSH's own SSHSIG test data
/// (Fixtures/SOURCES.md names each source).
@Suite("Wallet and SSH signature vectors")
struct WalletSignatureVectorTests {
    struct Vectors: Decodable {
        struct ADR036: Decodable { let source, signer, data, public_key_base64, signature_base64: String }
        struct EIP191: Decodable { let source, secret_key, address, message, signature: String }
        struct NEP413: Decodable {
            let source, secret_key, public_key, message, recipient, nonce_base64, signature_base64: String
            let callback_url: String?
        }
        let adr036: [ADR036]
        let eip191: [EIP191]
        let nep413: [NEP413]
    }

    static let vectors = try! Fixtures.json(Vectors.self, "wallet_vectors.json")

    @Test("ADR-036: a Keplr signArbitrary signature verifies over govseal's sign doc bytes", arguments: vectors.adr036)
    func adr036(_ vector: Vectors.ADR036) throws {
        let key = try Base64.decode(vector.public_key_base64)
        let signature = try Base64.decode(vector.signature_base64)
        let doc = try WalletMessages.adr036SignDoc(data: Array(vector.data.utf8), signer: vector.signer)
        #expect(ECDSASecp256k1.verify(compactSignature: signature, digest: Digest.sha256(doc), publicKey: key), "\(vector.source)")
        // The same signature for another signer (another chain's address of the same key) fails.
        let other = try WalletMessages.adr036SignDoc(data: Array(vector.data.utf8),
                                                     signer: vector.signer.replacingOccurrences(of: "bostrom", with: "cosmos"))
        #expect(!ECDSASecp256k1.verify(compactSignature: signature, digest: Digest.sha256(other), publicKey: key))
        // Through the algorithm: W is the data, the account rule gives the signer.
        let publicKey = try PublicKey(algorithm: .adr036Secp256k1, rawRepresentation: key)
        let signer = vector.signer
        #expect(publicKey.isValidSignature(signature, for: SigningInput(message: [], walletText: vector.data,
                                                                          cosmosAccount: { _ in signer })))
        #expect(!publicKey.isValidSignature(signature, for: SigningInput(message: [], walletText: vector.data)))
    }

    @Test("EIP-191: personal_sign vectors verify, recover the key, and govseal signs them byte for byte", arguments: vectors.eip191)
    func eip191(_ vector: Vectors.EIP191) throws {
        let secret = try Hex.decode(vector.secret_key)
        let signature = try Hex.decode(vector.signature)
        let key = try PrivateKey(curve: .secp256k1, rawRepresentation: secret)
        let publicKey = try key.publicKey(for: .eip191Secp256k1)
        let address = Keccak256.hash(Array(try Secp256k1.uncompressed(publicKey.rawRepresentation).dropFirst())).suffix(20)
        #expect(Hex.encode(Array(address)) == vector.address, "\(vector.source)")
        let input = SigningInput(message: [], walletText: vector.message)
        #expect(publicKey.isValidSignature(signature, for: input))
        // RFC 6979 is deterministic: govseal's signature is the library's, v = 27/28 included.
        #expect(try key.signature(for: input, algorithm: .eip191Secp256k1) == signature)
        // v as 0/1 is accepted too; any other v, or the wrong parity, is not.
        var zeroBased = signature
        zeroBased[64] -= 27
        #expect(publicKey.isValidSignature(zeroBased, for: input))
        var flipped = signature
        flipped[64] = signature[64] == 27 ? 28 : 27
        #expect(!publicKey.isValidSignature(flipped, for: input))
        for v: UInt8 in [2, 26, 29, 35, 255] {
            var bad = signature
            bad[64] = v
            #expect(!publicKey.isValidSignature(bad, for: input), "v = \(v)")
        }
        // The high-S twin recovers the same key in libraries that normalise; govseal refuses it.
        let twin = Array(signature[0..<32]) + Secp256k1Order.negate(Array(signature[32..<64])) + [flipped[64]]
        #expect(!publicKey.isValidSignature(twin, for: input))
    }

    @Test("NEP-413: near-api-js vectors verify and govseal's NEP-413 hash is NEAR's", arguments: vectors.nep413)
    func nep413(_ vector: Vectors.NEP413) throws {
        let secret = try Base58.decode(vector.secret_key.dropFirst(8))
        let key = try PrivateKey(curve: .ed25519, rawRepresentation: Array(secret.prefix(32)))
        let publicKey = try key.publicKey(for: .nep413Ed25519)
        #expect(publicKey.rawRepresentation == (try Base58.decode(vector.public_key.dropFirst(8))), "\(vector.source)")
        let hash = try WalletMessages.nep413Hash(message: Array(vector.message.utf8), nonce: Base64.decode(vector.nonce_base64),
                                                 recipient: vector.recipient, callbackURL: vector.callback_url)
        let signature = try Base64.decode(vector.signature_base64)
        #expect(Ed25519.verify(publicKey: publicKey.rawRepresentation, signature: signature, message: hash))
        #expect(try Ed25519.sign(seed: Array(secret.prefix(32)), message: hash) == signature)
    }

    @Test("SSHSIG: OpenSSH's own ed25519 test signature verifies; other data, namespace or key does not")
    func opensshTestData() throws {
        let blob = try SSHSignature.dearmor(Array(try Fixtures.data("sshsig_ed25519.sig")))
        let message = Array(try Fixtures.data("sshsig_signed-data.txt"))
        let loaded = try KeyFile.parse(Array(try Fixtures.data("sshsig_ed25519.pub")))
        let sshKey = try loaded.publicKey(for: .sshsig)
        #expect(SSHSignature.verify(blob, publicKeyBlob: sshKey.rawRepresentation, message: message, namespace: "unittest"))
        #expect(!SSHSignature.verify(blob, publicKeyBlob: sshKey.rawRepresentation, message: message, namespace: "govseal"))
        #expect(!SSHSignature.verify(blob, publicKeyBlob: sshKey.rawRepresentation, message: message + [0x0a], namespace: "unittest"))
        let other = try PrivateKey.generate(.ed25519).publicKey(for: .sshsig)
        #expect(!SSHSignature.verify(blob, publicKeyBlob: other.rawRepresentation, message: message, namespace: "unittest"))
        let parsed = try SSHSignature.parse(blob)
        #expect(parsed.hashAlgorithm == "sha512" && parsed.namespace == "unittest" && parsed.publicKeyBlob == sshKey.rawRepresentation)
        // The matching private key file gives the same public key.
        let secret = try KeyFile.parse(Array(try Fixtures.data("sshsig_ed25519.key")))
        #expect(try secret.publicKey(for: .sshsig) == sshKey)
    }

    @Test("SSHSIG: a security-key (sk-ssh-ed25519) signature is refused, never verified as plain Ed25519")
    func securityKeyRefused() throws {
        let blob = try SSHSignature.dearmor(Array(try Fixtures.data("sshsig_ed25519_sk.sig")))
        // The security-key signature carries flags and a counter after the signature: not an ssh-ed25519 SSHSIG.
        #expect(throws: CryptoError.invalidSignature) { try SSHSignature.parse(blob) }
        let line = String(decoding: try Fixtures.data("sshsig_ed25519_sk.pub"), as: UTF8.self)
        let keyBlob = try Base64.decode(line.split(separator: " ")[1])
        #expect(throws: CryptoError.unsupportedAlgorithm) { try SSHSignature.ed25519Key(fromBlob: keyBlob) }
        #expect(!SSHSignature.verify(blob, publicKeyBlob: keyBlob, message: Array(try Fixtures.data("sshsig_signed-data.txt")),
                                     namespace: "unittest"))
        #expect(throws: CryptoError.invalidKeyFile) { try KeyFile.parse(Array(try Fixtures.data("sshsig_ed25519_sk.pub"))) }
        #expect(throws: CryptoError.invalidKeyFile) { try KeyFile.parse(Array(try Fixtures.data("sshsig_ecdsa.pub"))) }
    }

    @Test("SSHSIG: ssh-keygen -Y verify accepts govseal's signature, and govseal accepts ssh-keygen's")
    func sshKeygenOracle() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("govseal-sshsig-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Tool.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "oracle", "-f", folder + "/id"])
        let key = try #require(KeyFile.load(path: folder + "/id").secretKey)
        let message = Array("DSSEv1 4 type 2 {}".utf8)
        let input = SigningInput(message: message, walletText: "")
        // govseal → ssh-keygen
        let blob = try key.signature(for: input, algorithm: .sshsig)
        let armored = "-----BEGIN SSH SIGNATURE-----\n" + Base64.encode(blob) + "\n-----END SSH SIGNATURE-----\n"
        try armored.write(toFile: folder + "/m.sig", atomically: true, encoding: .utf8)
        let publicLine = try String(contentsOfFile: folder + "/id.pub", encoding: .utf8)
        try ("signer " + publicLine).write(toFile: folder + "/allowed", atomically: true, encoding: .utf8)
        let verified = try Tool.run("ssh-keygen", ["-Y", "verify", "-f", folder + "/allowed", "-I", "signer", "-n", "govseal",
                                                  "-s", folder + "/m.sig"], input: message)
        #expect(verified.status == 0, "\(verified.stderr)")
        let wrongNamespace = try Tool.run("ssh-keygen", ["-Y", "verify", "-f", folder + "/allowed", "-I", "signer", "-n", "git",
                                                        "-s", folder + "/m.sig"], input: message)
        #expect(wrongNamespace.status != 0)
        // ssh-keygen → govseal
        let made = try Tool.output("ssh-keygen", ["-Y", "sign", "-n", "govseal", "-f", folder + "/id", "-"], input: message)
        let theirs = try SSHSignature.dearmor(made)
        let publicKey = try key.publicKey(for: .sshsig)
        #expect(publicKey.isValidSignature(theirs, for: input))
        #expect(!publicKey.isValidSignature(theirs, for: SigningInput(message: message + [0], walletText: "")))
        #expect(theirs.count == SignatureAlgorithm.sshsig.signatureLength)
    }
}

extension LoadedKey {
    var secretKey: PrivateKey? { if case .secret(let key, _) = self { key } else { nil } }
}
