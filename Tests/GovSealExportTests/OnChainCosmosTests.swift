import GovSealDocuments
import GovSealExport
import GovSealJSON
import Testing

/// A Cosmos SDK software upgrade as the chain holds it, against the blessing: the real v8-Rho plan
/// of cosmoshub-4 in both gov v1 shapes (Fixtures/onchain), compared with a blessing made from
/// its own values both ways: equal, every check passes; each binding changed, the named check fails.
@Suite("On-chain Cosmos proposal")
struct OnChainCosmosTests {
    static let id = "sha256:" + String(repeating: "ab", count: 32)

    static func checks(_ proposal: OnChainProposal, _ blessing: Blessing = OnChainFixtures.gaiaBlessing(),
                       _ options: OnChainComparison.Options = OnChainComparison.Options()) -> [Check] {
        OnChainComparison.checks(proposal, blessing: blessing, proposalID: id, options: options)
    }

    static func failed(_ checks: [Check]) -> [String] { checks.filter { !$0.passed }.map(\.name) }

    static var strict: OnChainComparison.Options {
        OnChainComparison.Options(planName: "v8-Rho", height: 14_099_412, platforms: OnChainFixtures.gaiaPlatforms)
    }

    @Test("both gov v1 shapes are read: source, id, status, voting window, the one upgrade", arguments: [
        (OnChainFixtures.cosmosV047, OnChainProposal.Source.cosmosProposal, OnChainProposal.Stage.voting),
        (OnChainFixtures.cosmosV050, OnChainProposal.Source.cosmosQueryResponse, OnChainProposal.Stage.passed),
    ])
    func shapes(file: String, source: OnChainProposal.Source, stage: OnChainProposal.Stage) throws {
        let proposal = try OnChainFixtures.proposal(file)
        #expect(proposal.source == source)
        #expect(proposal.id == "97")
        #expect(proposal.stage == stage)
        #expect(proposal.window.map(\.label) == ["submitted", "deposit ends", "voting starts", "voting ends"])
        guard case .cosmos(let messages) = proposal.content else { Issue.record("not a Cosmos proposal"); return }
        let upgrade = try #require(messages.first?.upgrade)
        #expect(messages.count == 1 && upgrade.planName == "v8-Rho" && upgrade.planHeight == 14_099_412)
    }

    @Test("the real plan against a blessing of its own values: every check passes, with and without options",
          arguments: [OnChainFixtures.cosmosV047, OnChainFixtures.cosmosV050])
    func equal(file: String) throws {
        let proposal = try OnChainFixtures.proposal(file)
        for options in [OnChainComparison.Options(), Self.strict] {
            let checks = Self.checks(proposal, OnChainFixtures.gaiaBlessing(), options)
            #expect(Self.failed(checks) == [])
            #expect(checks.filter { $0.name.hasPrefix("onchain binary ") }.count == 5)
            #expect(checks.contains { $0.name == "onchain status" && $0.detail.contains("voting ends 2023-02-09T14:42:58.611745374Z") })
        }
    }

    /// Each binding changed in the proposal (or the command line), and the check that must fail.
    static let changes: [(what: String, edits: [(old: String, new: String)], options: Bool, failing: String)] = [
        ("a binary's checksum differs", [("6d0c123e246a8b56", "6d0c123e246a8b57")], false, "onchain binary linux/amd64"),
        ("a binary's checksum differs (platforms bound)", [("6d0c123e246a8b56", "6d0c123e246a8b57")], true, "onchain binary linux/amd64"),
        ("a binary has no checksum", [("gaiad-v8.0.0-linux-arm64?checksum=sha256:a0afbbe35eda3d5e52a7907bcae296415e84b3ff6c7da97429d91f324004a5ab",
                                       "gaiad-v8.0.0-linux-arm64")], false, "onchain binary linux/arm64"),
        ("an empty checksum (go-getter skips the check)", [("checksum=sha256:a0afbbe35eda3d5e52a7907bcae296415e84b3ff6c7da97429d91f324004a5ab",
                                                            "checksum=")], false, "onchain binary linux/arm64"),
        ("a checksum Go before 1.17 reads differently (';')",
         [("gaiad-v8.0.0-linux-arm64?checksum=", "gaiad-v8.0.0-linux-arm64?x=1;checksum=sha256:00&checksum=")], false, "onchain binary linux/arm64"),
        ("a first checksum parameter that is not the blessed one",
         [("gaiad-v8.0.0-linux-arm64?checksum=", "gaiad-v8.0.0-linux-arm64?checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000&checksum=")],
         false, "onchain binary linux/arm64"),
        ("a sha512 checksum", [("darwin-amd64?checksum=sha256:", "darwin-amd64?checksum=sha512:e66c0e62aa5b0ccf9fb174c50b598df6048c1d7952f5f99b807b9934c9629f2c")],
         false, "onchain binary darwin/amd64"),
        ("the plan height", [("\"14099412\"", "\"14099413\"")], true, "onchain plan.height"),
        ("the plan name", [("\"v8-Rho\"", "\"v8-Rho2\"")], true, "onchain plan.name"),
        ("the authority", [("cosmos10d07y265gmmuvt4z0w9aw880jnsr700j6zn9kn", "cosmos1fl48vsnmsdzcv85q5d2q4z5ajdha8yu34mf0eh")], false, "onchain authority"),
        ("plan.info is a URL to fetch", [("\"info\": \"{", "\"info\": \"https://example.com/plan.json#{")], false, "onchain plan.info"),
        ("plan.info is empty (a manual upgrade)", [("\"info\": \"{\\\"binaries", "\"info\": \"\", \"x\": \"{\\\"binaries")], false, "onchain plan.info"),
        ("plan.info with a second member", [("\"info\": \"{", "\"info\": \"{\\\"Binaries\\\":{},")], false, "onchain plan.info"),
        ("the metadata names another govseal proposal", [("\"metadata\": \"\"", "\"metadata\": \"sha256:" + String(repeating: "cd", count: 32) + "\"")],
         false, "onchain proposal id"),
        ("the summary names another govseal proposal", [("Gaia v8.0.0.\"", "Gaia v8.0.0.\\ngovseal proposal: sha256:" + String(repeating: "cd", count: 32) + "\"")],
         false, "onchain proposal id"),
        ("a second message runs too", [("\"messages\": [", "\"messages\": [{\"@type\": \"/cosmos.bank.v1beta1.MsgSend\"},")], false, "onchain message"),
    ]

