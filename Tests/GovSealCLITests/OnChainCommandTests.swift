import Foundation
import Testing

/// `govseal verify BLESSING --onchain FILE` and `status` with a folder's `onchain.json`, through
/// the binary: the foundation exports its blessing, the chain holds the proposal, the voter saves
/// what the chain prints and checks it. An attacker's edits of the saved proposal give exit 1 and
/// the named check; a malformed file gives exit 2 and one line naming it; nothing is written.
@Suite("verify --onchain end to end")
struct OnChainCommandTests {
    final class World {
        let scratch: CLIScratchFolder
        var root: String { scratch.path }
        /// The proposal as `q gov proposal ID -o json` prints it on SDK v0.50 (text, to edit).
        var onChain = ""

        init() throws {
            scratch = try CLIScratchFolder()
            try scratch.file("gaiad", Array("amd64 binary".utf8), mode: 0o644)
            for arguments in [
                ["keygen", "--alg", "ed25519", "--out", "k.pem"],
                ["new", "blessing", "--chain", "cosmos:cosmoshub-4", "--title", "Gaia v15", "--summary", "Security release",
                 "--repository", "https://github.com/cosmos/gaia", "--commit", "0123456789abcdef0123456789abcdef01234567",
                 "--artifact", "gaiad", "--url", "gaiad=https://example.org/gaiad", "--out", "blessing.json"],
                ["sign", "blessing.json", "--key", "k.pem"],
                ["export", "cosmos", "blessing.json", "--height", "100", "--deposit", "1uatom", "--platform", "gaiad=linux/amd64",
                 "--plan-name", "v15", "--out", "submitted.json"],
            ] {
                let r = try govseal(arguments)
                guard r.status == 0 else { throw CLIRunner.CommandFailed(description: "\(arguments): \(r.stderr)") }
            }
            // What the chain prints back: the submitted messages, title, summary and metadata, with its own id and status.
            let submitted = try String(contentsOfFile: root + "/submitted.json", encoding: .utf8)
            let body = submitted.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst()
            onChain = #"{"proposal": {"id": "912", "status": "PROPOSAL_STATUS_VOTING_PERIOD", "#
                + #""voting_start_time": "2026-11-20T10:00:00.123Z", "voting_end_time": "2026-11-25T10:00:00.123Z","# + body + "}\n"
            try write("onchain.json", onChain)
        }

        func write(_ name: String, _ text: String) throws {
            try scratch.file(name, Array(text.utf8), mode: 0o644)
        }

        func govseal(_ arguments: [String]) throws -> CLIResult { try CLIRunner.run(arguments, in: root) }

        func verify(_ onChain: String, _ extra: [String] = []) throws -> CLIResult {
            try write("saved.json", onChain)
            return try govseal(["verify", "blessing.json", "--onchain", "saved.json"] + extra)
        }
    }

    static let options = ["--plan-name", "v15", "--height", "100", "--platform", "gaiad=linux/amd64"]

    @Test("the exported proposal as the chain holds it: every onchain check passes, status and window shown")
    func matches() throws {
        let w = try World()
        let r = try w.verify(w.onChain, Self.options)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        for check in ["onchain status", "onchain chain", "onchain proposal id", "onchain message", "onchain authority",
                      "onchain plan.name", "onchain plan.height", "onchain plan.info", "onchain binary linux/amd64"] {
            #expect(r.stdout.contains("[ok] \(check):"), "\(check) not reported")
        }
        #expect(r.stdout.contains("proposal 912: PROPOSAL_STATUS_VOTING_PERIOD (voting)"))
        #expect(r.stdout.contains("voting ends 2026-11-25T10:00:00.123Z"))
    }

