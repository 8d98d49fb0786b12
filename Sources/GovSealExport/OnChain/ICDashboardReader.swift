import GovSealDocuments
import GovSealJSON

/// Reads an NNS proposal as the Internet Computer's public dashboard API returns it
/// (`ic-api.internetcomputer.org/api/v3/proposals/ID`: `proposal_id`, `action`, `payload`,
/// `status`, `title`, `summary`, and the `*_timestamp_seconds`), and the payload of an IC-OS
/// election the way DFINITY's repro-check reads it (dfinity/ic ci/scripts/repro-check:
/// `replica_version_to_elect`, `release_package_sha256_hex`, `release_package_urls`).
enum ICDashboardReader {
    /// The dashboard's proposal statuses.
    static let statuses: [String: OnChainProposal.Stage] = [
        "UNKNOWN": .unspecified, "UNSPECIFIED": .unspecified, "OPEN": .voting, "REJECTED": .rejected,
        "ADOPTED": .adopted, "EXECUTED": .executed, "FAILED": .failed,
    ]

    /// The actions that elect a GuestOS (replica) version: the current one and its predecessors.
    static let electionActions: Set<String> = ["ReviseElectedGuestosVersions", "UpdateElectedReplicaVersions", "BlessReplicaVersion"]

    static func read(_ top: OnChainObject) throws -> OnChainProposal {
        guard case .integer(let id) = try top.require("proposal_id"), id >= 0 else {
            throw OnChainObject.fail("proposal_id", "expected a non-negative integer")
        }
        let action = try top.string("action")
        let status = try top.string("status")
        guard let stage = statuses[status] else {
            throw OnChainObject.fail("status", "'\(OnChainText.excerpt(status))' is not a dashboard proposal status "
                                     + "(OPEN, REJECTED, ADOPTED, EXECUTED, FAILED)")
        }
        var window: [(label: String, time: Timestamp)] = []
        for (name, label) in [("proposal_timestamp_seconds", "submitted"), ("deadline_timestamp_seconds", "voting deadline"),
                              ("decided_timestamp_seconds", "decided"), ("executed_timestamp_seconds", "executed"),
                              ("failed_timestamp_seconds", "failed")] {
            if let time = try top.seconds(name) { window.append((label, time)) }
        }
        var election: OnChainProposal.ICElection?
        if electionActions.contains(action) {
            let payload = try top.child("payload")
            let version = try payload.optionalString(action == "BlessReplicaVersion" ? "replica_version_id" : "replica_version_to_elect")
            var urls = try payload.strings("release_package_urls")
            if let legacy = try payload.optionalString("release_package_url"), !legacy.isEmpty { urls.insert(legacy, at: 0) }
            election = OnChainProposal.ICElection(version: version, sha256: try payload.optionalString("release_package_sha256_hex"),
                                                  urls: urls, path: payload.path)
        }
        return OnChainProposal(source: .icDashboard, id: String(id), status: status, stage: stage, window: window,
                               title: try top.optionalString("title"), summary: try top.optionalString("summary"),
                               metadata: nil, content: .icp(OnChainProposal.ICAction(name: action, election: election)))
    }
}
