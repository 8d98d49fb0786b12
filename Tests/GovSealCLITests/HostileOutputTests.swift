import Foundation
import Testing

/// Documents written by an attacker must not be able to fake a verdict on a terminal, and the
/// commands that change or judge documents must not give a false green (issue 12).
@Suite("Hostile documents through the binary")
struct HostileOutputTests {
    static let sha256 = String(repeating: "ab", count: 32)
    static let commit = String(repeating: "0", count: 40)

    /// A blessing body as JSON text; `title`, `artifact` and `url` are JSON string contents
    /// (escapes such as `\u001b` allowed), `created` likewise.
    static func blessing(title: String, artifact: String = "app.bin", url: String = "https://example.org/app.bin",
                         created: String = "2026-01-01T00:00:00Z") -> String {
        """
        {"govseal": 1, "type": "blessing", "body": {"chain": "icp:mainnet", "title": "\(title)", "summary": "s",
         "proposer": "p", "release": {"source": {"repository": "https://example.org/src.git", "commit": "\(commit)"},
         "artifacts": [{"name": "\(artifact)", "size": 3, "digests": {"sha256": "\(sha256)"}, "urls": ["\(url)"]}]},
         "created": "\(created)"}, "signatures": []}
        """
    }

    static func attestation(builder: String, names: [String] = ["app.bin"]) -> String {
        let subjects = names.map { #"{"name": "\#($0)", "digest": {"sha256": "\#(sha256)"}}"# }.joined(separator: ", ")
        return """
        {"govseal": 1, "type": "attestation", "body": {"_type": "https://in-toto.io/Statement/v1",
         "subject": [\(subjects)], "predicateType": "https://govseal.dev/rebuild/v1",
         "predicate": {"proposal": "sha256:\(sha256)", "source": {"repository": "r", "commit": "\(commit)"},
                       "command": "make", "builder": "\(builder)", "finished": "2026-01-02T00:00:00Z"}}, "signatures": []}
        """
    }

    /// Bytes a terminal acts on: C0 controls but newline, DEL, and C1 controls (UTF-8 C2 80–C2 9F).
    static func controlBytes(_ bytes: [UInt8]) -> [Int] {
        var found: [Int] = []
        for (i, b) in bytes.enumerated() {
            if (b < 0x20 && b != 0x0A) || b == 0x7F { found.append(i) }
            if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { found.append(i) }
            // U+202A–U+202E, U+2066–U+2069 (bidi overrides and isolates): E2 80 AA–AE, E2 81 A6–A9.
            if b == 0xE2, i + 2 < bytes.count,
               (bytes[i + 1] == 0x80 && (0xAA...0xAE).contains(bytes[i + 2])) || (bytes[i + 1] == 0x81 && (0xA6...0xA9).contains(bytes[i + 2])) {
                found.append(i)
            }
        }
        return found
    }

    func expectClean(_ x: CLIResult, _ what: String) {
        #expect(Self.controlBytes(x.stdoutBytes).isEmpty, "\(what): stdout carries control bytes: \(x.stdout.debugDescription)")
        #expect(Self.controlBytes(Array(x.stderr.utf8)).isEmpty, "\(what): stderr carries control bytes: \(x.stderr.debugDescription)")
    }

    @Test func verifyAndStatusNeverPrintAControlCharacterFromADocument() throws {
        let s = try CLIScratchFolder()
        try FileManager.default.createDirectory(atPath: s.path + "/reg", withIntermediateDirectories: true)
        let fake = #"\u001b[2K\r[ok] PASSED"#
        try s.file("reg/a.json", Array(Self.blessing(title: fake).utf8), mode: 0o644)
        try s.file("reg/b.json", Array(Self.blessing(title: #"x\u001b[1A\u001b[2K\n  PASSED\r\u202eevil\u2066"#).utf8), mode: 0o644)
        try s.file("reg/c.json", Array(Self.attestation(builder: #"b\r\u001b[2K[ok] rebuild agreement\nPASSED"#).utf8), mode: 0o644)
        var x = try CLIRunner.run(["keygen", "--alg", "ed25519", "--out", "k.pem"], in: s.path)
        #expect(x.status == 0, "\(x.stderr)")
        x = try CLIRunner.run(["sign", "reg/a.json", "--key", "k.pem"], in: s.path)
        #expect(x.status == 0, "\(x.stderr)")

        for arguments in [["verify", "reg"], ["verify", "reg/a.json", "reg/b.json"], ["status", "reg"]] {
            let r = try CLIRunner.run(arguments, in: s.path)
            #expect(r.status == 1, "\(arguments): \(r.stdout) \(r.stderr)")
            expectClean(r, arguments.joined(separator: " "))
            #expect(r.stdout.contains(#"\u{1B}[2K\r[ok] PASSED"#), "\(r.stdout)")
        }
        // The one document that verifies is the signed one; the fake "PASSED" lines never stand alone.
        let verify = try CLIRunner.run(["verify", "reg"], in: s.path)
        #expect(verify.stdout.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces) == "PASSED" }.count == 1)

        // --json stays exact JSON: the title comes back byte for byte.
        let json = try CLIRunner.run(["verify", "reg/a.json", "--json"], in: s.path)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any]
        let documents = try #require(report?["documents"] as? [[String: Any]])
        #expect(documents.first?["title"] as? String == "\u{1B}[2K\r[ok] PASSED")
    }

    /// Artifact names, URLs and times are refused when malformed; the error quotes them escaped.
    @Test(arguments: [
        (HostileOutputTests.blessing(title: "t", created: #"\u001b[2K\rPASSED"#), "body.created"),
        (HostileOutputTests.blessing(title: "t", artifact: #"app\b\b\b\b\u007fok\u009b2K"#), "body.release.artifacts[0].name"),
        (HostileOutputTests.blessing(title: "t", url: #"https://example.org/\u001b]0;pwned\u0007"#), "body.release.artifacts[0].urls[0]"),
    ])
    func anErrorQuotingADocumentIsEscaped(_ document: String, _ place: String) throws {
        let s = try CLIScratchFolder()
        try s.file("bad.json", Array(document.utf8))
        for arguments in [["verify", "bad.json"], ["status", "."], ["sign", "bad.json", "--key", "k.pem"]] {
            if arguments[0] == "sign" { _ = try CLIRunner.run(["keygen", "--alg", "ed25519", "--out", "k.pem"], in: s.path) }
            let x = try CLIRunner.run(arguments, in: s.path)
            #expect(x.status == 2, "\(x.stderr)")
            #expect(x.stderrLines.count == 1)
            #expect(x.stderr.contains(place), "\(x.stderr)")
            expectClean(x, arguments.joined(separator: " "))
        }
    }

    @Test func twoSubjectsWithOneNameAreBadInput() throws {
        let s = try CLIScratchFolder()
        try s.file("att.json", Array(Self.attestation(builder: "b", names: ["app.bin", "app.bin"]).utf8))
        let x = try CLIRunner.run(["verify", "att.json"], in: s.path)
        #expect(x.status == 2)
        #expect(x.stderrLines.count == 1)
        #expect(x.stderr.contains("body.subject[1].name"), "\(x.stderr)")
    }

    /// The permission bits of `path` (following links).
    static func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    static func signatureCount(_ path: String) throws -> Int {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        return (object?["signatures"] as? [Any])?.count ?? -1
    }

    @Test(arguments: [0o600, 0o640, 0o644])
    func signKeepsTheDocumentsMode(_ mode: Int) throws {
        let s = try CLIScratchFolder()
        let doc = try s.file("draft.json", Array(Self.blessing(title: "t").utf8), mode: mode)
        var x = try CLIRunner.run(["keygen", "--alg", "ed25519", "--out", "k.pem"], in: s.path)
        #expect(x.status == 0)
        x = try CLIRunner.run(["sign", "draft.json", "--key", "k.pem"], in: s.path)
        #expect(x.status == 0, "\(x.stderr)")
        #expect(try Self.mode(doc) == mode)
        #expect(try Self.signatureCount(doc) == 1)
    }

    @Test func signingASymbolicLinkSignsItsTargetAndKeepsTheLink() throws {
        let s = try CLIScratchFolder()
        try FileManager.default.createDirectory(atPath: s.path + "/drafts", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: s.path + "/work", withIntermediateDirectories: true)
        let target = try s.file("drafts/doc.json", Array(Self.blessing(title: "t").utf8), mode: 0o600)
        let link = s.path + "/work/doc.json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../drafts/doc.json")
        var x = try CLIRunner.run(["keygen", "--alg", "ed25519", "--out", "k.pem"], in: s.path)
        x = try CLIRunner.run(["sign", "work/doc.json", "--key", "k.pem"], in: s.path)
        #expect(x.status == 0, "\(x.stderr)")
        // The link is still the same link; its target carries the signature and kept its mode.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../drafts/doc.json")
        #expect(try Self.signatureCount(target) == 1)
        #expect(try Self.mode(target) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.path + "/work") == ["doc.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.path + "/drafts") == ["doc.json"])
        x = try CLIRunner.run(["verify", "work/doc.json"], in: s.path)
        #expect(x.status == 0, "\(x.stdout)")
    }

    @Test func signingADanglingLinkIsBadInputAndCreatesNothing() throws {
        let s = try CLIScratchFolder()
        try FileManager.default.createSymbolicLink(atPath: s.path + "/doc.json", withDestinationPath: "missing.json")
        var x = try CLIRunner.run(["keygen", "--alg", "ed25519", "--out", "k.pem"], in: s.path)
        x = try CLIRunner.run(["sign", "doc.json", "--key", "k.pem"], in: s.path)
        #expect(x.status == 2)
        #expect(x.stderrLines.count == 1)
        #expect(!FileManager.default.fileExists(atPath: s.path + "/missing.json"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: s.path + "/doc.json") == "missing.json")
    }

    @Test func aPolicySignedByAnOutsiderFailsAgainstThePinnedOne() throws {
        let s = try CLIScratchFolder()
        var x = try CLIRunner.run(["keygen", "--alg", "ed25519", "--out", "root.pem"], in: s.path)
        x = try CLIRunner.run(["keygen", "--alg", "ed25519", "--out", "attacker.pem"], in: s.path)
        for (name, key) in [("pinned.json", "root.pem"), ("next.json", "attacker.pem")] {
            x = try CLIRunner.run(["new", "policy", "--name", "p", "--expires-days", "30", "--key", "root:k=\(key)",
                                   "--threshold", "root=1", "--out", name], in: s.path)
            #expect(x.status == 0, "\(x.stderr)")
            x = try CLIRunner.run(["sign", name, "--key", key], in: s.path)
            #expect(x.status == 0, "\(x.stderr)")
        }
        for files in [["next.json"], ["."]] {
            x = try CLIRunner.run(["verify"] + files + ["--policy", "pinned.json"], in: s.path)
            #expect(x.status == 1, "\(files): \(x.stdout)")
            #expect(x.stdout.contains("[FAIL] rotation version"))
            #expect(x.stdout.contains("[FAIL] old root threshold"))
            #expect(x.stdout.contains("FAILED"))
        }
        // The pinned policy itself is the trusted version.
        x = try CLIRunner.run(["verify", "pinned.json", "--policy", "pinned.json"], in: s.path)
        #expect(x.status == 0, "\(x.stdout)")
        // Without --policy it is checked on its own signatures, as before.
        x = try CLIRunner.run(["verify", "next.json"], in: s.path)
        #expect(x.status == 0)
    }
}
