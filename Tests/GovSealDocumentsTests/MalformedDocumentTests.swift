import Foundation
import GovSealDocuments
import Testing

/// One malformed document, the error code it must give, and the JSON path the message must name.
struct MalformedCase: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String
    let code: DocumentError.Code
    let path: String
    var testDescription: String { name }
}

private let sig = #"{"keyid": "\#(String(repeating: "0", count: 64))", "alg": "ed25519", "public_key": "\#(String(repeating: "1", count: 64))", "sig": "\#(String(repeating: "2", count: 128))"}"#

private func blessing(replacing old: String, with new: String) -> String {
    let body = Fixtures.blessingBody()
    precondition(body.contains(old), "fixture does not contain \(old)")
    return Fixtures.document(body: body.replacingOccurrences(of: old, with: new))
}

private let nominationBody = """
{"chain": "cosmos:cosmoshub-4", "group": "security", "validator": {"address": "cosmosvaloper1jhq436vwnxxzfqrvenk00ycnrpdzs8kdl6wv0l", "alg": "ed25519",
 "public_key": "\(String(repeating: "ab", count: 32))"}, "contact": {"matrix": "@ops:example.org"}, "created": "2026-01-05T12:00:00Z"}
"""

private let revealBody = """
{"proposal": "sha256:\(String(repeating: "cd", count: 32))", "chain": "icp:mainnet",
 "source": {"repository": "https://example.org/r.git", "commit": "\(Fixtures.commit)"},
 "rollout_completed": "2026-01-07T00:00:00Z", "disclosed": "2026-01-20T00:00:00Z"}
"""

private let policyKey = "ed25519"

