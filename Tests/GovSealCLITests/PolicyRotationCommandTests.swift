import Foundation
import Testing

/// Policy rotation through the binary (issue 18): `new policy --previous`, `verify --policy PINNED
/// --policy-updates DIR`, `verify NEW_POLICY --policy PINNED` and `status`. The library tests
/// (GovSealDocumentsTests/PolicyRotationTests) model tuf-conformance's root rotation cases; these
/// check what a user sees: exit codes, the named check, the chain applied.
@Suite("Policy rotation commands")
struct PolicyRotationCommandTests {
    /// Keys root1, root2, prop1, prop2, outsider (ed25519); v1.json: root r1 (1 of 1), proposers p1 and
    /// p2 (1 of 2), signed by root1; updates/v2.json: root r1 and r2 (2 of 2), proposer p2 only (p1
    /// retired), signed by root1 and root2; blessings by p1 (old.json) and p2 (new.json) in reg/.
    final class World {
        let scratch: CLIScratchFolder
        var path: String { scratch.path }

        func run(_ arguments: [String]) throws -> CLIResult { try CLIRunner.run(arguments, in: path) }

        @discardableResult
        func ok(_ arguments: [String]) throws -> CLIResult {
            let r = try run(arguments)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            return r
        }

        init() throws {
            scratch = try CLIScratchFolder()
            for name in ["root1", "root2", "prop1", "prop2", "outsider"] {
                try ok(["keygen", "--alg", "ed25519", "--out", "\(name).pem"])
            }
            try FileManager.default.createDirectory(atPath: path + "/updates", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: path + "/reg", withIntermediateDirectories: true)
            try ok(["new", "policy", "--name", "upgrades", "--expires", "2099-01-01T00:00:00Z", "--key", "root:r1=root1.pem",
                    "--threshold", "root=1", "--key", "proposer:p1=prop1.pem", "--key", "proposer:p2=prop2.pem",
                    "--threshold", "proposer=1", "--out", "v1.json"])
            try ok(["sign", "v1.json", "--key", "root1.pem"])
            let next = try ok(["new", "policy", "--previous", "v1.json", "--expires", "2099-01-01T00:00:00Z",
                               "--key", "root:r1=root1.pem", "--key", "root:r2=root2.pem", "--threshold", "root=2",
                               "--key", "proposer:p2=prop2.pem", "--threshold", "proposer=1", "--out", "updates/v2.json"])
            #expect(next.stdout.contains("1 of the 1 root keys of v1 and 2 of the 2 root keys of v2"))
            for key in ["root1.pem", "root2.pem"] { try ok(["sign", "updates/v2.json", "--key", key]) }
            for (file, key) in [("reg/old.json", "prop1.pem"), ("reg/new.json", "prop2.pem")] {
                let body = #"{"chain": "cosmos:agoric-3", "title": "Upgrade 17", "summary": "Fixes a bug", "proposer": "Example Foundation", "#
                    + #""release": {"source": {"repository": "https://example.org/node.git", "commit": "0123456789abcdef0123456789abcdef01234567"}, "#
                    + #""artifacts": [{"name": "node", "size": 1, "digests": {"sha256": "\#(String(repeating: "ab", count: 32))"}}]}, "#
                    + #""created": "2026-01-05T12:00:00Z"}"#
                try scratch.file(file, Array(#"{"govseal": 1, "type": "blessing", "body": \#(body), "signatures": []}"#.utf8))
                try ok(["sign", file, "--key", key])
            }
        }

        /// The bytes of every file below the folder, to show a failed run changed nothing.
        func snapshot() throws -> [String: Data] {
            var out: [String: Data] = [:]
            for name in try FileManager.default.subpathsOfDirectory(atPath: path) {
                let p = path + "/" + name
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue { out[name] = FileManager.default.contents(atPath: p) }
            }
            return out
        }
    }

    @Test func aRetiredProposerKeyFailsOnceTheRotationIsApplied() throws {
        let w = try World()
        var r = try w.run(["verify", "reg/old.json", "--policy", "v1.json"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("[ok] policy rotation: 'upgrades' v1 applied (v1)"))
        r = try w.run(["verify", "reg/old.json", "--policy", "v1.json", "--policy-updates", "updates"])
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stdout.contains("[ok] policy rotation: 'upgrades' v2 applied (v1 → v2)"))
        #expect(r.stdout.contains("[FAIL] threshold: 0 valid of 1 required (role 'proposer')"))
        r = try w.run(["verify", "reg/new.json", "--policy", "v1.json", "--policy-updates", "updates", "--json"])
        #expect(r.status == 0, "\(r.stdout)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let policy = try #require(json["policy"] as? [String: Any])
        #expect(policy["version"] as? Int == 2)
        #expect((policy["chain"] as? [[String: Any]])?.compactMap { $0["version"] as? Int } == [1, 2])
    }

    @Test func statusShowsWhichVersionApplied() throws {
        let w = try World()
        var r = try w.run(["status", "reg", "--policy", "v1.json", "--policy-updates", "updates"])
        #expect(r.status == 1, "\(r.stdout)")  // old.json is signed only by the retired key
        #expect(r.stdout.split(separator: "\n").first == "policy: 'upgrades' v2 applied (v1 → v2)")
        #expect(r.stdout.contains("FAIL blessing"))
        try FileManager.default.removeItem(atPath: w.path + "/reg/old.json")
        // The registry may keep the policy's history in one folder: with a pinned policy, each is a version of it.
        try FileManager.default.createDirectory(atPath: w.path + "/reg/policies", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: w.path + "/v1.json", toPath: w.path + "/reg/policies/v1.json")
        try FileManager.default.copyItem(atPath: w.path + "/updates/v2.json", toPath: w.path + "/reg/policies/v2.json")
        r = try w.run(["status", "reg", "--policy", "v1.json", "--policy-updates", "updates", "--json"])
        #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((json["policy"] as? [String: Any])?["version"] as? Int == 2)
    }

    /// The attacker's first try: a v3 listing only their own root key, signed by it.
    @Test func anOutsiderSignedNextVersionIsRefusedAndTheLastValidOneApplies() throws {
        let w = try World()
        try w.ok(["new", "policy", "--previous", "updates/v2.json", "--expires", "2099-01-01T00:00:00Z", "--key", "root:o=outsider.pem",
                  "--threshold", "root=1", "--key", "proposer:o=outsider.pem", "--threshold", "proposer=1", "--out", "updates/v3.json"])
        try w.ok(["sign", "updates/v3.json", "--key", "outsider.pem"])
        var r = try w.run(["verify", "reg/new.json", "--policy", "v1.json", "--policy-updates", "updates"])
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stdout.contains("[FAIL] policy rotation: 'upgrades' v2 applied (v1 → v2); v3 (updates/v3.json) refused: old root threshold: v2: 0 valid of 2 required"))
        // The one-step check says the same.
        r = try w.run(["verify", "updates/v3.json", "--policy", "updates/v2.json"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("[FAIL] old root threshold: v2: 0 valid of 2 required"))
        #expect(r.stdout.contains("[ok] rotation version: v3 follows v2"))
    }

    @Test func theOneStepCheck() throws {
        let w = try World()
        var r = try w.run(["verify", "updates/v2.json", "--policy", "v1.json"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("[ok] old root threshold: v1: 1 valid of 1 required"))
        #expect(r.stdout.contains("[ok] new root threshold: v2: 2 valid of 2 required"))
        // A lower version against a later pinned one: rollback.
        r = try w.run(["verify", "v1.json", "--policy", "updates/v2.json"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("[FAIL] rotation version: v1 is not later than the trusted v2"))
        // Signed by the new roots only: the old root threshold is missing.
        try w.ok(["new", "policy", "--previous", "v1.json", "--expires", "2099-01-01T00:00:00Z", "--key", "root:r2=root2.pem",
                  "--threshold", "root=1", "--out", "v2b.json"])
        try w.ok(["sign", "v2b.json", "--key", "root2.pem"])
        r = try w.run(["verify", "v2b.json", "--policy", "v1.json"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("[FAIL] old root threshold: v1: 0 valid of 1 required"))
        // Two candidates for v2 in the updates folder.
        try FileManager.default.copyItem(atPath: w.path + "/v2b.json", toPath: w.path + "/updates/v2b.json")
        r = try w.run(["verify", "reg/new.json", "--policy", "v1.json", "--policy-updates", "updates"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("two candidates for v2: updates/v2.json, updates/v2b.json"))
    }

    /// test_snapshot_threshold and a threshold of 0: a malformed update is bad input naming the file and place.
    @Test(arguments: [0, 3])
    func aThresholdOutsideTheKeyCountIsBadInput(_ threshold: Int) throws {
        let w = try World()
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: w.path + "/updates/v2.json"))) as? [String: Any])
        var body = try #require(object["body"] as? [String: Any])
        var roles = try #require(body["roles"] as? [String: Any])
        var root = try #require(roles["root"] as? [String: Any])
        root["threshold"] = threshold
        roles["root"] = root
        body["roles"] = roles
        object["body"] = body
        object["signatures"] = []
        try w.scratch.file("updates/v2.json", Array(try JSONSerialization.data(withJSONObject: object)))
        let before = try w.snapshot()
        let r = try w.run(["verify", "reg/new.json", "--policy", "v1.json", "--policy-updates", "updates"])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stderrLines.count == 1)
        #expect(r.stderr.contains("updates/v2.json"))
        #expect(r.stderr.contains("threshold"))
        #expect(try w.snapshot() == before)
    }

