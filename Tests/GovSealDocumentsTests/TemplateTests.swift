import Foundation
import GovSealCrypto
import GovSealDocuments
import Testing

/// Each template in templates/, with its placeholders filled, is a valid document.
@Suite("Templates")
struct TemplateTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates")

    static func values() throws -> [String: String] {
        let k1 = try PrivateKey.generate(.ed25519).publicKey(for: .ed25519)
        let k2 = try PrivateKey.generate(.secp256k1).publicKey(for: .ecdsaSecp256k1)
        let hex = { (n: Int) in String(repeating: "3c", count: n) }
        let s: (String) -> String = { "\"\($0)\"" }
        return [
            "CHAIN": s("cosmos:agoric-3"), "TITLE": s("Upgrade 17"), "SUMMARY": s("Fixes a consensus bug"),
            "PROPOSER": s("Example Foundation"), "VERSION": s("v17.0.1"), "REPOSITORY_URL": s("https://example.org/node.git"),
            "COMMIT": s(hex(20)), "TREE": s(hex(20)), "ARTIFACT_NAME": s("node-linux-amd64"), "ARTIFACT_SIZE": "123456",
            "ARTIFACT_SHA256": s(hex(32)), "REBUILT_SHA256": s(hex(32)), "ARTIFACT_URL": s("https://example.org/node-linux-amd64"),
            "BUILD_COMMAND": s("make dist"), "BUILD_ENVIRONMENT": s("docker.io/library/golang@sha256:" + hex(32)),
            "OUTPUT_PATH": s("dist/node-linux-amd64"), "EMBARGO_REASON": s("security fix"), "QUIET_PERIOD_DAYS": "10",
            "CREATED": s("2026-11-21T12:00:00Z"), "EXPIRES": s("2027-11-21T12:00:00Z"), "GROUP": s("security-response"),
            "VALIDATOR_ADDRESS": s("agoricvaloper1jhq436vwnxxzfqrvenk00ycnrpdzs8kdctt00m"), "VALIDATOR_ALG": s("ed25519"), "VALIDATOR_PUBLIC_KEY": s(hex(32)),
            "MATRIX_ID": s("@ops:example.org"), "EMAIL": s("ops@example.org"), "STATEMENT": s("We run 3 sentries."),
            "PROPOSAL_ID": s("sha256:" + hex(32)), "ROLLOUT_COMPLETED": s("2026-11-23T12:00:00Z"), "DISCLOSED": s("2026-12-04T12:00:00Z"),
            "ADVISORY": s("https://example.org/advisories/1"), "BUILDER": s("Rebuilder A"), "FINISHED": s("2026-12-04T15:00:00Z"),
            "POLICY_NAME": s("upgrades"), "POLICY_VERSION": "1", "KEYID_1": s(k1.keyID), "ALG_1": s("ed25519"),
            "PUBLIC_KEY_1": s(k1.rawRepresentation.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()),
            "LABEL_1": s("foundation"), "KEYID_2": s(k2.keyID), "ALG_2": s("ecdsa-secp256k1"),
            "PUBLIC_KEY_2": s(k2.rawRepresentation.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()),
            "LABEL_2": s("rebuilder"), "PROPOSER_THRESHOLD": "1", "REBUILDER_THRESHOLD": "1", "ROOT_THRESHOLD": "1",
            "EMBARGO_REBUILDER_THRESHOLD": "1", "AGE_RECIPIENT": s("age12p9dxd7aalzj5wv3ddrsdjn69xgarcchf60q3j4c833u4fc75qhsyzncp3"),
        ]
    }

    @Test(arguments: DocumentType.allCases)
    func filledTemplateValidates(_ type: DocumentType) throws {
        var text = try String(contentsOf: Self.root.appendingPathComponent("\(type.rawValue).json"), encoding: .utf8)
        for (name, value) in try Self.values() {
            text = text.replacingOccurrences(of: "\"{{\(name)}}\"", with: value)
        }
        #expect(!text.contains("{{"), "a placeholder has no test value")
        let document = try Document(bytes: Array(text.utf8))
        #expect(document.type == type)
        let body = try DocumentBody(document)
        #expect(body.warnings.isEmpty, "the template uses a member govseal does not know: \(body.warnings)")
    }

    @Test(arguments: DocumentType.allCases)
    func everyTemplateFieldIsExplained(_ type: DocumentType) throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let text = try String(contentsOf: Self.root.appendingPathComponent("\(type.rawValue).json"), encoding: .utf8)
        let names = text.matches(of: /"([a-z_A-Z]+)":/).map { String($0.1) }
        for name in Set(names) where !["govseal", "type", "body", "signatures"].contains(name) {
            #expect(readme.contains("`\(name)") || readme.contains(".\(name)`") || readme.contains(".\(name).") || readme.contains(".\(name)[") || readme.contains("`\(name)`"),
                    "templates/README.md does not explain '\(name)'")
        }
    }
}
