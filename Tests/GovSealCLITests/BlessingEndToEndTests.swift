import Foundation
import Testing

/// The foundation's job and the voter's check through the binary (issue 4): a real git
/// repository, an artifact, a blessing signed by two keys of two algorithms, a 2-of-3 policy;
/// then each way it can fail, reported with exit 1 and the check named.
@Suite("Blessings end to end")
struct BlessingEndToEndTests {
    final class World {
        let scratch: CLIScratchFolder
        let repo: String
        let artifacts: String
        var root: String { scratch.path }

        init() throws {
            scratch = try CLIScratchFolder()
            repo = scratch.path + "/node"
            artifacts = scratch.path + "/downloads"
            try FileManager.default.createDirectory(atPath: repo + "/src", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
            try "int main(void) { return 0; }\n".write(toFile: repo + "/src/main.c", atomically: true, encoding: .utf8)
            try Self.git(["init", "-q", "-b", "main"], in: repo)
            try Self.git(["add", "-A"], in: repo)
            try Self.git(["commit", "-q", "-m", "v1.0.0"], in: repo)
            try Self.git(["tag", "v1.0.0"], in: repo)
            try Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: artifacts + "/node-linux-amd64"))
        }

        static func git(_ arguments: [String], in directory: String) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            p.arguments = ["-c", "user.name=Test", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"] + arguments
            p.currentDirectoryURL = URL(fileURLWithPath: directory)
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            guard p.terminationStatus == 0 else { throw CLIRunner.CommandFailed(description: "git \(arguments) failed") }
        }

        func govseal(_ arguments: [String]) throws -> CLIResult { try CLIRunner.run(arguments, in: root) }
    }

    /// Keys a (ed25519), b (ecdsa-secp256k1), c (ed25519); policy proposer 2 of 3; a blessing signed by a and b.
    func makeSignedBlessing(policyExpires: String = "2099-01-01T00:00:00Z") throws -> World {
        let w = try World()
        for (name, alg) in [("a", "ed25519"), ("b", "ecdsa-secp256k1"), ("c", "ed25519")] {
            let r = try w.govseal(["keygen", "--alg", alg, "--out", "\(name).pem"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        var r = try w.govseal(["new", "policy", "--name", "test", "--expires", policyExpires,
                               "--key", "proposer:a=a.pem", "--key", "proposer:b=b.pem", "--key", "proposer:c=c.pem",
                               "--threshold", "proposer=2", "--out", "policy.json"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try w.govseal(["new", "blessing", "--chain", "cosmos:agoric-3", "--title", "v1.0.0", "--summary", "release",
                           "--repository", "https://example.org/node.git", "--repo", w.repo, "--commit", "v1.0.0",
                           "--artifact", w.artifacts + "/node-linux-amd64", "--sha512",
                           "--url", "node-linux-amd64=https://example.org/node-linux-amd64", "--out", "blessing.json"])
        #expect(r.status == 0, "\(r.stderr)")
        for key in ["a.pem", "b.pem"] {
            r = try w.govseal(["sign", "blessing.json", "--key", key])
            #expect(r.status == 0, "\(r.stderr)")
        }
        return w
    }

    func verify(_ w: World, _ extra: [String] = []) throws -> CLIResult {
        try w.govseal(["verify", "blessing.json", "--policy", "policy.json", "--artifacts", w.artifacts, "--source", w.repo] + extra)
    }

    @Test func aGoodBlessingPassesEveryCheck() throws {
        let w = try makeSignedBlessing()
        let r = try verify(w)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        for check in ["signatures", "policy", "threshold", "artifact node-linux-amd64", "source commit", "source tree"] {
            #expect(r.stdout.contains("[ok] \(check):"), "\(check) not reported")
        }
        #expect(r.stdout.contains("2 valid of 2 required"))
        // The commit ref was resolved through git to the full id and the tree recorded.
        let json = try String(contentsOfFile: w.root + "/blessing.json", encoding: .utf8)
        #expect(json.contains("\"tree\""))
        #expect(json.contains("\"sha512\""))
    }

    @Test func oneFlippedByteOfTheArtifactFails() throws {
        let w = try makeSignedBlessing()
        let path = w.artifacts + "/node-linux-amd64"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        let r = try verify(w)
        #expect(r.status == 1)
        #expect(r.stdout.contains("[FAIL] artifact node-linux-amd64: sha256"))
    }

    @Test func aMissingOrOversizedArtifactIsNamed() throws {
        let w = try makeSignedBlessing()
        let path = w.artifacts + "/node-linux-amd64"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()
        var r = try verify(w)
        #expect(r.status == 1)
        #expect(r.stdout.contains("[FAIL] artifact node-linux-amd64: size 70001, expected 70000"))
        try FileManager.default.removeItem(atPath: path)
        r = try verify(w)
        #expect(r.status == 1)
        #expect(r.stdout.contains("[FAIL] artifact node-linux-amd64: missing"))
    }

    @Test func droppingOneSignatureMissesTheThreshold() throws {
        let w = try makeSignedBlessing()
        let path = w.root + "/blessing.json"
        var document = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let signatures = try #require(document["signatures"] as? [Any])
        document["signatures"] = Array(signatures.prefix(1))
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        let r = try verify(w)
        #expect(r.status == 1)
        #expect(r.stdout.contains("[FAIL] threshold: 1 valid of 2 required"))
    }

    @Test func aRepositoryWithoutTheCommitFails() throws {
        let w = try makeSignedBlessing()
        let other = w.root + "/other"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        try "x\n".write(toFile: other + "/x", atomically: true, encoding: .utf8)
        try World.git(["init", "-q"], in: other)
        try World.git(["add", "-A"], in: other)
        try World.git(["commit", "-q", "-m", "unrelated"], in: other)
        let r = try w.govseal(["verify", "blessing.json", "--policy", "policy.json", "--source", other])
        #expect(r.status == 1)
        #expect(r.stdout.contains("[FAIL] source commit:"))
    }

    @Test func anExpiredPolicyFails() throws {
        let w = try makeSignedBlessing(policyExpires: "2026-01-01T00:00:00Z")
        let r = try verify(w)
        #expect(r.status == 1)
        #expect(r.stdout.contains("[FAIL] policy:"))
        #expect(r.stdout.contains("expired"))
    }

    @Test func aSignatureOutsideThePolicyDoesNotCount() throws {
        let w = try makeSignedBlessing()
        _ = try w.govseal(["keygen", "--alg", "bip340", "--out", "outsider.pem"])
        var r = try w.govseal(["sign", "blessing.json", "--key", "outsider.pem", "--alg", "bip340"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try verify(w)
        #expect(r.status == 0)
        #expect(r.stdout.contains("not counted, outside the role"))
        // The same key cannot sign twice.
        r = try w.govseal(["sign", "blessing.json", "--key", "a.pem"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("already signed"))
    }

    @Test func dsseEnvelopeGivesTheSameVerdict() throws {
        let w = try makeSignedBlessing()
        let exported = try w.govseal(["export", "dsse", "blessing.json", "--out", "blessing.dsse.json"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let r = try w.govseal(["verify", "blessing.dsse.json", "--policy", "policy.json", "--artifacts", w.artifacts])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("[ok] threshold: 2 valid of 2 required"))
    }
}