    @Test func usageAndBadInput() throws {
        let w = try World()
        var r = try w.run(["verify", "reg/new.json", "--policy-updates", "updates"])
        #expect(r.status == 64)
        r = try w.run(["verify", "reg/new.json", "--policy", "v1.json", "--policy-updates", "reg"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("not a policy"))
        r = try w.run(["new", "policy", "--previous", "v1.json", "--version", "3", "--expires-days", "30",
                       "--key", "root:r1=root1.pem", "--threshold", "root=1", "--out", "x.json"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("the version after v1 is 2"))
        r = try w.run(["new", "policy", "--previous", "v1.json", "--name", "other", "--expires-days", "30",
                       "--key", "root:r1=root1.pem", "--threshold", "root=1", "--out", "x.json"])
        #expect(r.status == 64)
        r = try w.run(["new", "policy", "--previous", "v1.json", "--expires-days", "30",
                       "--key", "proposer:p2=prop2.pem", "--threshold", "proposer=1", "--out", "x.json"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("needs a 'root' role"))
        try w.ok(["new", "policy", "--name", "flat", "--expires-days", "30", "--key", "proposer:p=prop1.pem",
                  "--threshold", "proposer=1", "--out", "flat.json"])
        r = try w.run(["new", "policy", "--previous", "flat.json", "--expires-days", "30",
                       "--key", "root:r1=root1.pem", "--threshold", "root=1", "--out", "x.json"])
        #expect(r.status == 2)
        #expect(r.stderrLines.count == 1)
        #expect(r.stderr.contains("flat.json"))
        #expect(!FileManager.default.fileExists(atPath: w.path + "/x.json"))
    }
}
