import Foundation
import GovSealDocuments
import GovSealExport
import GovSealJSON

/// The proposals of Fixtures/onchain (sources in Fixtures/SOURCES.md), and blessings made from
/// their own values, so that a real proposal can be compared both ways.
enum OnChainFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/onchain")

    static let cosmosV047 = "cosmos-gov-v1-v047-software-upgrade.json"
    static let cosmosV050 = "cosmos-gov-v1-v050-software-upgrade.json"
    static let icElection = "ic-dashboard-revise-elected-guestos.json"
    static let icInstallCode = "ic-dashboard-137875-install-code.json"

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    static func proposal(_ name: String) throws -> OnChainProposal {
        try OnChainProposal(bytes: Array(try text(name).utf8))
    }

    /// `name` with every occurrence of `old` replaced (each must occur).
    static func edited(_ name: String, _ replacements: [(old: String, new: String)]) throws -> OnChainProposal {
        var text = try text(name)
        for (old, new) in replacements {
            precondition(text.contains(old), "\(name) does not contain \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try OnChainProposal(bytes: Array(text.utf8))
    }

    /// cosmoshub-4's v8-Rho binaries: platform, artifact name, URL (without the checksum), SHA-256.
    static let gaiaBinaries: [(platform: String, name: String, url: String, sha256: String)] = [
        ("linux/amd64", "gaiad-v8.0.0-linux-amd64", "6d0c123e246a8b56ba534f70dd5dc72058b00fd5e5dde5ea40509ff51efc42e2"),
        ("linux/arm64", "gaiad-v8.0.0-linux-arm64", "a0afbbe35eda3d5e52a7907bcae296415e84b3ff6c7da97429d91f324004a5ab"),
        ("darwin/amd64", "gaiad-v8.0.0-darwin-amd64", "e66c0e62aa5b0ccf9fb174c50b598df6048c1d7952f5f99b807b9934c9629f2c"),
        ("darwin/arm64", "gaiad-v8.0.0-darwin-arm64", "95000b52f55f22e1b40b81263bc0ae0df1351e8b9b40264c54509ad1e4d6e9fb"),
        ("windows/amd64", "gaiad-v8.0.0-windows-amd64.exe", "fca2a4371eef6dc50b6b46a025bde3537fa96ec32c732499c8be8aa64683f147"),
    ].map { ($0.0, $0.1, "https://github.com/cosmos/gaia/releases/download/v8.0.0/" + $0.1, $0.2) }

    /// A blessing of exactly the binaries the v8-Rho plan names.
    static func gaiaBlessing(chain: String = "cosmos:cosmoshub-4", dropping: String? = nil) -> Blessing {
        Blessing(chain: chain, title: "v8-Rho", summary: "Gaia v8.0.0", proposer: "Cosmos Hub", version: "v8-Rho",
                 source: Blessing.Source(repository: "https://github.com/cosmos/gaia", commit: TestDocuments.commit),
                 artifacts: gaiaBinaries.filter { $0.name != dropping }.map {
                     Blessing.Artifact(name: $0.name, size: 100_000_000, sha256: $0.sha256, urls: [$0.url])
                 },
                 created: TestDocuments.created)
    }

    static var gaiaPlatforms: [(artifact: String, platform: String)] { gaiaBinaries.map { ($0.name, $0.platform) } }

    static let icCommit = "45657852c1eca6728ff313808db29b47c862ad13"
    static let icSHA256 = "84a17802d839e057727ff09e34f2cba47c129e7ca18f33ed38dbf99740809808"
    static let icURLs = ["https://download.dfinity.systems/ic/\(icCommit)/guest-os/update-img/update-img.tar.zst",
                         "https://download.dfinity.network/ic/\(icCommit)/guest-os/update-img/update-img.tar.zst"]

    /// A blessing of the GuestOS release the election fixture proposes.
    static func icBlessing(urls: [String] = icURLs, extra: [Blessing.Artifact] = []) -> Blessing {
        Blessing(chain: "icp:mainnet", title: "GuestOS", summary: "GuestOS release", proposer: "DFINITY", version: nil,
                 source: Blessing.Source(repository: "https://github.com/dfinity/ic", commit: icCommit),
                 artifacts: [Blessing.Artifact(name: "update-img.tar.zst", size: 1_000_000, sha256: icSHA256, urls: urls)] + extra,
                 created: TestDocuments.created)
    }
}
