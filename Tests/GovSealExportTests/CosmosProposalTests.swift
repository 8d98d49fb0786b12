import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealExport
import GovSealJSON
import Testing

/// The `submit-proposal` JSON checked against the formats' published definitions:
/// - cosmos-sdk x/gov/client/cli/tx.go (`submit-proposal` help): top-level `messages`
///   (proto-JSON sdk.Msgs), `metadata`, `deposit` ("10stake"), `title`, `summary`, `expedited`;
/// - cosmos-sdk x/upgrade proto `cosmos.upgrade.v1beta1`: `MsgSoftwareUpgrade {authority, plan}`,
///   `Plan {name, height (int64: a string in proto3 JSON), info}`;
/// - cosmos-sdk tools/cosmovisor/README.md "Auto-Download": `info` = `{"binaries":
///   {"linux/amd64": "<url>?checksum=sha256:<hex>"}}`, written without spaces;
/// - x/gov `DefaultConfig`: MaxMetadataLen 255, MaxSummaryLen 10200.
@Suite("Cosmos export")
struct CosmosProposalTests {
    /// The gov module account on the `cosmos` prefix, as the cosmos-sdk simapp app config sets
    /// `govmodulev1.Module.Authority`.
    static let cosmosGovAuthority = "cosmos10d07y265gmmuvt4z0w9aw880jnsr700j6zn9kn"

    static let platforms: [(artifact: String, platform: String)] = [
        (TestDocuments.gaiadAmd64.name, "linux/amd64"), (TestDocuments.gaiadArm64.name, "linux/arm64"),
    ]

    static func options(height: Int64? = 19_000_000, planName: String? = nil) -> CosmosProposal.Options {
        CosmosProposal.Options(planName: planName, height: height, deposit: "10000000uatom", platforms: platforms)
    }

    @Test("a blessing is one MsgSoftwareUpgrade, field by field")
    func softwareUpgrade() throws {
        let document = try TestDocuments.signedBlessing()
        let export = try CosmosProposal.export(document, options: Self.options())
        let json = export.json
        #expect(json.objectValue?.names == ["messages", "metadata", "deposit", "title", "summary", "expedited"])
        let messages = try #require(json["messages"]?.arrayValue)
        try #require(messages.count == 1)
        let message = messages[0]
        #expect(message["@type"]?.stringValue == "/cosmos.upgrade.v1beta1.MsgSoftwareUpgrade")
        #expect(message["authority"]?.stringValue == Self.cosmosGovAuthority)
        let plan = try #require(message["plan"])
        #expect(plan.objectValue?.names == ["name", "height", "info"])
        #expect(plan["name"]?.stringValue == "v15.0.0")
        #expect(plan["height"] == .string("19000000"))
        #expect(json["metadata"]?.stringValue == document.proposalID)
        #expect(json["deposit"]?.stringValue == "10000000uatom")
        #expect(json["title"]?.stringValue == "Gaia v15.0.0")
        #expect(json["expedited"] == .bool(false))
        let summary = try #require(json["summary"]?.stringValue)
        #expect(summary.hasPrefix("> Security release."))  // the proposer's text is quoted
        #expect(summary.contains(TestDocuments.commit))
        #expect(summary.contains(document.proposalID))
        #expect(export.notes.isEmpty)
    }

    @Test("plan.info is cosmovisor's binaries map, each URL carrying the artifact's sha256")
    func cosmovisorInfo() throws {
        let document = try TestDocuments.signedBlessing()
        let json = try CosmosProposal.export(document, options: Self.options()).json
        let infoText = try #require(json["messages"]?.arrayValue?.first?["plan"]?["info"]?.stringValue)
        #expect(!infoText.contains(" "), "the README asks for no spaces")
        let info = try TestDocuments.parse(Array(infoText.utf8))
        #expect(info.objectValue?.names == ["binaries"])
        let binaries = try #require(info["binaries"]?.objectValue)
        #expect(binaries.names == ["linux/amd64", "linux/arm64"])
        for (artifact, (name, content)) in zip([TestDocuments.gaiadAmd64, TestDocuments.gaiadArm64],
                                                [("linux/amd64", "amd64 binary"), ("linux/arm64", "arm64 binary")]) {
            let url = try #require(binaries[name]?.stringValue)
            let hex = Hex.encode(Digest.sha256(Array(content.utf8)))
            let separator = artifact.urls[0].contains("?") ? "&" : "?"
            #expect(url == artifact.urls[0] + separator + "checksum=sha256:" + hex)
        }
    }

