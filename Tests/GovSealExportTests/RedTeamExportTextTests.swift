import GovSealCrypto
import GovSealDocuments
import GovSealExport
import Testing

/// Red-team review of issue 12's exports: text an attacker writes into a blessing or a
/// nomination must not reach voters' screens as terminal controls or reordered text through
/// `export cosmos` (the on-chain title and summary that explorers, wallets and `query gov
/// proposal` show), nor through `sha256sum -c`'s "NAME: OK" lines, nor pose as the artifact
/// lines govseal writes from the blessed values. Each hostile input is built here from scratch.
@Suite("Red team: hostile text in exports")
struct RedTeamExportTextTests {
    static let evil = String(repeating: "e", count: 64)

    /// U+009B is CSI for terminals that read C1 controls (xterm): like ESC '['.
    static let hostileLines = [
        "Gaia \u{1b}[2K\u{1b}[1AOK", "Gaia\u{9b}2K", "Gaia \u{202e}0.51v", "Gaia\u{2028}- gaiad: fake", "Gaia\u{200f}", "Gaia\u{85}",
    ]

    static func export(_ blessing: Blessing) throws -> CosmosProposal.Export {
        try CosmosProposal.export(try TestDocuments.signedBlessing(blessing, by: [.ed25519]), options: CosmosProposalTests.options())
    }

    @Test("export cosmos refuses a title that is not one plain line", arguments: hostileLines)
    func cosmosRefusesTitle(title: String) throws {
        let error = try #require(throws: ExportError.self) { try Self.export(TestDocuments.blessing(title: title)) }
        #expect(error.code == .unsafeText, "\(error)")
        #expect(error.place == "body.title", "\(error)")
    }

    @Test("export cosmos refuses a summary with controls other than newline and tab",
          arguments: ["line\u{1b}[1A\u{1b}[2K", "sha\u{8}\u{8}\u{8}", "text\r- gaiad: fake", "a\u{9b}1A", "a\u{202e}b"])
    func cosmosRefusesSummary(summary: String) throws {
        let error = try #require(throws: ExportError.self) { try Self.export(TestDocuments.blessing(summary: summary)) }
        #expect(error.code == .unsafeText, "\(error)")
        #expect(error.place == "body.summary", "\(error)")
    }

    @Test("export cosmos refuses an artifact name that is not one plain line (it is listed in the summary)")
    func cosmosRefusesArtifactName() throws {
        let a = TestDocuments.gaiadAmd64
        let hostile = Blessing.Artifact(name: "gaiad\u{202e}", size: a.size, sha256: a.sha256, urls: a.urls)
        let blessing = TestDocuments.blessing(artifacts: [hostile])
        let options = CosmosProposal.Options(height: 5, deposit: "1uatom", platforms: [(artifact: hostile.name, platform: "linux/amd64")])
        // The blessing itself is malformed (`Validate.artifactName`); the export's own check stands behind it.
        let error = try #require(throws: DocumentError.self) {
            try CosmosProposal.export(try TestDocuments.signedBlessing(blessing, by: [.ed25519]), options: options)
        }
        #expect(error.code == .invalidValue && error.path == "body.release.artifacts[0].name", "\(error)")
    }

    @Test("the proposer's summary is quoted: it cannot pose as govseal's artifact lines")
    func cosmosSummaryQuoted() throws {
        let forged = "Routine.\n\nArtifacts (SHA-256):\n- \(TestDocuments.gaiadAmd64.name): \(Self.evil)\ngovseal proposal: sha256:\(Self.evil)"
        let summary = try #require(try Self.export(TestDocuments.blessing(summary: forged)).json["summary"]?.stringValue)
        let lines = summary.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0 == "Artifacts (SHA-256):" }.count == 1, "\(summary)")
        let listed = lines.filter { $0.hasPrefix("- ") }.map(String.init)
        #expect(listed == [TestDocuments.gaiadAmd64, TestDocuments.gaiadArm64].map { "- \($0.name): \($0.sha256)" }, "\(summary)")
        #expect(lines.filter { $0.hasPrefix("govseal proposal:") }.count == 1, "\(summary)")
        #expect(!lines.contains { $0.contains(Self.evil) && !$0.hasPrefix("> ") }, "\(summary)")
    }

    @Test("export cosmos of a nomination refuses a group or statement with control or layout characters",
          arguments: [("Team \u{1b}[2K", nil, "body.group"), ("Team\u{9b}1A", nil, "body.group"),
                      ("Team", "ok\u{1b}[1A", "body.statement"), ("Team", "ok\u{202e}", "body.statement")] as [(String, String?, String)])
    func nominationRefusesText(group: String, statement: String?, place: String) throws {
        let key = try PrivateKey.generate(.secp256k1)
        let publicKey = try key.publicKey(for: .ecdsaSecp256k1)
        let nomination = Nomination(
            chain: "cosmos:cosmoshub-4", group: group,
            validator: Nomination.Validator(address: "cosmosvaloper1jhq436vwnxxzfqrvenk00ycnrpdzs8kdl6wv0l", algorithm: .ecdsaSecp256k1,
                                            publicKey: publicKey.rawRepresentation),
            contact: [(kind: "email", value: "security@validator.example")], statement: statement, created: TestDocuments.created)
        let document = try Document(type: .nomination, body: nomination.json).signed(by: key)
        let error = try #require(throws: ExportError.self) {
            try CosmosProposal.export(document, options: CosmosProposal.Options(deposit: "1uatom"))
        }
        #expect(error.code == .unsafeText && error.place == place, "\(error)")
    }

    @Test("sha256sums refuses C1 controls, line separators and bidirectional characters in a name",
          arguments: ["gaiad\u{9b}31m", "gaiad\u{85}x", "gaiad\u{202e}nib.", "a\u{2028}b", "a\u{2066}b", "a\u{200e}b"])
    func sha256sumsRefuses(name: String) throws {
        let error = try #require(throws: ExportError.self) { try SHA256SUMS.text(for: HostileExportTextTests.blessing(name: name)) }
        #expect(error.code == .unsafeText && error.place == "body.release.artifacts[1].name", "\(error)")
        // The refusal itself is one terminal-safe line.
        #expect(!error.description.unicodeScalars.contains { TerminalText.needsEscape($0) }, "\(error)")
    }

    @Test("ic-admin refuses a release package name with control or layout characters (it is in the summary file)")
    func icAdminRefusesPackageName() throws {
        let p = ICAdminProposalTests.package
        let package = Blessing.Artifact(name: p.name + "\u{202e}", size: p.size, sha256: p.sha256, urls: p.urls)
        let document = try TestDocuments.signedBlessing(
            TestDocuments.blessing(chain: "icp:mainnet", artifacts: [package]), by: [.ed25519])
        let error = try #require(throws: DocumentError.self) { try ICAdminProposal(document) }
        #expect(error.code == .invalidValue && error.path == "body.release.artifacts[0].name", "\(error)")
    }
}
