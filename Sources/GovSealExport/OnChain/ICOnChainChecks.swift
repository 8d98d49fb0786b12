import GovSealDocuments

/// The bindings of an NNS IC-OS election as the chain holds it, against the blessing (what
/// DFINITY's repro-check compares, and what `export ic-admin` proposes):
/// - `onchain action`: a GuestOS election (`ReviseElectedGuestosVersions`, or the older
///   `UpdateElectedReplicaVersions` / `BlessReplicaVersion`);
/// - `onchain version`: the version to elect is the blessed commit;
/// - `onchain sha256`: `release_package_sha256_hex` is the blessed SHA-256 of the release
///   package (`--artifact`, or the only artifact, or the artifact of that digest);
/// - `onchain url`, one per URL: every `release_package_urls` entry is one the blessing lists for
///   that artifact (nodes download from any of them).
enum ICOnChainChecks {
    static func run(_ action: OnChainProposal.ICAction, blessing: Blessing, options: OnChainComparison.Options) -> [Check] {
        guard let election = action.election else {
            return [Check("onchain action", passed: false,
                          "'\(OnChainText.excerpt(action.name))' does not elect a GuestOS version (ReviseElectedGuestosVersions)")]
        }
        var checks = [Check("onchain action", passed: true, "\(action.name): elects a GuestOS version")]
        let commit = blessing.source.commit
        if let version = election.version {
            checks.append(Check("onchain version", passed: version == commit,
                                version == commit ? "\(version), the blessed commit"
                                    : "'\(OnChainText.excerpt(version))' is not the blessed commit \(commit)"))
        } else {
            checks.append(Check("onchain version", passed: false, "\(election.path) elects no version (it only unelects)"))
        }
        guard let sha256 = election.sha256, !sha256.isEmpty else {
            checks.append(Check("onchain sha256", passed: false, "\(election.path) has no release_package_sha256_hex"))
            return checks
        }
        let artifact: Blessing.Artifact
        switch package(blessing, named: options.artifact, sha256: sha256) {
        case .success(let found): artifact = found
        case .failure(let reason):
            checks.append(Check("onchain sha256", passed: false, reason.text))
            return checks
        }
        checks.append(Check("onchain sha256", passed: sha256 == artifact.sha256,
                            sha256 == artifact.sha256 ? "\(sha256), the blessed digest of '\(artifact.name)'"
                                : "'\(OnChainText.excerpt(sha256))' is not the blessed sha256 \(artifact.sha256) of '\(artifact.name)'"))
        if election.urls.isEmpty {
            checks.append(Check("onchain url", passed: false, "\(election.path) has no release_package_urls"))
        }
        for (index, url) in election.urls.enumerated() {
            let listed = artifact.urls.contains(url)
            checks.append(Check("onchain url", passed: listed,
                                listed ? "release_package_urls[\(index)] \(url) is listed in the blessing"
                                    : "release_package_urls[\(index)] '\(OnChainText.excerpt(url))' is not a URL the blessing lists for '\(artifact.name)'"))
        }
        return checks
    }

    struct Reason: Error { let text: String }

    /// The release package: the artifact named, else the only one, else the one with `sha256`.
    static func package(_ blessing: Blessing, named: String?, sha256: String) -> Result<Blessing.Artifact, Reason> {
        if let named {
            guard let artifact = blessing.artifacts.first(where: { $0.name == named }) else {
                return .failure(Reason(text: "--artifact '\(named)' names no artifact of the blessing"))
            }
            return .success(artifact)
        }
        if blessing.artifacts.count == 1, let only = blessing.artifacts.first { return .success(only) }
        guard let byDigest = blessing.artifacts.first(where: { $0.sha256 == sha256 }) else {
            return .failure(Reason(text: "'\(OnChainText.excerpt(sha256))' is the digest of none of the blessing's "
                                   + "\(blessing.artifacts.count) artifacts (name the release package with --artifact)"))
        }
        return .success(byDigest)
    }
}
