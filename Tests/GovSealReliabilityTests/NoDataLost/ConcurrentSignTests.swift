import Foundation
import Testing

/// Eight `govseal sign` processes on one document at once: the file lock and the atomic
/// replace must keep every signature.
@Suite("No data lost: concurrent signers", .serialized)
struct ConcurrentSignTests {
    @Test("8 signers at once leave one valid document with 8 distinct signatures", arguments: 1...3)
    func eightSigners(round: Int) throws {
        let world = try World.get()
        let workspace = try Workspace()
        try workspace.write("doc.json", try Data(contentsOf: URL(fileURLWithPath: world.template + "/unsigned.json")).map { $0 })
        let proposal = try Documents.proposalID(of: workspace.govseal(["verify", "doc.json"]))

        let running = try world.signers.map { try Govseal.start(["sign", "doc.json", "--key", $0.key, "--alg", $0.alg], in: workspace.path) }
        let results = running.map { $0.wait(timeout: 60) }
        for result in results {
            #expect(result.status == 0 && !result.signaled, "round \(round): \(result.summary)")
        }

        let verify = try workspace.govseal(["verify", "doc.json"])
        #expect(verify.status == 0, "round \(round): \(verify.summary)")
        #expect(try Documents.proposalID(of: verify) == proposal, "signing must not change the proposal id")
        let keyIDs = try Documents.signatureKeyIDs(workspace.read("doc.json"))
        #expect(keyIDs.count == 8, "round \(round): \(keyIDs.count) signatures")
        #expect(Set(keyIDs) == Set(world.signers.map(\.keyID)), "round \(round): the signatures are the 8 signers' keys")
        #expect(try workspace.snapshot().temporaryFiles.isEmpty)
    }
}

/// Reading documents in tests with Foundation (the test target does not link the library's
/// JSON reader: these checks are independent of it).
enum Documents {
    /// The top-level object of a document, or an error naming what is wrong.
    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw SetupError("not a JSON object")
        }
        return object
    }

    /// The keyid of every signature entry, in order.
    static func signatureKeyIDs(_ bytes: [UInt8]) throws -> [String] {
        guard let signatures = try object(bytes)["signatures"] as? [[String: Any]] else { throw SetupError("no signatures array") }
        return signatures.compactMap { $0["keyid"] as? String }
    }

    /// The `proposal sha256:…` printed by `govseal verify`.
    static func proposalID(of result: RunResult) throws -> String {
        guard let line = result.stdout.split(separator: "\n").first(where: { $0.contains("proposal sha256:") }),
              let range = line.range(of: "sha256:") else {
            throw SetupError("no proposal id in: \(result.summary)")
        }
        return String(line[range.lowerBound...].prefix(71))
    }
}
