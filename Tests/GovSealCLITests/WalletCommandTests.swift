import Foundation
import GovSealTestSupport
import GovSealCrypto
import GovSealEncoding
import GovSealJSON
import Testing

/// `govseal wallet-text`, `sign --ssh-key`, `sign --alg <wallet alg>`, `sign --add-signature` and
/// key files in the wild (keystore with --passphrase-file) end to end, with `ssh-keygen` as the oracle.
@Suite("CLI: keys people already hold")
struct WalletCommandTests {
    final class Workspace {
        let folder: CLIScratchFolder
        var path: String { folder.path }

        init(chain: String = "cosmos:cosmoshub-4") throws {
            folder = try CLIScratchFolder()
            try folder.file("art.bin", Array("artifact\n".utf8), mode: 0o644)
            let r = try run(["new", "blessing", "--chain", chain, "--title", "t", "--summary", "s",
                             "--repository", "https://example.org/r.git", "--commit", String(repeating: "ab", count: 20),
                             "--artifact", "art.bin", "--out", "b.json"])
            #expect(r.status == 0, "\(r.stderr)")
        }

        func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIResult {
            try CLIRunner.run(arguments, in: path, environment: environment)
        }

        func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))) }

        /// W as `govseal wallet-text` prints it.
        func walletText() throws -> String {
            let r = try run(["wallet-text", "b.json"])
            #expect(r.status == 0, "\(r.stderr)")
            return String(r.stdout.dropLast())
        }

        /// M rebuilt from `govseal export dsse` (payloadType and the JCS body), independently of govseal's PAE code.
        func message() throws -> [UInt8] {
            let r = try run(["export", "dsse", "b.json", "--out", "b.dsse.json", "--force"])
            #expect(r.status == 0, "\(r.stderr)")
            let envelope = try JSONReader.parse(try read("b.dsse.json")).objectValue!
            let type = envelope["payloadType"]!.stringValue!
            let payload = try Base64.decode(envelope["payload"]!.stringValue!)
            return Array("DSSEv1 \(type.utf8.count) \(type) \(payload.count) ".utf8) + payload
        }
    }

    @Test("wallet-text prints W = \"govseal <type> <proposal id>\"")
    func walletText() throws {
        let w = try Workspace()
        let r = try w.run(["wallet-text", "b.json"])
        #expect(r.status == 0)
        let proposal = "sha256:" + Hex.encode(Digest.sha256(try JSONReader.parse(try w.read("b.json")).objectValue!["body"]
            .map { CanonicalJSON.encode($0) } ?? []))
        #expect(r.stdout == "govseal blessing \(proposal)\n")
        #expect(try w.run(["wallet-text", "missing.json"]).status == 2)
    }

    @Test("sign --ssh-key signs through ssh-keygen; ssh-keygen -Y verify accepts it over M; verify passes")
    func sshKey() throws {
        let w = try Workspace()
        try Tool.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "dev", "-f", w.path + "/id"])
        let r = try w.run(["sign", "b.json", "--ssh-key", "id"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("sshsig") || r.stdout.contains("sshsig"))
        let entry = try #require(JSONReader.parse(try w.read("b.json")).objectValue!["signatures"]!.arrayValue!.first!.objectValue)
        #expect(entry["alg"]?.stringValue == "sshsig")
        let blob = try Hex.decode(entry["sig"]!.stringValue!)
        try w.folder.file("m.sig", Array("-----BEGIN SSH SIGNATURE-----\n\(Base64.encode(blob))\n-----END SSH SIGNATURE-----\n".utf8))
        let publicLine = String(decoding: try w.read("id.pub"), as: UTF8.self)
        try w.folder.file("allowed", Array("dev \(publicLine)".utf8))
        let message = try w.message()
        let oracle = try Tool.run("ssh-keygen", ["-Y", "verify", "-f", w.path + "/allowed", "-I", "dev", "-n", "govseal",
                                                "-s", w.path + "/m.sig"], input: message)
        #expect(oracle.status == 0, "\(oracle.stderr)")
        let verified = try w.run(["verify", "b.json"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        // Signing again with the same key is refused, and the file is unchanged.
        let before = try w.read("b.json")
        #expect(try w.run(["sign", "b.json", "--ssh-key", "id.pub"]).status == 2)
        #expect(try w.read("b.json") == before)
    }

    @Test("sign --alg for each wallet alg with --key; verify passes and counts one key once",
          arguments: [("adr036-secp256k1", "ecdsa-secp256k1"), ("eip191-secp256k1", "ecdsa-secp256k1"), ("nep413-ed25519", "ed25519")])
    func walletAlgs(_ alg: String, _ keyAlg: String) throws {
        let w = try Workspace()
        #expect(try w.run(["keygen", "--alg", keyAlg, "--out", "k.pem"]).status == 0)
        var r = try w.run(["sign", "b.json", "--key", "k.pem", "--alg", alg])
        #expect(r.status == 0, "\(r.stderr)")
        r = try w.run(["sign", "b.json", "--key", "k.pem"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try w.run(["verify", "b.json"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("duplicate of #1"))
        #expect(r.stdout.contains("1 valid, distinct keys") || r.stdout.contains("signatures: 1 valid"))
    }

    @Test("sign --add-signature takes an EIP-191 signature as wallets print it (hex 0x, v 27/28 or 0/1, base64) after verifying it")
    func addSignature() throws {
        let w = try Workspace()
        let text = try w.walletText()
        let key = try PrivateKey.generate(.secp256k1)
        let publicKey = try key.publicKey(for: .eip191Secp256k1)
        let signature = try key.signature(for: SigningInput(message: [], walletText: text), algorithm: .eip191Secp256k1)
        var zeroBased = signature
        zeroBased[64] -= 27
        let forms = ["0x" + Hex.encode(signature), Base64.encode(zeroBased)]
        for (index, form) in forms.enumerated() {
            let before = try w.read("b.json")
            let r = try w.run(["sign", "b.json", "--add-signature", "eip191-secp256k1:0x\(Hex.encode(publicKey.rawRepresentation)):\(form)"])
            if index == 0 {
                #expect(r.status == 0, "\(r.stderr)")
            } else {
                #expect(r.status == 2)  // the same key twice is refused; the file is unchanged
                #expect(try w.read("b.json") == before)
            }
        }
        #expect(try w.run(["verify", "b.json"]).status == 0)
        // A signature over another text, a wrong v, or garbage: refused, one line, the file unchanged.
        let other = try PrivateKey.generate(.secp256k1)
        let otherKey = Hex.encode(try other.publicKey(for: .eip191Secp256k1).rawRepresentation)
        let wrong = try other.signature(for: SigningInput(message: [], walletText: text + " "), algorithm: .eip191Secp256k1)
        var badV = try other.signature(for: SigningInput(message: [], walletText: text), algorithm: .eip191Secp256k1)
        badV[64] = 29
        let before = try w.read("b.json")
        for bad in ["eip191-secp256k1:\(otherKey):\(Hex.encode(wrong))", "eip191-secp256k1:\(otherKey):\(Hex.encode(badV))",
                    "eip191-secp256k1:\(otherKey):zz", "nope:\(otherKey):00", "eip191-secp256k1"] {
            let r = try w.run(["sign", "b.json", "--add-signature", bad])
            #expect(r.status == 2, "\(bad): \(r.stderr)")
            #expect(r.stderrLines.count == 1, "\(r.stderr)")
            #expect(try w.read("b.json") == before)
        }
    }

    @Test("sign --add-signature takes a NEAR wallet's nep413 signature with an ed25519:<base58> key")
    func addNEP413() throws {
        let w = try Workspace(chain: "near:mainnet")
        let text = try w.walletText()
        let key = try PrivateKey.generate(.ed25519)
        let publicKey = try key.publicKey(for: .nep413Ed25519)
        let signature = try key.signature(for: SigningInput(message: [], walletText: text), algorithm: .nep413Ed25519)
        let r = try w.run(["sign", "b.json", "--add-signature",
                           "nep413-ed25519:ed25519:\(Base58.encode(publicKey.rawRepresentation)):\(Base64.encode(signature))"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try w.run(["verify", "b.json"]).status == 0)
    }

    @Test("an Ethereum keystore signs with --passphrase-file; a wrong passphrase is one line, exit 2, nothing secret")
    func keystore() throws {
        let w = try Workspace()
        try w.folder.file("keystore.json", Array(KeystoreVectors.gethVeryLightScrypt.utf8))
        try w.folder.file("pass", [])
        try w.folder.file("wrong", Array("not it\n".utf8))
        var r = try w.run(["key", "show", "keystore.json", "--passphrase-file", "pass", "--alg", "eip191-secp256k1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("format: keystore"))
        r = try w.run(["sign", "b.json", "--key", "keystore.json", "--passphrase-file", "wrong", "--alg", "eip191-secp256k1"])
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1 && r.stderr.contains("MAC"))
        r = try w.run(["sign", "b.json", "--key", "keystore.json", "--alg", "eip191-secp256k1"])
        #expect(r.status == 2 && r.stderr.contains("--passphrase-file"))
        r = try w.run(["sign", "b.json", "--key", "keystore.json", "--passphrase-file", "pass", "--alg", "eip191-secp256k1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try w.run(["verify", "b.json"]).status == 0)
    }

    @Test("usage: exactly one signing mode; --alg with --ssh-key or --add-signature is a usage error")
    func usage() throws {
        let w = try Workspace()
        #expect(try w.run(["sign", "b.json"]).status == 64)
        #expect(try w.run(["sign", "b.json", "--key", "k", "--ssh-key", "id"]).status == 64)
        #expect(try w.run(["sign", "b.json", "--ssh-key", "id", "--alg", "ed25519"]).status == 64)
        #expect(try w.run(["sign", "b.json", "--add-signature", "x:y:z", "--passphrase-file", "p"]).status == 64)
    }

}

/// Real tools (ssh-keygen, ssh-agent) as oracles.
enum Tool {
    struct Result {
        let status: Int32
        let stdoutText: String
        let stderr: String
    }

    @discardableResult
    static func run(_ name: String, _ arguments: [String], input: [UInt8] = [], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdoutText: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }
}
