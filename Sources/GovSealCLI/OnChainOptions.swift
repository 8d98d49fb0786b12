import ArgumentParser
import GovSealDocuments
import GovSealExport
import GovSealFiles

/// `verify … --onchain FILE` and what goes with it: the proposal exactly as the chain's tools
/// print it, compared with every blessing verified (`OnChainComparison`); and, for `status`, the
/// `onchain.json` saved in a blessing's folder.
struct OnChainOptions: ParsableArguments {
    @Option(name: .customLong("onchain"), help: ArgumentHelp(
        "The proposal as the chain's tools print it, saved to a file: `<daemon> q gov proposal ID -o json` (Cosmos SDK gov v1), "
            + "the REST /cosmos/gov/v1/proposals/ID response, or the IC dashboard API's /api/v3/proposals/ID. "
            + "Each blessing is compared with it, one `onchain` check per binding.",
        valueName: "FILE"))
    var onchain: String?
    @Option(help: "With --onchain: the upgrade plan name the Cosmos proposal must carry.") var planName: String?
    @Option(help: "With --onchain: the upgrade height the Cosmos proposal must carry.") var height: UInt64?
    @Option(help: ArgumentHelp("With --onchain: the cosmovisor platform of an artifact, as `export cosmos` takes it.",
                               valueName: "NAME=OS/ARCH"))
    var platform: [String] = []
    @Option(help: "With --onchain: the artifact that is the IC release package.") var artifact: String?

    /// The largest proposal file read (the documents' limit).
    static let maxSize = 16 << 20

    /// Reads `--onchain` (bad input, exit 2, names the file and the JSON path) and makes
    /// `context` compare every blessing with it. Usage errors (64): the other options without
    /// `--onchain`, a malformed `--platform`, `--onchain` with no blessing among `documents`.
    func apply(to context: inout VerificationContext, documents: DocumentSet) throws {
        guard let onchain else {
            guard planName == nil, height == nil, platform.isEmpty, artifact == nil else {
                throw UsageError("--plan-name, --height, --platform and --artifact go with --onchain FILE")
            }
            return
        }
        let platforms = try platform.map { text in
            let (artifact, platform) = try CLI.pair(text, option: "--platform", form: "NAME=OS/ARCH")
            do {
                try Cosmovisor.validatePlatform(platform)
            } catch {
                throw UsageError("\(error)")
            }
            return (artifact: artifact, platform: platform)
        }
        guard documents.documents.contains(where: { $0.document.type == .blessing }) else {
            throw UsageError("--onchain compares a blessing with the chain's proposal, and none of the files is a blessing")
        }
        let proposal = try Self.read(onchain)
        let options = OnChainComparison.Options(planName: planName, height: height, platforms: platforms,
                                                artifact: artifact, bech32Prefix: context.bech32Prefix)
        context.blessingChecks = { _, blessing, document in
            OnChainComparison.checks(proposal, blessing: blessing, proposalID: document.proposalID, options: options)
        }
    }

    /// For `status`: each blessing whose folder holds `onchain.json` is compared with it (a
    /// malformed one makes that blessing bad input, naming both files). Nil when there is none.
    static func folderChecks(_ set: DocumentSet) -> VerificationContext.ExtraBlessingChecks? {
        let files = Set(set.onChainFiles)
        guard !files.isEmpty else { return nil }
        return { file, blessing, document in
            guard let file else { return [] }
            let folder = file.lastIndex(of: "/").map { String(file[..<$0]) } ?? "."
            let path = folder + "/" + DocumentSet.onChainFileName
            guard files.contains(path) else { return [] }
            return OnChainComparison.checks(try read(path), blessing: blessing, proposalID: document.proposalID)
        }
    }

    static func read(_ path: String) throws -> OnChainProposal {
        try reading(path) { try OnChainProposal(bytes: try AtomicFile.read(path, limit: maxSize)) }
    }
}
