import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealJSON

/// A nomination as a Cosmos text proposal: no messages; the signed nomination rides along so
/// anyone can check it with `govseal verify`.
enum CosmosNominationProposal {
    /// The signed document, compact, goes in `metadata` when it fits the SDK's default
    /// `MaxMetadataLen` (255 bytes). It rarely does (a signature entry alone is ~300 bytes):
    /// then `metadata` is `{"document_sha256": "sha256:…", "proposal": "<proposal id>"}` and the
    /// document is the last line of `summary`, and a note says so.
    static func text(_ document: Document, _ nomination: Nomination, options: CosmosProposal.Options) throws -> CosmosProposal.Export {
        _ = try ExportBody.reference(of: nomination.chain, namespace: "cosmos", format: "cosmos")
        for (given, option) in [(options.planName != nil, "--plan-name"), (options.height != nil, "--height"),
                                (!options.platforms.isEmpty, "--platform"), (options.metadata != nil, "--metadata")] where given {
            throw ExportError(.invalidOption, place: option,
                              "does not apply to a nomination (a text proposal; its metadata is the signed nomination)")
        }
        try ExportText.requireLine(nomination.group, place: "body.group", what: "group")
        if let statement = nomination.statement {
            try ExportText.requireParagraphs(statement, place: "body.statement", what: "statement")
        }
        let title = "Nomination of \(nomination.validator.address) to \(nomination.group)"
        try CosmosProposal.checkLength(title, max: CosmosProposal.maxTitleLength, place: "body.group", what: "title", limit: "MaxTitleLen")
        let compact = JSONWriter.compact(document.json)
        var summary = "Validator \(nomination.validator.address) nominates itself to \(nomination.group) on \(nomination.chain), "
            + "signed with its \(nomination.validator.algorithm.rawValue) validator key."
        if let statement = nomination.statement { summary += "\n\n" + statement }
        let metadata: String
        var notes: [String] = []
        if compact.count <= CosmosProposal.maxMetadataLength {
            metadata = String(decoding: compact, as: UTF8.self)
        } else {
            let digest = "sha256:" + Hex.encode(Digest.sha256(compact))
            metadata = String(decoding: JSONWriter.compact(.object(JSONObject([
                ("document_sha256", .string(digest)), ("proposal", .string(document.proposalID)),
            ]))), as: UTF8.self)
            summary += "\n\nSigned govseal nomination (check it with `govseal verify`; its SHA-256 is in the metadata):\n"
                + String(decoding: compact, as: UTF8.self)
            notes.append("the signed nomination is \(compact.count) bytes, over the Cosmos SDK's default MaxMetadataLen of "
                + "\(CosmosProposal.maxMetadataLength): metadata holds its SHA-256 and proposal id, and the document is "
                + "the last line of the summary")
        }
        try CosmosProposal.checkLength(summary, max: CosmosProposal.maxSummaryLength, place: "body.statement",
                                       what: "summary", limit: "MaxSummaryLen")
        let json = CosmosProposal.proposalJSON(messages: [], metadata: metadata, options: options, title: title, summary: summary)
        return CosmosProposal.Export(json: json, notes: notes)
    }
}