    @Test("the authority is the gov module account of the chain's prefix")
    func authorityPrefix() throws {
        let known = try TestDocuments.signedBlessing(TestDocuments.blessing(chain: "cosmos:agoric-3"), by: [.ed25519])
        let custom = try TestDocuments.signedBlessing(TestDocuments.blessing(chain: "cosmos:examplechain-7"), by: [.ed25519])
        var options = Self.options()
        let agoric = try #require(try CosmosProposal.export(known, options: options).json["messages"]?.arrayValue?.first?["authority"]?.stringValue)
        options.bech32Prefix = "example"
        let example = try #require(try CosmosProposal.export(custom, options: options).json["messages"]?.arrayValue?.first?["authority"]?.stringValue)
        // Independently: bech32(prefix, SHA-256("gov")[0..<20]) (cosmos-sdk address.Module).
        let gov = Array(Digest.sha256(Array("gov".utf8)).prefix(20))
        for (address, prefix) in [(agoric, "agoric"), (example, "example")] {
            let decoded = try Bech32.decode(address)
            #expect(decoded.hrp == prefix)
            #expect(decoded.data == gov)
        }
    }

    @Test("--expedited and --metadata are carried over")
    func flags() throws {
        var options = Self.options(planName: "v15")
        options.expedited = true
        options.metadata = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"
        let json = try CosmosProposal.export(try TestDocuments.signedBlessing(), options: options).json
        #expect(json["expedited"] == .bool(true))
        #expect(json["metadata"]?.stringValue == options.metadata)
        #expect(json["messages"]?.arrayValue?.first?["plan"]?["name"]?.stringValue == "v15")
    }

