import GovSealSource

extension Blessing {
    /// What a rebuild needs from the blessing: the recipe and, per artifact, the output path and
    /// the digests to reproduce. Throws when the blessing declares no build recipe.
    public func rebuildInputs() throws -> (recipe: RebuildRecipe, artifacts: [ExpectedArtifact]) {
        guard let build else {
            throw DocumentError(.invalidValue, path: "body.release.build",
                                "the blessing declares no build recipe, so it cannot be rebuilt")
        }
        let artifacts = try self.artifacts.map { artifact in
            guard let output = build.outputs.first(where: { $0.artifact == artifact.name }) else {
                throw DocumentError(.invalidValue, path: "body.release.build.outputs", "no output path for '\(artifact.name)'")
            }
            return ExpectedArtifact(name: artifact.name, outputPath: output.path, size: artifact.size,
                                    sha256: artifact.sha256, sha512: artifact.sha512)
        }
        return (RebuildRecipe(command: build.command, environment: build.environment), artifacts)
    }
}

extension Blessing {
    /// Rebuilds the blessed commit (or, to examine another disclosure, `commit`) from
    /// `repository` with the blessing's recipe and compares every artifact. The exported tree
    /// must equal the blessed tree when the blessed commit is rebuilt.
    ///
    /// Throws `DocumentError` when the blessing declares no recipe, `SourceError` when the
    /// repository or the export fails; a failed build or a mismatch is in the report.
    public func rebuild(from repository: SourceRepository, commit: String? = nil, options: RebuildOptions) throws -> RebuildReport {
        let (recipe, artifacts) = try rebuildInputs()
        return try Rebuilder.rebuild(repository: repository, commit: commit ?? source.commit,
                                     expectedTree: commit == nil ? source.tree : nil,
                                     recipe: recipe, artifacts: artifacts, options: options)
    }
}

extension Attestation {
    /// The attestation of what a rebuild obtained: one subject per artifact with the sha256 the
    /// rebuild produced (which may differ from the blessing's; verification names such a
    /// rebuilder as disagreeing). Throws when an output is missing or the build failed, since
    /// there is then nothing to attest. The predicate records the report's `platform` and `isolation`.
    public static func of(_ report: RebuildReport, blessingDocument: Document, builder: String,
                          finished: Timestamp = .nowInWholeSeconds()) throws -> Attestation {
        let blessing = try Blessing(body: blessingDocument.body)
        guard report.exitStatus == 0, !report.timedOut else {
            throw DocumentError(.invalidValue, path: "body.release.build.command",
                                report.timedOut ? "the build timed out; nothing to attest" : "the build failed; nothing to attest")
        }
        let subjects = try report.artifacts.map { result -> Subject in
            switch result.outcome {
            case .match:
                let sha = blessing.artifacts.first { $0.name == result.name }?.sha256 ?? ""
                return Subject(name: result.name, sha256: sha)
            case .mismatch(_, let got, _, _, _):
                return Subject(name: result.name, sha256: got)
            case .missing(let path):
                throw DocumentError(.invalidValue, path: "body.release.build.outputs", "output \(path) was not built; nothing to attest")
            case .unsafePath(let reason):
                throw DocumentError(.invalidValue, path: "body.release.build.outputs", "\(result.name): \(reason)")
            }
        }
        let attestation = Attestation(subjects: subjects, proposal: blessingDocument.proposalID,
                                      repository: blessing.source.repository, commit: report.commit,
                                      command: report.command, environment: blessing.build?.environment,
                                      builder: builder, finished: finished,
                                      platform: report.platform, isolation: report.isolation)
        return try Attestation(body: attestation.json)
    }
}