let malformedCases: [MalformedCase] = [
    // JSON rules (I-JSON).
    .init(name: "not JSON", text: "govseal", code: .malformedJSON, path: ""),
    .init(name: "duplicate top-level member", text: #"{"govseal": 1, "govseal": 1, "type": "blessing", "body": {}, "signatures": []}"#, code: .malformedJSON, path: "govseal"),
    .init(name: "duplicate body member", text: blessing(replacing: #""title": "Upgrade 17","#, with: #""title": "a", "title": "b","#), code: .malformedJSON, path: "body.title"),
    .init(name: "non-integer size", text: blessing(replacing: #""size": 1024"#, with: #""size": 1024.5"#), code: .malformedJSON, path: "body.release.artifacts[0].size"),
    .init(name: "size beyond 2^53", text: blessing(replacing: #""size": 1024"#, with: #""size": 9007199254740993"#), code: .malformedJSON, path: "body.release.artifacts[0].size"),
    .init(name: "lone surrogate", text: blessing(replacing: #""title": "Upgrade 17""#, with: #""title": "\ud800""#), code: .malformedJSON, path: "body.title"),
    .init(name: "trailing data", text: Fixtures.document(body: Fixtures.blessingBody()) + "x", code: .malformedJSON, path: ""),
    .init(name: "too deep", text: blessing(replacing: #""summary": "Fixes a bug""#, with: #""summary": "x", "deep": "# + String(repeating: "[", count: 70) + String(repeating: "]", count: 70)), code: .malformedJSON, path: "body.deep[0]…"),
    // Envelope.
    .init(name: "unknown top-level member", text: #"{"govseal": 1, "type": "blessing", "body": {}, "signatures": [], "extra": 1}"#, code: .invalidDocument, path: "extra"),
    .init(name: "format version 2", text: #"{"govseal": 2, "type": "blessing", "body": {}, "signatures": []}"#, code: .invalidDocument, path: "govseal"),
    .init(name: "unknown type", text: #"{"govseal": 1, "type": "ballot", "body": {}, "signatures": []}"#, code: .invalidDocument, path: "type"),
    .init(name: "body not an object", text: #"{"govseal": 1, "type": "blessing", "body": [], "signatures": []}"#, code: .invalidDocument, path: "body"),
    .init(name: "signatures missing", text: #"{"govseal": 1, "type": "blessing", "body": {}}"#, code: .invalidDocument, path: "signatures"),
    .init(name: "signature with unknown alg", text: Fixtures.document(body: Fixtures.blessingBody(), signatures: "[" + sig.replacingOccurrences(of: #""ed25519""#, with: #""rsa""#) + "]"), code: .invalidSignatureEntry, path: "signatures[0].alg"),
    .init(name: "signature hex too short", text: Fixtures.document(body: Fixtures.blessingBody(), signatures: "[" + sig.replacingOccurrences(of: String(repeating: "2", count: 128), with: "22") + "]"), code: .invalidValue, path: "signatures[0].sig"),
    .init(name: "signature upper-case hex", text: Fixtures.document(body: Fixtures.blessingBody(), signatures: "[" + sig.replacingOccurrences(of: String(repeating: "1", count: 64), with: String(repeating: "A", count: 64)) + "]"), code: .invalidValue, path: "signatures[0].public_key"),
    .init(name: "signature extra member", text: Fixtures.document(body: Fixtures.blessingBody(), signatures: "[" + sig.dropLast() + #", "note": "x"}]"#), code: .invalidDocument, path: "signatures[0].note"),
    // Blessing bodies.
    .init(name: "missing title", text: blessing(replacing: #""title": "Upgrade 17","#, with: ""), code: .invalidDocument, path: "body.title"),
    .init(name: "title not a string", text: blessing(replacing: #""title": "Upgrade 17""#, with: #""title": 17"#), code: .invalidDocument, path: "body.title"),
    .init(name: "bad CAIP-2 namespace", text: blessing(replacing: #""chain": "cosmos:agoric-3""#, with: #""chain": "Cosmos:agoric-3""#), code: .invalidValue, path: "body.chain"),
    .init(name: "CAIP-2 without reference", text: blessing(replacing: #""chain": "cosmos:agoric-3""#, with: #""chain": "cosmos""#), code: .invalidValue, path: "body.chain"),
    .init(name: "commit of 39 hex digits", text: blessing(replacing: Fixtures.commit, with: String(Fixtures.commit.dropLast())), code: .invalidValue, path: "body.release.source.commit"),
    .init(name: "commit with upper case", text: blessing(replacing: Fixtures.commit, with: Fixtures.commit.uppercased()), code: .invalidValue, path: "body.release.source.commit"),
    .init(name: "sha256 not hex", text: blessing(replacing: Fixtures.sha256, with: String(repeating: "zz", count: 32)), code: .invalidValue, path: "body.release.artifacts[0].digests.sha256"),
    .init(name: "negative size", text: blessing(replacing: #""size": 1024"#, with: #""size": -1"#), code: .invalidValue, path: "body.release.artifacts[0].size"),
    .init(name: "no artifacts", text: blessing(replacing: #""artifacts": [{"#, with: #""artifacts": [], "x": [{"#), code: .invalidValue, path: "body.release.artifacts"),
    .init(name: "artifact name with a slash", text: blessing(replacing: #""name": "node-linux-amd64""#, with: #""name": "../node""#), code: .invalidValue, path: "body.release.artifacts[0].name"),
    .init(name: "output path with ..", text: blessing(replacing: #""dist/node-linux-amd64""#, with: #""../../etc/passwd""#), code: .invalidValue, path: "body.release.build.outputs[\"node-linux-amd64\"]"),
    .init(name: "absolute output path", text: blessing(replacing: #""dist/node-linux-amd64""#, with: #""/etc/passwd""#), code: .invalidValue, path: "body.release.build.outputs[\"node-linux-amd64\"]"),
    .init(name: "output for an unknown artifact", text: blessing(replacing: #"{"node-linux-amd64": "dist/node-linux-amd64"}"#, with: #"{"other": "dist/x"}"#), code: .invalidValue, path: "body.release.build.outputs.other"),
    .init(name: "time without Z", text: blessing(replacing: #""created": "2026-01-05T12:00:00Z""#, with: #""created": "2026-01-05T12:00:00+01:00""#), code: .invalidValue, path: "body.created"),
    .init(name: "time with a bad day", text: blessing(replacing: #""created": "2026-01-05T12:00:00Z""#, with: #""created": "2026-02-30T12:00:00Z""#), code: .invalidValue, path: "body.created"),
    .init(name: "time as a number", text: blessing(replacing: #""created": "2026-01-05T12:00:00Z""#, with: #""created": 1767614400"#), code: .invalidDocument, path: "body.created"),
    .init(name: "expires before created", text: blessing(replacing: #""created": "2026-01-05T12:00:00Z""#, with: #""created": "2026-01-05T12:00:00Z", "expires": "2026-01-01T00:00:00Z""#), code: .invalidValue, path: "body.expires"),
    .init(name: "quiet period not an integer", text: blessing(replacing: #""quiet_period_days": 10"#, with: #""quiet_period_days": "10""#), code: .invalidDocument, path: "body.embargo.quiet_period_days"),
    // Other bodies.
    .init(name: "nomination with unknown contact kind", text: Fixtures.document(type: "nomination", body: nominationBody.replacingOccurrences(of: "\"matrix\"", with: "\"carrier-pigeon\"")), code: .invalidValue, path: "body.contact[\"carrier-pigeon\"]"),
    .init(name: "nomination key of wrong length for alg", text: Fixtures.document(type: "nomination", body: nominationBody.replacingOccurrences(of: "\"ed25519\"", with: "\"ecdsa-secp256k1\"")), code: .invalidValue, path: "body.validator.public_key"),
    .init(name: "nomination validator key of small order (the identity)", text: Fixtures.document(type: "nomination", body: nominationBody.replacingOccurrences(of: String(repeating: "ab", count: 32), with: "01" + String(repeating: "00", count: 31))), code: .invalidValue, path: "body.validator.public_key"),
    .init(name: "signature key of small order (order 8)", text: Fixtures.document(body: Fixtures.blessingBody(), signatures: "[" + sig.replacingOccurrences(of: String(repeating: "1", count: 64), with: "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85") + "]"), code: .invalidSignatureEntry, path: "signatures[0].public_key"),
    .init(name: "signature key with y >= p (non-canonical)", text: Fixtures.document(body: Fixtures.blessingBody(), signatures: "[" + sig.replacingOccurrences(of: String(repeating: "1", count: 64), with: "f0" + String(repeating: "ff", count: 30) + "7f") + "]"), code: .invalidSignatureEntry, path: "signatures[0].public_key"),
    .init(name: "nomination address with a bad bech32 checksum", text: Fixtures.document(type: "nomination", body: nominationBody.replacingOccurrences(of: "wv0l", with: "wv0q")), code: .invalidValue, path: "body.validator.address"),
    .init(name: "reveal with a bad proposal id", text: Fixtures.document(type: "reveal", body: revealBody.replacingOccurrences(of: "sha256:", with: "sha1:")), code: .invalidValue, path: "body.proposal"),
    .init(name: "attestation with a wrong _type", text: Fixtures.document(type: "attestation", body: #"{"_type": "https://in-toto.io/Statement/v0.1"}"#), code: .invalidValue, path: "body._type"),
    .init(name: "policy with a version of 0", text: Fixtures.document(type: "policy", body: #"{"name": "p", "version": 0, "expires": "2030-01-01T00:00:00Z", "keys": {}, "roles": {}}"#), code: .invalidValue, path: "body.version"),
]

@Suite("Malformed documents")
struct MalformedDocumentTests {
    @Test(arguments: malformedCases)
    func rejected(_ c: MalformedCase) throws {
        do {
            let document = try Document(bytes: Array(c.text.utf8))
            _ = try DocumentBody(document)
            Issue.record("accepted a malformed document")
        } catch let error as DocumentError {
            #expect(error.code == c.code, "\(error)")
            if c.path.hasSuffix("…") {
                #expect(error.path.hasPrefix(String(c.path.dropLast())), "\(error)")
            } else {
                #expect(error.path == c.path, "\(error)")
            }
            #expect(!String(describing: error).contains("\n"))
        }
    }

    @Test func atLeastThirtyCases() {
        #expect(malformedCases.count >= 30)
    }

    @Test func theFixtureItselfIsValid() throws {
        let document = try Fixtures.blessing()
        guard case .blessing(let b) = try DocumentBody(document) else { Issue.record("not a blessing"); return }
        #expect(b.artifacts.first?.size == 1024)
        #expect(b.embargo?.quietPeriodDays == 10)
    }
}
