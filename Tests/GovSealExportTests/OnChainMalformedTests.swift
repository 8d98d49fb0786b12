import GovSealExport
import Testing

/// Bad input is a test case: every malformed or unknown shape of a saved proposal is refused with
/// `ExportError.malformedOnChain` naming the JSON path, never read as something else.
@Suite("On-chain proposal: malformed and unknown shapes")
struct OnChainMalformedTests {
    static let upgrade = #"{"@type":"/cosmos.upgrade.v1beta1.MsgSoftwareUpgrade","authority":"a","plan":{"name":"n","height":"5","info":""}}"#

    static func cosmos(_ members: String, messages: String = "[\(upgrade)]") -> String {
        #"{"proposal":{"id":"1","status":"PROPOSAL_STATUS_VOTING_PERIOD","messages":\#(messages)\#(members)}}"#
    }

    static func ic(payload: String = #"{"replica_version_to_elect":"ab","release_package_sha256_hex":"cd","release_package_urls":["https://x.example/p"]}"#,
                   _ members: String = "") -> String {
        #"{"proposal_id":1,"action":"ReviseElectedGuestosVersions","status":"OPEN","payload":\#(payload)\#(members)}"#
    }

    static let cases: [(input: String, place: String)] = [
        ("not json", "top level"),
        ("[]", "top level"),
        ("{}", "top level"),
        (#"{"a":1,"a":2}"#, "a"),
        (#"{"proposal_id":"7","content":{"@type":"/cosmos.upgrade.v1beta1.SoftwareUpgradeProposal"}}"#, "content"),
        (#"{"proposal":{"proposal_id":"7","content":{}}}"#, "proposal.content"),
        (#"{"proposals":[]}"#, "proposals"),
        (#"{"data":[]}"#, "data"),
        (#"{"proposal":{"id":{"id":7},"action":{"ExecuteNnsFunction":{"nns_function":38,"payload":[68,73]}}}}"#, "proposal"),
        (#"{"messages":[],"status":"PROPOSAL_STATUS_PASSED"}"#, "id"),
        (cosmos("").replacingOccurrences(of: #""id":"1","#, with: ""), "proposal.id"),
        (cosmos("").replacingOccurrences(of: #""id":"1""#, with: #""id":"-1""#), "proposal.id"),
        (cosmos("").replacingOccurrences(of: #""id":"1""#, with: #""id":"01""#), "proposal.id"),
        (cosmos("").replacingOccurrences(of: #""id":"1""#, with: #""id":1.5"#), "proposal.id"),
        (cosmos("").replacingOccurrences(of: #""id":"1""#, with: #""id":"99999999999999999999999""#), "proposal.id"),
        (cosmos("").replacingOccurrences(of: "PROPOSAL_STATUS_VOTING_PERIOD", with: "VOTING"), "proposal.status"),
        (cosmos("", messages: "{}"), "proposal.messages"),
        (cosmos("", messages: "[7]"), "proposal.messages[0]"),
        (cosmos("", messages: #"[{"authority":"a"}]"#), "proposal.messages[0].@type"),
        (cosmos("", messages: #"[{"@type":"/cosmos.upgrade.v1beta1.MsgSoftwareUpgrade","authority":"a"}]"#), "proposal.messages[0].plan"),
        (cosmos("", messages: #"[{"@type":"/cosmos.upgrade.v1beta1.MsgSoftwareUpgrade","plan":{"name":"n","height":"5"}}]"#),
         "proposal.messages[0].authority"),
        (cosmos("").replacingOccurrences(of: #""height":"5""#, with: #""height":"5a""#), "proposal.messages[0].plan.height"),
        (cosmos("").replacingOccurrences(of: #""info":"""#, with: #""info":{}"#), "proposal.messages[0].plan.info"),
        (cosmos(#","voting_end_time":"yesterday""#), "proposal.voting_end_time"),
        (cosmos(#","voting_end_time":"2024-01-01T00:00:00+02:00""#), "proposal.voting_end_time"),
        (cosmos(#","title":7"#), "proposal.title"),
        (ic().replacingOccurrences(of: #""proposal_id":1"#, with: #""proposal_id":"1""#), "proposal_id"),
        (ic().replacingOccurrences(of: #""status":"OPEN""#, with: #""status":"MAYBE""#), "status"),
        (ic().replacingOccurrences(of: #""action":"ReviseElectedGuestosVersions""#, with: #""action":7"#), "action"),
        (ic(payload: "null"), "payload"),
        (ic(payload: "[]"), "payload"),
        (ic(payload: #"{"release_package_urls":"https://x.example/p"}"#), "payload.release_package_urls"),
        (ic(payload: #"{"release_package_urls":["https://x.example/p",7]}"#), "payload.release_package_urls[1]"),
        (ic(payload: #"{"replica_version_to_elect":7}"#), "payload.replica_version_to_elect"),
        (ic(#","deadline_timestamp_seconds":-5"#), "deadline_timestamp_seconds"),
        (ic(#","deadline_timestamp_seconds":"1755462381""#), "deadline_timestamp_seconds"),
    ]

    @Test("refused, naming the place", arguments: cases.indices)
    func malformed(index: Int) {
        let (input, place) = Self.cases[index]
        do {
            _ = try OnChainProposal(bytes: Array(input.utf8))
            Issue.record("accepted: \(input)")
        } catch let error as ExportError {
            #expect(error.code == .malformedOnChain)
            #expect(error.place == place, "\(input): \(error)")
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("unexpected error \(error) for \(input)")
        }
    }

    @Test("an action other than an election needs no payload shape; well-formed shapes are read")
    func wellFormed() throws {
        _ = try OnChainProposal(bytes: Array(Self.cosmos("").utf8))
        _ = try OnChainProposal(bytes: Array(Self.ic().utf8))
        _ = try OnChainProposal(bytes: Array(#"{"proposal_id":1,"action":"InstallCode","status":"EXECUTED","payload":[1,2]}"#.utf8))
    }
}
