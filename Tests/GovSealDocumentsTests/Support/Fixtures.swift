import GovSealCrypto
import GovSealDocuments
import GovSealJSON

/// Builders for test documents: valid bodies as JSON text, fresh keys, signed documents.
enum Fixtures {
    static let commit = "0123456789abcdef0123456789abcdef01234567"
    static let sha256 = String(repeating: "ab", count: 32)

    /// A valid blessing body; `extra` members are spliced in before `created`.
    static func blessingBody(chain: String = "cosmos:agoric-3", extra: String = "") -> String {
        """
        {"chain": "\(chain)", "title": "Upgrade 17", "summary": "Fixes a bug", "proposer": "Example Foundation",
         "release": {"version": "v17.0.1",
                     "source": {"repository": "https://example.org/node.git", "commit": "\(commit)"},
                     "artifacts": [{"name": "node-linux-amd64", "size": 1024, "digests": {"sha256": "\(sha256)"},
                                    "urls": ["https://example.org/node-linux-amd64"]}],
                     "build": {"command": "make dist", "outputs": {"node-linux-amd64": "dist/node-linux-amd64"}}},
         "embargo": {"reason": "security fix", "quiet_period_days": 10},
         \(extra)
         "created": "2026-01-05T12:00:00Z"}
        """
    }

    static func document(type: String = "blessing", body: String, signatures: String = "[]") -> String {
        """
        {"govseal": 1, "type": "\(type)", "body": \(body), "signatures": \(signatures)}
        """
    }

    static func parse(_ text: String) throws -> Document {
        try Document(bytes: Array(text.utf8))
    }

    static func blessing(chain: String = "cosmos:agoric-3") throws -> Document {
        try parse(document(body: blessingBody(chain: chain)))
    }

    static func object(_ text: String) throws -> JSONObject {
        try JSONReader.parse(Array(text.utf8)).objectValue!
    }
}
