import GovSealDocuments

/// A blessing on an `icp:*` chain as an NNS proposal made with `ic-admin
/// propose-to-revise-elected-guestos-versions` (dfinity/ic rs/registry/admin/src/main.rs,
/// `ProposeToReviseElectedGuestsOsVersionsCmd`; `--summary-file` comes from the shared
/// proposal fields of rs/registry/admin-derive).
public struct ICAdminProposal: Sendable, Equatable {
    public static let program = "ic-admin"
    public static let subcommand = "propose-to-revise-elected-guestos-versions"

    /// The version elected: the blessed source commit (IC versions are git commit ids).
    public let version: String
    /// The release package's SHA-256 (lowercase hex).
    public let sha256: String
    /// Every URL the release package is served from.
    public let urls: [String]
    /// The Markdown proposal summary, written to the summary file.
    public let summary: String

    /// Builds the proposal for `document`, a blessing on `icp:*` whose release package is its
    /// only artifact, or the one named `artifact`.
    ///
    /// Throws `ExportError`: `.unsupportedDocument`, `.wrongChain`, `.invalidOption` (several
    /// artifacts and none named, or an unknown name), `.incompleteArtifact` (no URL), `.unsafeURL`
    /// (a URL `ArtifactURL` refuses), `.unsafeText` (a title, version, repository, artifact name or embargo
    /// reason that is not one plain line, a summary with control characters other than newline
    /// and tab);
    /// `DocumentError` for a malformed body.
    public init(_ document: Document, artifact: String? = nil) throws {
        let blessing = try ExportBody.blessing(document, format: "ic-admin")
        _ = try ExportBody.reference(of: blessing.chain, namespace: "icp", format: "ic-admin")
        let package: Blessing.Artifact
        if let artifact {
            guard let named = blessing.artifacts.first(where: { $0.name == artifact }) else {
                throw ExportError(.invalidOption, place: "--artifact",
                                  "'\(artifact)' names no artifact (the blessing has: \(Self.names(blessing)))")
            }
            package = named
        } else {
            guard blessing.artifacts.count == 1, let only = blessing.artifacts.first else {
                throw ExportError(.invalidOption, place: "--artifact",
                                  "the blessing has \(blessing.artifacts.count) artifacts; name the release package (one of: \(Self.names(blessing)))")
            }
            package = only
        }
        guard !package.urls.isEmpty else {
            throw ExportError(.incompleteArtifact, place: "artifact '\(package.name)'",
                              "has no URL; nodes download the release package from its release_package_urls")
        }
        let index = blessing.artifacts.firstIndex(where: { $0.name == package.name }) ?? 0
        for (number, url) in package.urls.enumerated() {
            // An http(s) URL never starts with '-', so ic-admin's parser cannot take one for a flag.
            _ = try ArtifactURL(parsing: url, place: "body.release.artifacts[\(index)].urls[\(number)]", artifact: package.name)
        }
        try ExportText.requireBlessingText(blessing)
        version = blessing.source.commit
        sha256 = package.sha256
        urls = package.urls
        summary = Self.summary(document, blessing, package)
    }

    /// The arguments after `ic-admin` (global options such as `--nns-url`, `--secret-key-pem`
    /// and `--proposer` are the submitter's to add). All URLs follow one
    /// `--release-package-urls`, which ic-admin reads as a multi-value option.
    /// A `summaryFile` starting with `-` is passed as `./-…`, so that it is never read as a flag.
    public func arguments(summaryFile: String) -> [String] {
        let summaryFile = summaryFile.hasPrefix("-") ? "./" + summaryFile : summaryFile
        return [Self.subcommand, "--replica-version-to-elect", version, "--release-package-sha256-hex", sha256,
         "--release-package-urls"] + urls + ["--summary-file", summaryFile]
    }

    /// The command as one POSIX-shell-safe line (every argument single-quoted), newline-terminated.
    public func commandLine(summaryFile: String) -> String {
        ShellQuote.commandLine(Self.program, arguments(summaryFile: summaryFile)) + "\n"
    }

    static func names(_ blessing: Blessing) -> String {
        blessing.artifacts.map(\.name).joined(separator: ", ")
    }

    /// The Markdown summary. The proposer's free text is quoted (each line after `> `), so that it
    /// cannot pose as the Release section govseal writes from the blessed values.
    static func summary(_ document: Document, _ blessing: Blessing, _ package: Blessing.Artifact) -> String {
        let quoted = blessing.summary.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }
        var lines = ["# \(blessing.title)", ""] + quoted + ["", "## Release", ""]
        if let version = blessing.version { lines.append("- Version: \(version)") }
        lines.append("- Source: \(blessing.source.repository)")
        lines.append("- Commit: `\(blessing.source.commit)`")
        if let tree = blessing.source.tree { lines.append("- Tree: `\(tree)`") }
        lines.append("- Release package: `\(package.name)` (\(package.size) bytes)")
        lines.append("- SHA-256: `\(package.sha256)`")
        lines += package.urls.map { "- URL: <\($0)>" }
        if let embargo = blessing.embargo {
            lines += ["", "## Embargo", "",
                      "The source is under embargo (\(embargo.reason)); it will be disclosed \(embargo.quietPeriodDays) days after the rollout completes."]
        }
        lines += ["", "## Verification", "", "- govseal proposal id: `\(document.proposalID)`"]
        lines += document.signatures.map { "- Signed by `\($0.keyID)` (\($0.algorithm.rawValue))" }
        lines += ["", "Check the signatures and the downloaded package with `govseal verify <blessing> --artifacts <dir>`."]
        return lines.joined(separator: "\n") + "\n"
    }
}
