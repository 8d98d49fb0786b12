import Foundation
import GovSealTestSupport
import GovSealCrypto
import GovSealEncoding
import Testing

/// Secret key files: written 0600 whatever the umask, refused when others can read them, and
/// never printed, in any form, by any command or error path.
@Suite("Security rules: secret keys")
struct SecretKeyTests {
    @Test("keygen writes the secret key file with mode 0600 even under umask 000",
          arguments: ["pem", "hex", "near", "cometbft"])
    func keygenMode(_ format: String) throws {
        let workspace = try Workspace()
        let binary = try Govseal.path.get()
        try Shell.run("/bin/sh", ["-c", "umask 000 && exec \"$0\" keygen --alg ed25519 --format \"$1\" --out key", binary, format],
                      in: workspace.path)
        #expect(try workspace.mode("key") == 0o600)
    }

    @Test("a secret key file readable by others is refused, naming the file and its permissions",
          arguments: [("sign", "keys/ed.pem", 0o644), ("sign", "keys/cometbft.json", 0o640), ("key show", "keys/ed.hex", 0o604),
                      ("attest", "keys/k1.pem", 0o644), ("nominate", "keys/near.json", 0o660)])
    func openPermissionsRefused(_ command: String, _ key: String, _ mode: Int) throws {
        let workspace = try Workspace(copying: try World.get().template)
        try workspace.chmod(key, mode)
        let arguments: [String] = switch command {
        case "sign": ["sign", "unsigned.json", "--key", key]
        case "key show": ["key", "show", key, "--alg", "ed25519"]
        case "attest": ["attest", "blessing.json", "--source", "repo", "--key", key, "--builder", "b", "--quiet", "--out", "a.json"]
        default: ["nominate", "--chain", "near:mainnet", "--key", key, "--group", "g", "--contact", "matrix=@a:b", "--out", "n.json"]
        }
        let before = try workspace.snapshot()
        let result = try workspace.govseal(arguments)
        #expect(result.status == 2, "\(result.summary)")
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains(key) && result.stderr.contains("permissions"), "\(result.stderr)")
        #expect(result.stderr.contains(String(mode, radix: 8)), "the message names the mode: \(result.stderr)")
        #expect(before.differences(to: try workspace.snapshot()).isEmpty)
    }

    /// The textual forms a leaked secret could take.
    static func secretForms(_ path: String, curve: KeyCurve, passphrase: [UInt8]? = nil) throws -> [String] {
        guard case .secret(let key, _) = try KeyFile.load(path: path, curve: curve, passphrase: passphrase) else {
            throw SetupError("\(path) holds no secret")
        }
        let secret = key.withSecretBytes { $0 }
        let publicKey = try key.publicKey(for: key.curve == .ed25519 ? .ed25519 : .bip340).rawRepresentation
        let extended = secret + publicKey  // NEAR and CometBFT store seed ‖ public key
        var forms = [Hex.encode(secret), Hex.encode(secret).uppercased(), Base64.encode(secret), Base58.encode(secret),
                     Base64.encode(extended), Base58.encode(extended)]
        // Any 24-character run of a PEM body (the DER around the secret is base64 there).
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        if text.contains("-----BEGIN") {
            for line in text.split(separator: "\n") where !line.hasPrefix("-----") && line.count >= 24 {
                forms.append(String(line.suffix(24)))
            }
        }
        return forms
    }

    @Test("no secret appears in any output or written document, on success or error paths")
    func secretsNeverPrinted() throws {
        let workspace = try Workspace(copying: try World.get().template)
        var runs: [RunResult] = []
        func run(_ arguments: [String]) throws { runs.append(try workspace.govseal(arguments)) }

        for format in ["pem", "hex", "near", "cometbft"] {
            try run(["keygen", "--alg", "ed25519", "--format", format, "--out", "fresh-\(format)"])
            try run(["keygen", "--alg", "ed25519", "--format", format, "--out", "fresh-\(format)"])  // exists: error path
        }
        try run(["keygen", "--alg", "bip340", "--out", "fresh-k1"])
        let keys = ["keys/ed.pem", "keys/k1.pem", "keys/ed.hex", "keys/near.json", "keys/cometbft.json",
                    "fresh-pem", "fresh-hex", "fresh-near", "fresh-cometbft", "fresh-k1"]
        for key in keys {
            let alg = key.hasSuffix("k1") || key.hasSuffix("k1.pem") ? "ecdsa-secp256k1" : "ed25519"
            try run(["key", "show", key, "--alg", alg])
            try run(["key", "show", key, "--alg", alg, "--json", "--chain", "cosmos:cosmoshub-4"])
            try run(["key", "show", key, "--alg", alg == "ed25519" ? "bip340" : "ed25519"])  // wrong curve
            try workspace.write("doc-\((key as NSString).lastPathComponent).json", try workspace.read("unsigned.json"))
            try run(["sign", "doc-\((key as NSString).lastPathComponent).json", "--key", key, "--alg", alg])
            try run(["sign", "doc-\((key as NSString).lastPathComponent).json", "--key", key, "--alg", alg])  // signed twice
            try run(["sign", "bad.json", "--key", key, "--alg", alg])  // absent document
        }
        try run(["nominate", "--chain", "cosmos:cosmoshub-4", "--key", "keys/k1.pem", "--group", "g",
                 "--contact", "email=ops@example.org", "--out", "nom.json"])
        try run(["nominate", "--chain", "near:mainnet", "--key", "keys/k1.pem", "--group", "g",
                 "--contact", "email=ops@example.org", "--out", "nom2.json"])  // wrong curve for the chain
        try run(["nominate", "--chain", "near:mainnet", "--key", "keys/near.json", "--group", "g",
                 "--contact", "email=ops@example.org", "--out", "nom3.json"])
        try run(["attest", "blessing.json", "--source", "repo", "--key", "keys/ed.pem", "--builder", "b", "--out", "att.json"])
        try run(["attest", "blessing.json", "--source", "absent", "--key", "keys/ed.pem", "--builder", "b", "--out", "att2.json"])
        try workspace.chmod("keys/ed.hex", 0o644)
        try run(["sign", "unsigned.json", "--key", "keys/ed.hex", "--alg", "ed25519"])  // permissions error path
        try workspace.chmod("keys/ed.hex", 0o600)
        try run(["verify", "nom.json", "att.json", "blessing.json", "--json"])
        try run(["export", "dsse", "att.json"])

        // Key files in the wild (issue #17) and the wallet algorithms, on success and error paths.
        try Shell.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", "wild-ssh"], in: workspace.path)
        try Shell.run("openssl", ["pkey", "-in", "keys/k1.pem", "-outform", "DER", "-out", "wild-k1.der"], in: workspace.path)
        try workspace.chmod("wild-k1.der", 0o600)
        try workspace.write("wild-0x.hex", "0x" + String(decoding: try workspace.read("keys/ed.hex"), as: UTF8.self), mode: 0o600)
        try workspace.write("wild-keystore.json", KeystoreVectors.gethVeryLightScrypt, mode: 0o600)
        try workspace.write("empty-pass", "", mode: 0o600)
        try workspace.write("wrong-pass", "wrong\n", mode: 0o600)
        let wild: [(key: String, algs: [String], extra: [String])] = [
            ("wild-ssh", ["ed25519", "sshsig", "nep413-ed25519"], []),
            ("wild-k1.der", ["eip191-secp256k1", "adr036-secp256k1"], []),
            ("wild-0x.hex", ["nep413-ed25519"], []),
            ("wild-keystore.json", ["eip191-secp256k1", "adr036-secp256k1"], ["--passphrase-file", "empty-pass"]),
        ]
        for (key, algs, extra) in wild {
            for alg in algs {
                try run(["key", "show", key, "--alg", alg, "--json"] + extra)
                try workspace.write("doc-\(key)-\(alg).json", try workspace.read("unsigned.json"))
                try run(["sign", "doc-\(key)-\(alg).json", "--key", key, "--alg", alg] + extra)
                try run(["sign", "doc-\(key)-\(alg).json", "--key", key, "--alg", alg] + extra)  // signed twice
            }
            try run(["sign", "unsigned.json", "--key", key, "--alg", algs[0], "--passphrase-file", "wrong-pass"])
        }
        try run(["sign", "unsigned.json", "--key", "wild-keystore.json", "--alg", "eip191-secp256k1"])  // no passphrase
        try workspace.write("doc-ssh-agentless.json", try workspace.read("unsigned.json"))
        try run(["sign", "doc-ssh-agentless.json", "--ssh-key", "wild-ssh"])
        try run(["verify", "doc-wild-ssh-sshsig.json", "doc-wild-k1.der-eip191-secp256k1.json", "doc-ssh-agentless.json", "--json"])

        var forms: [(key: String, form: String)] = []
        for key in keys {
            let curve: KeyCurve = key.hasSuffix("k1") || key.hasSuffix("k1.pem") ? .secp256k1 : .ed25519
            forms += try Self.secretForms(workspace.url(key), curve: curve).map { (key, $0) }
        }
        for (key, algs, extra) in wild {
            let curve: KeyCurve = algs[0].contains("secp256k1") ? .secp256k1 : .ed25519
            forms += try Self.secretForms(workspace.url(key), curve: curve, passphrase: extra.isEmpty ? nil : []).map { (key, $0) }
        }
        #expect(runs.count > 60)
        for result in runs {
            for (key, form) in forms where result.allOutput.contains(form) {
                Issue.record("a secret of \(key) appeared in the output of govseal \(result.arguments.joined(separator: " "))")
            }
        }
        for document in ["nom.json", "nom3.json", "att.json", "doc-ed.pem.json", "doc-near.json.json"] where workspace.exists(document) {
            let text = try workspace.text(document)
            for (key, form) in forms where text.contains(form) {
                Issue.record("a secret of \(key) was written into \(document)")
            }
        }
        #expect(workspace.exists("nom.json") && workspace.exists("att.json"), "the success paths ran")
    }

}
