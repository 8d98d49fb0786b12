import Foundation
import Testing

/// The repository's own registry: every signed example verifies through the binary.
@Suite("The proposals/ registry")
struct RegistryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var proposals: String { root.appendingPathComponent("proposals").path }

    @Test func verifyPassesOverEveryDocument() throws {
        let result = try CLIRunner.run(["verify", Self.proposals, "--json"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [String: Any])
        let documents = try #require(json["documents"] as? [[String: Any]])
        let types = documents.compactMap { $0["type"] as? String }
        // The demo's lifecycle and nominations on four chains.
        #expect(types.filter { $0 == "blessing" }.count >= 1)
        #expect(types.filter { $0 == "reveal" }.count >= 1)
        #expect(types.filter { $0 == "attestation" }.count >= 2)
        #expect(types.filter { $0 == "policy" }.count >= 1)
        let chains = Set(documents.compactMap { $0["type"] as? String == "nomination" ? $0["chain"] as? String : nil })
        #expect(chains.contains { $0.hasPrefix("cosmos:") } && chains.contains { $0.hasPrefix("near:") }
                && chains.contains { $0.hasPrefix("icp:") })
        #expect(documents.allSatisfy { $0["passed"] as? Bool == true })
    }

    @Test func statusAppliesTheFolderPolicyAndShowsTheTimeline() throws {
        let result = try CLIRunner.run(["status", Self.proposals])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("disclosed 2026-01-20T09:00:00Z: on time"))
        #expect(result.stdout.contains("agreeing rebuilders: 2 valid of 2 required (role 'rebuilder')"))
        #expect(result.stdout.contains("validators with valid nominations:"))
        #expect(!result.stdout.contains("FAIL"))
    }

    @Test func theRevealVerifiesAgainstBlessingPolicyAndAttestations() throws {
        let dir = Self.proposals + "/example-node-v1.4.2"
        let result = try CLIRunner.run(["verify", dir + "/reveal.json", "--proposal", dir + "/blessing.json",
                                        "--attestations", dir, "--policy", dir + "/policy.json"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        for check in ["threshold", "commit", "tree", "quiet period", "rebuilders"] {
            #expect(result.stdout.contains("[ok] \(check):"), "missing \(check)")
        }
    }

    /// A registry copy with one byte of a signed body changed fails, naming the document.
    @Test func aTamperedRegistryFails() throws {
        let scratch = try CLIScratchFolder()
        let source = Self.proposals + "/example-node-v1.4.2/blessing.json"
        var text = try String(contentsOfFile: source, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"size\": 10240", with: "\"size\": 10241")
        try scratch.file("blessing.json", Array(text.utf8), mode: 0o644)
        let result = try CLIRunner.run(["verify", scratch.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("[FAIL] signatures"))
    }
}
