import Foundation
import Testing

/// The coordination group through the binary (issue 15): nominations carrying age recipients,
/// `group list` with every exclusion reason, `group recipients` decrypted by the real `age` tool,
/// and `new policy --key ROLE:LABEL=NOMINATION.json`. Hostile nominations are built here.
@Suite("Coordination group end to end")
struct CoordinationGroupCommandTests {
    static let ageInstalled = FileManager.default.isExecutableFile(atPath: "/usr/bin/age")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/age-keygen")

    func run(_ s: CLIScratchFolder, _ arguments: [String]) throws -> CLIResult { try CLIRunner.run(arguments, in: s.path) }

    /// Runs an external tool in the scratch folder; returns its status, stdout and stderr.
    func tool(_ s: CLIScratchFolder, _ path: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: s.path)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// A valid age recipient, printed by `age-keygen` (age 1.1.1); its identity was not kept.
    static let sampleRecipient = "age12p9dxd7aalzj5wv3ddrsdjn69xgarcchf60q3j4c833u4fc75qhsyzncp3"

    /// Makes a validator key `name.pem` and its nomination `dir/name.json` for `group`.
    @discardableResult
    func nominate(_ s: CLIScratchFolder, _ name: String, group: String = "security", recipient: String? = sampleRecipient,
                  extra: [String] = [], dir: String = "nominations") throws -> CLIResult {
        try FileManager.default.createDirectory(atPath: s.path + "/" + dir, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: s.path + "/\(name).pem") {
            let k = try run(s, ["keygen", "--alg", "ecdsa-secp256k1", "--out", "\(name).pem"])
            #expect(k.status == 0, "\(k.stderr)")
        }
        let r = try run(s, ["nominate", "--chain", "cosmos:cosmoshub-4", "--key", "\(name).pem", "--group", group,
                            "--contact", "email=\(name)@example.org", "--out", "\(dir)/\(name).json"]
                            + (recipient.map { ["--age-recipient", $0] } ?? []) + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return r
    }

    /// Rewrites the body of `dir/name.json` with `edit` and re-signs it with `name.pem` (so only
    /// the rule under test can fail), or leaves the old signature when `resign` is false.
    func rewrite(_ s: CLIScratchFolder, _ name: String, dir: String = "nominations", resign: Bool = true,
                 edit: (inout [String: Any]) -> Void) throws {
        let path = s.path + "/\(dir)/\(name).json"
        var document = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var body = try #require(document["body"] as? [String: Any])
        edit(&body)
        document["body"] = body
        if resign { document["signatures"] = [] }
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        if resign {
            let r = try run(s, ["sign", "\(dir)/\(name).json", "--key", "\(name).pem"])
            #expect(r.status == 0, "sign \(name): \(r.stderr)")
        }
    }

    @Test func aMalformedAgeRecipientIsBadInputNamingIt() throws {
        let s = try CLIScratchFolder()
        _ = try run(s, ["keygen", "--alg", "ed25519", "--out", "v.pem"])
        for bad in ["age1notarecipient", "AGE1" + Self.sampleRecipient.dropFirst(4).uppercased() + "x",
                    Self.sampleRecipient.dropLast() + "q", "cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"] {
            let r = try run(s, ["nominate", "--chain", "near:mainnet", "--key", "v.pem", "--group", "g",
                                "--contact", "email=a@b.c", "--age-recipient", String(bad), "--out", "n.json"])
            #expect(r.status == 2, "\(bad): \(r.stderr)")
            #expect(r.stderr.contains("--age-recipient"))
            #expect(!FileManager.default.fileExists(atPath: s.path + "/n.json"))
        }
    }

    @Test func aSignedMalformedRecipientIsBadInputInVerify() throws {
        let s = try CLIScratchFolder()
        try nominate(s, "v")
        // `sign` refuses a malformed body, so the signature is the one made before the change.
        try rewrite(s, "v", resign: false) { $0["recipients"] = ["age": "age1qqqq"] }
        let r = try run(s, ["verify", "nominations/v.json"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("body.recipients.age"), "\(r.stderr)")
    }

    @Test func groupListNamesEveryExclusionReason() throws {
        let s = try CLIScratchFolder()
        try nominate(s, "good")
        try nominate(s, "twice")
        try nominate(s, "forged")
        try nominate(s, "badaddress")
        try nominate(s, "expired", extra: ["--expires-days", "1"])
        try nominate(s, "othergroup", group: "treasury")
        try nominate(s, "future")
        // The same key again, older: superseded by the newer one.
        try nominate(s, "twice", dir: "old")
        try rewrite(s, "twice", dir: "old") { $0["created"] = "2026-01-01T00:00:00Z" }
        try FileManager.default.moveItem(atPath: s.path + "/old/twice.json", toPath: s.path + "/nominations/twice-old.json")
        // Changed after signing: the validator's signature no longer verifies.
        try rewrite(s, "forged", resign: false) { $0["group"] = "security"; $0["statement"] = "added later" }
        // Another well-formed valoper address than the key derives, signed by the key.
        let other = try run(s, ["nominate", "--chain", "cosmos:cosmoshub-4", "--key", "good.pem", "--group", "x",
                                "--contact", "email=x@y.z", "--out", "other.json"])
        #expect(other.status == 0)
        let otherAddress = try #require(other.stdout.split(separator: "\n").first { $0.hasPrefix("validator ") }?
            .split(separator: " ").dropFirst().first.map(String.init))
        try rewrite(s, "badaddress") { body in
            var v = body["validator"] as! [String: Any]
            v["address"] = otherAddress
            body["validator"] = v
        }
        try rewrite(s, "future") { $0["created"] = "2099-01-01T00:00:00Z" }

        let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86_400))
        let r = try run(s, ["group", "list", "nominations", "--group", "security", "--at", at, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let members = try #require(report["members"] as? [[String: Any]])
        #expect(Set(members.compactMap { ($0["file"] as? String)?.split(separator: "/").last.map(String.init) })
                == ["good.json", "twice.json"], "\(members)")
        let excluded = try #require(report["excluded"] as? [[String: Any]])
        var reasons: [String: String] = [:]
        for e in excluded {
            reasons[String((e["file"] as! String).split(separator: "/").last!)] = e["reason"] as? String
        }
        #expect(reasons == ["forged.json": "bad-signature", "badaddress.json": "address-not-derived", "expired.json": "expired",
                            "othergroup.json": "other-group", "future.json": "created-in-future", "twice-old.json": "superseded"],
                "\(excluded)")
        let text = try run(s, ["group", "list", "nominations", "--group", "security", "--at", at])
        #expect(text.stdout.contains("group 'security'"))
        #expect(text.stdout.contains("excluded"))
        #expect(text.stdout.contains("address not derived from the key"))
    }

    @Test func aMalformedNominationInTheFolderIsBadInput() throws {
        let s = try CLIScratchFolder()
        try nominate(s, "good")
        try s.file("nominations/broken.json", Array(#"{"govseal": 1, "type": "nomination", "body": {}, "signatures": []}"#.utf8))
        let r = try run(s, ["group", "list", "nominations", "--group", "security"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("broken.json"), "\(r.stderr)")
    }

    @Test func newPolicyTakesTheKeyOfAVerifiedNominationAndRefusesAForgedOne() throws {
        let s = try CLIScratchFolder()
        try nominate(s, "a")
        try nominate(s, "b")
        _ = try run(s, ["keygen", "--alg", "ed25519", "--out", "foundation.pem"])
        var r = try run(s, ["new", "policy", "--name", "g", "--expires-days", "30", "--key", "proposer:f=foundation.pem",
                            "--threshold", "proposer=1", "--key", "embargo-rebuilder:a=nominations/a.json",
                            "--key", "embargo-rebuilder:b=nominations/b.json", "--threshold", "embargo-rebuilder=2", "--out", "p.json"])
        #expect(r.status == 0, "\(r.stderr)")
        let shown = try run(s, ["key", "show", "a.pem"])
        let policy = try String(contentsOfFile: s.path + "/p.json", encoding: .utf8)
        let keyid = try #require(shown.stdout.split(separator: "\n").first { $0.contains("keyid") }?.split(separator: " ").last)
        #expect(policy.contains(String(keyid)), "\(shown.stdout)")

        try rewrite(s, "b", resign: false) { $0["statement"] = "forged" }
        r = try run(s, ["new", "policy", "--name", "g", "--expires-days", "30",
                        "--key", "embargo-rebuilder:b=nominations/b.json", "--threshold", "embargo-rebuilder=1", "--out", "q.json"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("nominations/b.json"), "\(r.stderr)")
        #expect(r.stderr.contains("does not verify"))
        #expect(!FileManager.default.fileExists(atPath: s.path + "/q.json"))
    }

    /// The real `age` tool: each admitted member decrypts with its own identity; a validator
    /// outside the policy's role (though a valid group member) cannot.
    @Test(.enabled(if: ageInstalled)) func recipientsFileEncryptsToTheAdmittedMembersOnly() throws {
        let s = try CLIScratchFolder()
        var recipients: [String: String] = [:]
        for name in ["alice", "bob", "carol"] {
            let k = try tool(s, "/usr/bin/age-keygen", ["-o", "\(name).age"])
            #expect(k.status == 0, "\(k.stderr)")
            let y = try tool(s, "/usr/bin/age-keygen", ["-y", "\(name).age"])
            recipients[name] = y.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try nominate(s, name, recipient: recipients[name])
        }
        _ = try run(s, ["keygen", "--alg", "ed25519", "--out", "foundation.pem"])
        var r = try run(s, ["new", "policy", "--name", "g", "--expires-days", "30", "--key", "proposer:f=foundation.pem",
                            "--threshold", "proposer=1", "--key", "embargo-rebuilder:alice=nominations/alice.json",
                            "--key", "embargo-rebuilder:bob=nominations/bob.json", "--threshold", "embargo-rebuilder=2", "--out", "p.json"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try run(s, ["group", "recipients", "nominations", "--group", "security", "--policy", "p.json", "--out", "group.txt"])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try String(contentsOfFile: s.path + "/group.txt", encoding: .utf8)
        #expect(file.contains(recipients["alice"]!) && file.contains(recipients["bob"]!) && !file.contains(recipients["carol"]!))
        #expect(file.split(separator: "\n").filter { $0.hasPrefix("# ") }.count == 2)

        try s.file("patch.diff", Array("the embargoed fix\n".utf8))
        let e = try tool(s, "/usr/bin/age", ["-R", "group.txt", "-o", "patch.diff.age", "patch.diff"])
        #expect(e.status == 0, "\(e.stderr)")
        for member in ["alice", "bob"] {
            let d = try tool(s, "/usr/bin/age", ["-d", "-i", "\(member).age", "patch.diff.age"])
            #expect(d.status == 0, "\(member): \(d.stderr)")
            #expect(d.stdout == "the embargoed fix\n")
        }
        let refused = try tool(s, "/usr/bin/age", ["-d", "-i", "carol.age", "patch.diff.age"])
        #expect(refused.status != 0)
        #expect(!refused.stdout.contains("embargoed"))

        // Without --policy: every member of the group.
        r = try run(s, ["group", "recipients", "nominations", "--group", "security"])
        #expect(r.status == 0)
        #expect(recipients.values.allSatisfy { r.stdout.contains($0) })
    }

    @Test func recipientsWithAPolicyWithoutTheRoleOrNoRecipientsAreRefused() throws {
        let s = try CLIScratchFolder()
        try nominate(s, "a", recipient: nil)
        var r = try run(s, ["group", "recipients", "nominations", "--group", "security"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("names no age recipient"))
        r = try run(s, ["new", "policy", "--name", "g", "--expires-days", "30", "--key", "proposer:a=a.pem",
                        "--threshold", "proposer=1", "--out", "p.json"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try run(s, ["group", "recipients", "nominations", "--group", "security", "--policy", "p.json", "--out", "g.txt"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("embargo-rebuilder"))
        #expect(!FileManager.default.fileExists(atPath: s.path + "/g.txt"))
    }
}
