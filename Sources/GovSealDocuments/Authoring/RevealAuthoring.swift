import GovSealSource

/// The result of preparing a reveal: the unsigned document and the checks made on the way.
public struct RevealDraft: Sendable {
    public let document: Document
    public let reveal: Reveal
    /// Source (commit, tree) and quiet-period checks; the reveal is written even when the
    /// quiet period was not respected, and that check fails.
    public let checks: [Check]
}

/// The disclosed source does not hold the blessed commit and tree intact: the checks say why.
public struct SourceMismatch: Error, Sendable {
    public let checks: [Check]
}

extension Reveal {
    /// Prepares the reveal of `blessingDocument`: the disclosed source at `sourceDirectory` (a git
    /// repository, or a plain folder whose content must be the blessed tree) must hold the blessed
    /// commit and tree.
    ///
    /// Throws `DocumentError` when the blessing has no embargo (unless `allowWithoutEmbargo`),
    /// `SourceMismatch` with the failed checks when the source does not hold the blessed commit and
    /// tree intact (a failed check, not bad input; nothing is written then).
    public static func prepare(for blessingDocument: Document, sourceDirectory: String, repository: String? = nil,
                               rolloutCompleted: Timestamp, disclosed: Timestamp, advisory: String? = nil,
                               allowWithoutEmbargo: Bool = false) throws -> RevealDraft {
        guard blessingDocument.type == .blessing else {
            throw DocumentError(.invalidDocument, path: "type", "a reveal is made for a blessing, not a \(blessingDocument.type.rawValue)")
        }
        let blessing = try Blessing(body: blessingDocument.body)
        if blessing.embargo == nil, !allowWithoutEmbargo {
            throw DocumentError(.invalidValue, path: "body.embargo",
                                "the blessing has no embargo, so there is nothing to reveal (pass --allow-without-embargo to reveal anyway)")
        }
        let (sourceChecks, verifiedTree) = SourceChecks.run(blessing.source, directory: sourceDirectory)
        guard let verifiedTree, sourceChecks.allSatisfy(\.passed) else {
            throw SourceMismatch(checks: sourceChecks)
        }
        var source = blessing.source
        if let repository { source.repository = repository }
        source.tree = verifiedTree
        let draft = Reveal(proposal: blessingDocument.proposalID, chain: blessing.chain, source: source,
                           rolloutCompleted: rolloutCompleted, disclosed: disclosed, advisory: advisory)
        let reveal = try Reveal(body: draft.json)
        let timeline = RevealChecks.run(reveal, context: VerificationContext(proposal: blessingDocument))
        return RevealDraft(document: Document(type: .reveal, body: reveal.json), reveal: reveal,
                           checks: sourceChecks + timeline.filter { ["timeline", "quiet period"].contains($0.name) })
    }
}