    @Test("each binding changed: the named check fails", arguments: changes.indices)
    func changed(index: Int) throws {
        let change = Self.changes[index]
        for file in [OnChainFixtures.cosmosV047, OnChainFixtures.cosmosV050] {
            let proposal = try OnChainFixtures.edited(file, change.edits)
            let failed = Self.failed(Self.checks(proposal, OnChainFixtures.gaiaBlessing(), change.options ? Self.strict : OnChainComparison.Options()))
            #expect(failed.contains(change.failing), "\(change.what) in \(file): failed \(failed)")
        }
    }

    @Test("a platform the blessing does not have, and a blessed platform the proposal lacks, fail")
    func platforms() throws {
        let proposal = try OnChainFixtures.proposal(OnChainFixtures.cosmosV050)
        let withoutWindows = OnChainFixtures.gaiaBlessing(dropping: "gaiad-v8.0.0-windows-amd64.exe")
        #expect(Self.failed(Self.checks(proposal, withoutWindows)) == ["onchain binary windows/amd64"])
        var options = Self.strict
        options.platforms.removeAll { $0.platform == "windows/amd64" }
        #expect(Self.failed(Self.checks(proposal, withoutWindows, options)) == ["onchain binary windows/amd64"])
        options = Self.strict
        options.platforms.append(("gaiad-v8.0.0-linux-amd64", "freebsd/amd64"))
        #expect(Self.failed(Self.checks(proposal, OnChainFixtures.gaiaBlessing(), options)) == ["onchain binary freebsd/amd64"])
    }

    @Test("a Cosmos proposal against a blessing for another chain, or one with no upgrade, fails")
    func wrongChainOrNoUpgrade() throws {
        let proposal = try OnChainFixtures.proposal(OnChainFixtures.cosmosV047)
        #expect(Self.failed(Self.checks(proposal, OnChainFixtures.gaiaBlessing(chain: "icp:mainnet"))) == ["onchain chain"])
        // On another Cosmos chain the gov module account has another prefix.
        #expect(Self.failed(Self.checks(proposal, OnChainFixtures.gaiaBlessing(chain: "cosmos:osmosis-1"))) == ["onchain authority"])
        let text = try OnChainFixtures.text(OnChainFixtures.cosmosV047)
        let start = try #require(text.range(of: "\"messages\": [")), end = try #require(text.range(of: "],\n  \"status\""))
        let empty = text.replacingCharacters(in: start.upperBound..<end.lowerBound, with: "")
        let none = try OnChainProposal(bytes: Array(empty.utf8))
        #expect(Self.failed(Self.checks(none)) == ["onchain message"])
    }

    @Test("what `export cosmos` writes, read back as the chain would hold it, passes every check")
    func exportRoundTrip() throws {
        let document = try TestDocuments.signedBlessing()
        let blessing = try Blessing(body: document.body)
        let export = try CosmosProposal.export(document, options: CosmosProposalTests.options())
        var proposal = try #require(export.json.objectValue)
        proposal["id"] = .string("12")
        proposal["status"] = .string("PROPOSAL_STATUS_VOTING_PERIOD")
        let onChain = try OnChainProposal(json: .object(JSONObject([("proposal", .object(proposal))])))
        let options = OnChainComparison.Options(planName: "v15.0.0", height: 19_000_000, platforms: CosmosProposalTests.platforms)
        let checks = OnChainComparison.checks(onChain, blessing: blessing, proposalID: document.proposalID, options: options)
        #expect(Self.failed(checks) == [])
        #expect(checks.contains { $0.name == "onchain proposal id" && $0.detail.contains("metadata") })
    }
}