    @Test("--json carries every onchain check")
    func json() throws {
        let w = try World()
        let r = try w.verify(w.onChain, Self.options + ["--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(r.stdoutBytes)) as? [String: Any]
        let documents = try #require(report?["documents"] as? [[String: Any]])
        let names = (documents.first?["checks"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.filter { $0.hasPrefix("onchain ") }.count == 9)
    }

    /// The attacker's edits of what the chain holds, and the check each must fail.
    static let attacks: [(what: String, old: String, new: String, failing: String)] = [
        ("another binary digest", "checksum=sha256:acda", "checksum=sha256:bcda", "onchain binary linux/amd64"),
        ("another height", #""height": "100""#, #""height": "101""#, "onchain plan.height"),
        ("another plan name", #""name": "v15""#, #""name": "v16""#, "onchain plan.name"),
        ("another authority", "cosmos10d07y265gmmuvt4z0w9aw880jnsr700j6zn9kn", "cosmos1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v5",
         "onchain authority"),
        ("a second platform", #"\"linux/amd64\":"#, #"\"linux/arm64\":\"https://evil.example/x?checksum=sha256:00\",\"linux/amd64\":"#,
         "onchain binary linux/arm64"),
        ("another proposal id in the metadata", #""metadata": "sha256:"#,
         #""metadata": "sha256:"# + String(repeating: "e", count: 64) + #"", "x_submitted": ""#, "onchain proposal id"),
    ]

    @Test("each attack on the saved proposal: exit 1 and the named check", arguments: attacks.indices)
    func attack(index: Int) throws {
        let attack = Self.attacks[index]
        let w = try World()
        #expect(w.onChain.contains(attack.old))
        let r = try w.verify(w.onChain.replacingOccurrences(of: attack.old, with: attack.new), Self.options)
        #expect(r.status == 1, "\(attack.what): \(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("[FAIL] \(attack.failing):"), "\(attack.what): \(r.stdout)")
    }

    @Test("text from the chain is escaped: a plan name or URL cannot draw on the terminal")
    func escaped() throws {
        let w = try World()
        let name = w.onChain.replacingOccurrences(of: #""name": "v15""#, with: #""name": "v15\u001b[2J\u001b[32m[ok]\u0007""#)
        var r = try w.verify(name, Self.options)
        #expect(r.status == 1 && r.stdout.contains("[FAIL] onchain plan.name:"), "\(r.stdout)")
        #expect(!r.stdoutBytes.contains(0x1b) && !r.stdoutBytes.contains(0x07))
        let url = w.onChain.replacingOccurrences(of: "https://example.org/gaiad?", with: #"https://example.org/\\u001b[2Jgaiad?"#)
        r = try w.verify(url, Self.options + ["--json"])
        #expect(r.status == 1)
        r = try w.verify(url, Self.options)
        #expect(r.status == 1 && r.stdout.contains("[FAIL] onchain binary linux/amd64:"), "\(r.stdout)")
        #expect(!r.stdoutBytes.contains(0x1b) && !r.stderr.utf8.contains(0x1b))
    }

    @Test("malformed or unknown shapes: exit 2, one line naming the file and the JSON path", arguments: [
        ("{", "saved.json"),
        (#"{"proposal": {"id": "1", "status": "PROPOSAL_STATUS_PASSED", "messages": [{"plan": {}}]}}"#, "proposal.messages[0].@type"),
        (#"{"proposal_id": "5", "content": {}}"#, "content"),
        (#"{"proposal_id": 5, "action": "ReviseElectedGuestosVersions", "status": "OPEN", "payload": {"release_package_urls": 5}}"#,
         "payload.release_package_urls"),
    ])
    func malformed(input: String, place: String) throws {
        let w = try World()
        let before = try Data(contentsOf: URL(fileURLWithPath: w.root + "/blessing.json"))
        let r = try w.verify(input)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderrLines.count == 1 && r.stderr.contains("saved.json") && r.stderr.contains(place), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: w.root + "/blessing.json")) == before)
    }

    @Test("usage: the options without --onchain, a bad --platform, --onchain with no blessing: exit 64, one line")
    func usage() throws {
        let w = try World()
        _ = try w.govseal(["keygen", "--alg", "ecdsa-secp256k1", "--out", "v.pem"])
        let n = try w.govseal(["nominate", "--chain", "cosmos:cosmoshub-4", "--key", "v.pem", "--group", "g",
                               "--contact", "email=v@example.org", "--out", "nomination.json"])
        #expect(n.status == 0, "\(n.stderr)")
        for arguments in [["verify", "blessing.json", "--height", "100"],
                          ["verify", "blessing.json", "--onchain", "onchain.json", "--platform", "gaiad=Linux/AMD64"],
                          ["verify", "nomination.json", "--onchain", "onchain.json"]] {
            let r = try w.govseal(arguments)
            #expect(r.status == 64, "\(arguments): \(r.status) \(r.stderr)")
            #expect(r.stderrLines.count == 1, "\(arguments): \(r.stderr)")
        }
    }

    @Test("status compares a blessing with the onchain.json in its folder, shows status and window, fails on a difference")
    func status() throws {
        let w = try World()
        try FileManager.default.createDirectory(atPath: w.root + "/registry/gaia-v15", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: w.root + "/blessing.json", toPath: w.root + "/registry/gaia-v15/blessing.json")
        try w.write("registry/gaia-v15/onchain.json", w.onChain)
        var r = try w.govseal(["status", "registry"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("on chain: proposal 912: PROPOSAL_STATUS_VOTING_PERIOD (voting)"), "\(r.stdout)")
        try w.write("registry/gaia-v15/onchain.json", w.onChain.replacingOccurrences(of: "checksum=sha256:acda", with: "checksum=sha256:bcda"))
        r = try w.govseal(["status", "registry"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("failed onchain binary linux/amd64"), "\(r.stdout)")
        try w.write("registry/gaia-v15/onchain.json", "[]")
        r = try w.govseal(["status", "registry"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("registry/gaia-v15/onchain.json") && r.stderr.contains("top level"), "\(r.stderr)")
    }
}
