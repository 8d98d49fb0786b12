import Foundation
import GovSealCrypto
import GovSealEncoding
import Testing

/// `govseal keygen`, `govseal key show` and `--version` end to end.
@Suite("CLI: keygen, key show, version")
struct KeyCommandTests {
    /// The `label: value` lines of a text report.
    static func values(_ output: String, _ label: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            line.hasPrefix(label + ": ") ? String(line.dropFirst(label.count + 2)) : nil
        }
    }

    @Test("keygen writes a 0600 file; key show prints the same public key and keyid",
          arguments: [("ed25519", "pem"), ("ecdsa-secp256k1", "pem"), ("bip340", "hex"), ("ed25519", "near"),
                      ("ecdsa-secp256k1", "cometbft")])
    func keygenThenShow(_ alg: String, _ format: String) throws {
        let folder = try CLIScratchFolder()
        let generated = try CLIRunner.run(["keygen", "--alg", alg, "--out", "key", "--format", format], in: folder.path)
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(Self.values(generated.stdout, "alg") == [alg])
        let publicKey = try #require(Self.values(generated.stdout, "public_key").first)
        let keyID = try #require(Self.values(generated.stdout, "keyid").first)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path + "/key")
        #expect(attributes[.posixPermissions] as? Int == 0o600)

        let shown = try CLIRunner.run(["key", "show", "key", "--alg", alg], in: folder.path)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(Self.values(shown.stdout, "public_key") == [publicKey])
        #expect(Self.values(shown.stdout, "keyid") == [keyID])
        #expect(Self.values(shown.stdout, "format") == [format])
        // The key id is recomputed here from the printed public key.
        let algorithm = try #require(SignatureAlgorithm(rawValue: alg))
        #expect(try PublicKey(algorithm: algorithm, rawRepresentation: Hex.decode(publicKey)).keyID == keyID)

        let again = try CLIRunner.run(["keygen", "--alg", alg, "--out", "key", "--format", format], in: folder.path)
        #expect(again.status == 2)
        #expect(again.stderrLines.count == 1)
    }

    @Test("a secp256k1 key shows both algorithms; --json lists them; the secret is never printed")
    func showSecp256k1() throws {
        let folder = try CLIScratchFolder()
        let secret = [UInt8](repeating: 0x42, count: 32)
        try folder.file("key.hex", Array((Hex.encode(secret) + "\n").utf8))
        let key = try PrivateKey(curve: .secp256k1, rawRepresentation: secret)

        let shown = try CLIRunner.run(["key", "show", "key.hex", "--alg", "ecdsa-secp256k1"], in: folder.path)
        #expect(shown.status == 0)
        #expect(Self.values(shown.stdout, "public_key") == [Hex.encode(try key.publicKey(for: .ecdsaSecp256k1).rawRepresentation)])

        let pem = try folder.file("key.pem", try KeyFile.serialize(key, format: .pem))
        let both = try CLIRunner.run(["key", "show", pem], in: folder.path)
        #expect(both.status == 0)
        #expect(Self.values(both.stdout, "alg") == ["ecdsa-secp256k1", "bip340"])
        #expect(Self.values(both.stdout, "keyid") == [try key.publicKey(for: .ecdsaSecp256k1).keyID,
                                                       try key.publicKey(for: .bip340).keyID])
        let json = try CLIRunner.run(["key", "show", pem, "--json"], in: folder.path)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any]
        let keys = try #require(report?["keys"] as? [[String: String]])
        #expect(keys.map { $0["alg"] } == ["ecdsa-secp256k1", "bip340"])
        #expect(report?["secret"] as? Bool == true)
        for output in [shown.stdout, both.stdout, json.stdout] {
            #expect(!output.contains(Hex.encode(secret)))
        }
    }

    /// Bad key files: one line on stderr naming the file, exit 2, never a crash.
    @Test("bad key files exit 2 with one stderr line", arguments: [
        ("malformed PEM", "-----BEGIN PRIVATE KEY-----\nnot base64 !!\n-----END PRIVATE KEY-----\n", [String]()),
        ("wrong-length hex", String(repeating: "ab", count: 31) + "\n", ["--alg", "ed25519"]),
        ("hex without --alg", String(repeating: "ab", count: 32) + "\n", []),
        ("truncated JSON", "{\"priv_key\": {\"type\": \"tendermint/PrivKeyEd25519\", \"val", []),
        ("not a key", "hello\n", []),
    ])
    func badKeyFile(_ name: String, _ contents: String, _ options: [String]) throws {
        let folder = try CLIScratchFolder()
        try folder.file("bad.key", Array(contents.utf8))
        let result = try CLIRunner.run(["key", "show", "bad.key"] + options, in: folder.path)
        #expect(result.status == 2)
        #expect(!result.crashed)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix("govseal: bad.key: "))
    }

    @Test("a group-readable secret key file is refused with chmod advice, exit 2")
    func insecureFile() throws {
        let folder = try CLIScratchFolder()
        try folder.file("key.hex", Array(String(repeating: "11", count: 32).utf8), mode: 0o644)
        let result = try CLIRunner.run(["key", "show", "key.hex", "--alg", "ed25519"], in: folder.path)
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("chmod 600"))
    }

    @Test("--version prints a version and exits 0")
    func version() throws {
        let result = try CLIRunner.run(["--version"])
        #expect(result.status == 0)
        let version = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.split(separator: ".").count == 3)
        #expect(version.split(separator: ".").allSatisfy { Int($0) != nil })
    }
}
