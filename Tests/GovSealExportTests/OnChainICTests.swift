import GovSealDocuments
import GovSealExport
import Testing

/// An NNS IC-OS election as the dashboard API returns it, against the blessing (what DFINITY's
/// repro-check compares): the version elected, the package digest, every download URL.
@Suite("On-chain Internet Computer proposal")
struct OnChainICTests {
    static let id = "sha256:" + String(repeating: "ab", count: 32)

    static func failed(_ proposal: OnChainProposal, _ blessing: Blessing = OnChainFixtures.icBlessing(),
                       _ options: OnChainComparison.Options = OnChainComparison.Options()) -> [String] {
        OnChainComparison.checks(proposal, blessing: blessing, proposalID: id, options: options).filter { !$0.passed }.map(\.name)
    }

    @Test("the real dashboard response of proposal 137875 is read: id, status, window, action")
    func realResponse() throws {
        let proposal = try OnChainFixtures.proposal(OnChainFixtures.icInstallCode)
        #expect(proposal.source == .icDashboard)
        #expect(proposal.id == "137875" && proposal.status == "EXECUTED" && proposal.stage == .executed)
        // failed_timestamp_seconds 0 means "never": it is not in the window.
        #expect(proposal.window.map(\.label) == ["submitted", "voting deadline", "decided", "executed"])
        #expect(proposal.window.first?.time.text == "2025-08-13T20:26:21Z")
        guard case .icp(let action) = proposal.content else { Issue.record("not an NNS proposal"); return }
        #expect(action.name == "InstallCode" && action.election == nil)
        // It elects no GuestOS version, so no blessing of a release matches it.
        #expect(Self.failed(proposal) == ["onchain action"])
    }

    @Test("the election against a blessing of its own values: every check passes")
    func equal() throws {
        let proposal = try OnChainFixtures.proposal(OnChainFixtures.icElection)
        #expect(proposal.stage == .voting)
        #expect(Self.failed(proposal) == [])
        // With several artifacts, the release package is the one named, or the one of the digest.
        let other = Blessing.Artifact(name: "setup-os.tar.zst", size: 1, sha256: String(repeating: "0", count: 64))
        #expect(Self.failed(proposal, OnChainFixtures.icBlessing(extra: [other])) == [])
        #expect(Self.failed(proposal, OnChainFixtures.icBlessing(extra: [other]),
                            OnChainComparison.Options(artifact: "update-img.tar.zst")) == [])
        // Naming another artifact: its digest and URLs are not the proposal's.
        #expect(Self.failed(proposal, OnChainFixtures.icBlessing(extra: [other]),
                            OnChainComparison.Options(artifact: "setup-os.tar.zst")) == ["onchain sha256", "onchain url", "onchain url"])
    }

    static let changes: [(what: String, edits: [(old: String, new: String)], failing: String)] = [
        ("the version elected", [("\"replica_version_to_elect\": \"45657852", "\"replica_version_to_elect\": \"55657852")], "onchain version"),
        ("no version elected (only unelects)", [("\"replica_version_to_elect\": \"45657852c1eca6728ff313808db29b47c862ad13\"",
                                                 "\"replica_version_to_elect\": null")], "onchain version"),
        ("the package digest", [("\"release_package_sha256_hex\": \"84a1", "\"release_package_sha256_hex\": \"94a1")], "onchain sha256"),
        ("the package digest in capitals", [("\"release_package_sha256_hex\": \"84a17802d839e057727ff09e34f2cba47c129e7ca18f33ed38dbf99740809808\"",
                                             "\"release_package_sha256_hex\": \"84A17802D839E057727FF09E34F2CBA47C129E7CA18F33ED38DBF99740809808\"")],
         "onchain sha256"),
        ("no package digest", [("\"release_package_sha256_hex\": \"84a17802d839e057727ff09e34f2cba47c129e7ca18f33ed38dbf99740809808\"",
                                "\"release_package_sha256_hex\": \"\"")], "onchain sha256"),
        ("a URL the blessing does not list", [("https://download.dfinity.network/", "https://download.dfinity.evil/")], "onchain url"),
        ("no URLs", [("\"release_package_urls\": [", "\"release_package_urls\": [], \"x\": [")], "onchain url"),
        ("an action that elects nothing", [("\"ReviseElectedGuestosVersions\"", "\"InstallCode\"")], "onchain action"),
        ("the summary names another govseal proposal", [("Change from the previous release ...",
                                                         "govseal proposal id: `sha256:" + String(repeating: "cd", count: 32) + "`")],
         "onchain proposal id"),
    ]

    @Test("each binding changed: the named check fails", arguments: changes.indices)
    func changed(index: Int) throws {
        let change = Self.changes[index]
        let failed = Self.failed(try OnChainFixtures.edited(OnChainFixtures.icElection, change.edits))
        #expect(failed.contains(change.failing), "\(change.what): failed \(failed)")
    }

    @Test("an NNS proposal against a Cosmos blessing fails on the chain")
    func wrongChain() throws {
        let proposal = try OnChainFixtures.proposal(OnChainFixtures.icElection)
        #expect(Self.failed(proposal, OnChainFixtures.gaiaBlessing()) == ["onchain chain"])
    }

    @Test("the older UpdateElectedReplicaVersions and BlessReplicaVersion payloads are compared the same way")
    func olderActions() throws {
        let update = try OnChainFixtures.edited(OnChainFixtures.icElection, [("\"ReviseElectedGuestosVersions\"", "\"UpdateElectedReplicaVersions\"")])
        #expect(Self.failed(update) == [])
        let bless = try OnChainFixtures.edited(OnChainFixtures.icElection, [
            ("\"ReviseElectedGuestosVersions\"", "\"BlessReplicaVersion\""), ("replica_version_to_elect", "replica_version_id"),
        ])
        #expect(Self.failed(bless) == [])
        let legacyURL = try OnChainFixtures.edited(OnChainFixtures.icElection, [
            ("\"release_package_urls\": [", "\"release_package_url\": \"https://elsewhere.example/p.tar.zst\", \"release_package_urls\": ["),
        ])
        #expect(Self.failed(legacyURL) == ["onchain url"])
    }
}