    @Test("a nomination is a text proposal whose metadata pins the signed document in the summary")
    func nomination() throws {
        let document = try TestDocuments.signedNomination()
        let export = try CosmosProposal.export(document, options: CosmosProposal.Options(deposit: "10000000uatom"))
        let json = export.json
        #expect(json["messages"] == .array([]))
        #expect(json["title"]?.stringValue?.hasPrefix("Nomination of cosmosvaloper1") == true)
        let metadataText = try #require(json["metadata"]?.stringValue)
        #expect(metadataText.utf8.count <= 255)
        let metadata = try TestDocuments.parse(Array(metadataText.utf8))
        #expect(metadata["proposal"]?.stringValue == document.proposalID)
        let summary = try #require(json["summary"]?.stringValue)
        let lastLine = Array(try #require(summary.split(separator: "\n").last).utf8)
        #expect(metadata["document_sha256"]?.stringValue == "sha256:" + Hex.encode(Digest.sha256(lastLine)))
        let carried = try Document(bytes: lastLine)
        #expect(carried.payload == document.payload)
        #expect(carried.signatures == document.signatures)
        #expect(summary.contains("24/7 on-call"))
        #expect(export.notes.count == 1)
        #expect(export.notes.first?.contains("MaxMetadataLen of 255") == true)
    }

    struct BadExport: CustomTestStringConvertible, Sendable {
        let name: String
        let code: ExportError.Code
        let place: String
        let document: @Sendable () throws -> Document
        let options: CosmosProposal.Options
        var testDescription: String { name }
    }

    static let blessing: @Sendable () throws -> Document = { try TestDocuments.signedBlessing(by: [.ed25519]) }
    static func with(_ change: (inout CosmosProposal.Options) -> Void) -> CosmosProposal.Options {
        var result = Self.options()
        change(&result)
        return result
    }

    static let badExports: [BadExport] = [
        BadExport(name: "artifact without URL", code: .incompleteArtifact, place: "artifact 'gaiad-v15.0.0-linux-amd64'", document: {
            let a = TestDocuments.gaiadAmd64
            let noURL = Blessing.Artifact(name: a.name, size: a.size, sha256: a.sha256)
            return try TestDocuments.signedBlessing(TestDocuments.blessing(artifacts: [noURL, TestDocuments.gaiadArm64]), by: [.ed25519])
        }, options: options()),
        BadExport(name: "artifact without platform", code: .incompleteArtifact, place: "artifact 'gaiad-v15.0.0-linux-arm64'",
                  document: blessing, options: with { $0.platforms.removeLast() }),
        BadExport(name: "platform for no artifact", code: .invalidOption, place: "--platform",
                  document: blessing, options: with { $0.platforms.append((artifact: "nope", platform: "darwin/arm64")) }),
        BadExport(name: "platform not os/arch", code: .invalidOption, place: "--platform",
                  document: blessing, options: with { $0.platforms[0].platform = "linux-amd64" }),
        BadExport(name: "two artifacts on one platform", code: .invalidOption, place: "--platform",
                  document: blessing, options: with { $0.platforms[1].platform = "linux/amd64" }),
        BadExport(name: "no height", code: .invalidOption, place: "--height", document: blessing, options: options(height: nil)),
        BadExport(name: "height zero", code: .invalidOption, place: "--height", document: blessing, options: options(height: 0)),
        BadExport(name: "no plan name and no version", code: .invalidOption, place: "--plan-name", document: {
            try TestDocuments.signedBlessing(TestDocuments.blessing(version: nil), by: [.ed25519])
        }, options: options()),
        BadExport(name: "plan name with a slash", code: .invalidOption, place: "--plan-name", document: blessing, options: options(planName: "v15/x")),
        BadExport(name: "deposit with a space", code: .invalidOption, place: "--deposit", document: blessing, options: with { $0.deposit = "10 uatom" }),
        BadExport(name: "deposit without amount", code: .invalidOption, place: "--deposit", document: blessing, options: with { $0.deposit = "uatom" }),
        BadExport(name: "deposit of zero", code: .invalidOption, place: "--deposit", document: blessing, options: with { $0.deposit = "0uatom" }),
        BadExport(name: "deposit denom too short", code: .invalidOption, place: "--deposit", document: blessing, options: with { $0.deposit = "10ua" }),
        BadExport(name: "metadata over 255 bytes", code: .tooLong, place: "--metadata", document: blessing,
                  options: with { $0.metadata = String(repeating: "m", count: 256) }),
        BadExport(name: "unknown chain without --bech32-prefix", code: .invalidOption, place: "--bech32-prefix", document: {
            try TestDocuments.signedBlessing(TestDocuments.blessing(chain: "cosmos:examplechain-7"), by: [.ed25519])
        }, options: options()),
        BadExport(name: "not a cosmos chain", code: .wrongChain, place: "body.chain", document: {
            try TestDocuments.signedBlessing(TestDocuments.blessing(chain: "icp:mainnet"), by: [.ed25519])
        }, options: options()),
        BadExport(name: "an attestation", code: .unsupportedDocument, place: "type", document: { try TestDocuments.signedAttestation() },
                  options: options()),
        BadExport(name: "a nomination with --height", code: .invalidOption, place: "--height",
                  document: { try TestDocuments.signedNomination() }, options: CosmosProposal.Options(height: 5, deposit: "1uatom")),
        BadExport(name: "a nomination with --metadata", code: .invalidOption, place: "--metadata",
                  document: { try TestDocuments.signedNomination() }, options: CosmosProposal.Options(deposit: "1uatom", metadata: "x")),
    ]

    @Test("bad documents and options are rejected, naming the place", arguments: badExports)
    func rejects(_ bad: BadExport) throws {
        let document = try bad.document()
        let error = try #require(throws: ExportError.self) { try CosmosProposal.export(document, options: bad.options) }
        #expect(error.code == bad.code, "\(error)")
        #expect(error.place == bad.place, "\(error)")
    }
}
