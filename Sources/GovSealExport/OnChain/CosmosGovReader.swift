import GovSealDocuments
import GovSealJSON

/// Reads a Cosmos SDK x/gov v1 `Proposal` as Go's protobuf JSON prints it
/// (cosmos-sdk proto/cosmos/gov/v1/gov.proto: `id`, `messages`, `status`, `submit_time`,
/// `deposit_end_time`, `voting_start_time`, `voting_end_time`, `metadata`, `title`, `summary`;
/// v0.50 adds `expedited` and `failed_reason`), and each `MsgSoftwareUpgrade` in it
/// (cosmos-sdk x/upgrade proto: `authority`, `plan` { `name`, `height`, `info` }).
enum CosmosGovReader {
    /// The x/gov v1 `ProposalStatus` names and what each means.
    static let statuses: [String: OnChainProposal.Stage] = [
        "PROPOSAL_STATUS_UNSPECIFIED": .unspecified,
        "PROPOSAL_STATUS_DEPOSIT_PERIOD": .depositPeriod,
        "PROPOSAL_STATUS_VOTING_PERIOD": .voting,
        "PROPOSAL_STATUS_PASSED": .passed,
        "PROPOSAL_STATUS_REJECTED": .rejected,
        "PROPOSAL_STATUS_FAILED": .failed,
    ]

    static func read(_ proposal: OnChainObject, source: OnChainProposal.Source) throws -> OnChainProposal {
        if proposal.raw("content") != nil, proposal.raw("messages") == nil {
            throw OnChainObject.fail(proposal.member("content"),
                                     "a Cosmos SDK gov v1beta1 proposal (content); govseal reads gov v1 proposals (messages)")
        }
        let id = try proposal.unsigned("id")
        let status = try proposal.string("status")
        guard let stage = statuses[status] else {
            throw OnChainObject.fail(proposal.member("status"), "'\(OnChainText.excerpt(status))' is not a gov v1 proposal status "
                                     + "(PROPOSAL_STATUS_DEPOSIT_PERIOD, _VOTING_PERIOD, _PASSED, _REJECTED, _FAILED)")
        }
        var window: [(label: String, time: Timestamp)] = []
        for (name, label) in [("submit_time", "submitted"), ("deposit_end_time", "deposit ends"),
                              ("voting_start_time", "voting starts"), ("voting_end_time", "voting ends")] {
            if let time = try proposal.time(name) { window.append((label, time)) }
        }
        let messages = try proposal.objects("messages").map(message)
        return OnChainProposal(source: source, id: String(id), status: status, stage: stage, window: window,
                               title: try proposal.optionalString("title"), summary: try proposal.optionalString("summary"),
                               metadata: try proposal.optionalString("metadata"), content: .cosmos(messages))
    }

    static func message(_ message: OnChainObject) throws -> OnChainProposal.CosmosMessage {
        let type = try message.string("@type")
        guard type == CosmosProposal.softwareUpgradeType else {
            return OnChainProposal.CosmosMessage(type: type, path: message.path, upgrade: nil)
        }
        let plan = try message.child("plan")
        let upgrade = OnChainProposal.SoftwareUpgrade(
            authority: try message.string("authority"), planName: try plan.string("name"),
            planHeight: try plan.unsigned("height"), info: try plan.optionalString("info") ?? "")
        return OnChainProposal.CosmosMessage(type: type, path: message.path, upgrade: upgrade)
    }
}
