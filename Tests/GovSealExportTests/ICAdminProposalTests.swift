import Foundation
import GovSealDocuments
import GovSealExport
import Testing

/// The command checked against ic-admin's flags (dfinity/ic rs/registry/admin/src/main.rs,
/// `ProposeToReviseElectedGuestsOsVersionsCmd`): `--replica-version-to-elect` (visible alias of
/// `--guestos-version-to-elect`), `--release-package-sha256-hex`, `--release-package-urls`
/// (`num_args(1..)`: one flag, several values), and `--summary-file` from the proposal fields
/// every command gets (rs/registry/admin-derive `derive_common_proposal_fields`).
@Suite("ic-admin export")
struct ICAdminProposalTests {
    static let package = TestDocuments.artifact(
        "update-img.tar.zst", content: "guest os image",
        urls: ["https://download.dfinity.systems/ic/\(TestDocuments.commit)/guest-os/update-img/update-img.tar.zst",
               "https://mirror.example/update-img.tar.zst"])

    static func document(artifacts: [Blessing.Artifact] = [package], chain: String = "icp:mainnet") throws -> Document {
        try TestDocuments.signedBlessing(TestDocuments.blessing(chain: chain, title: "Elect GuestOS \(TestDocuments.commit.prefix(8))",
                                                                 artifacts: artifacts), by: [.ed25519])
    }

    @Test("the arguments, flag by flag")
    func arguments() throws {
        let proposal = try ICAdminProposal(try Self.document())
        #expect(proposal.arguments(summaryFile: "b.json.summary.md") == [
            "propose-to-revise-elected-guestos-versions",
            "--replica-version-to-elect", TestDocuments.commit,
            "--release-package-sha256-hex", Self.package.sha256,
            "--release-package-urls", Self.package.urls[0], Self.package.urls[1],
            "--summary-file", "b.json.summary.md",
        ])
    }

    @Test("the summary names the commit, the package digest, the URLs and the proposal id")
    func summary() throws {
        let document = try Self.document()
        let proposal = try ICAdminProposal(document)
        #expect(proposal.summary.hasPrefix("# Elect GuestOS"))
        for text in [TestDocuments.commit, Self.package.sha256, Self.package.urls[0], Self.package.urls[1],
                     document.proposalID, document.signatures[0].keyID] {
            #expect(proposal.summary.contains(text), "missing \(text)")
        }
    }

    @Test("the command line survives a real POSIX shell unchanged, whatever the arguments hold",
          arguments: ["plain.md", "it's here.md", "$HOME `id` \\ \"q\" *.md", "new\nline", "'''", "-- --force"])
    func shellSafe(summaryFile: String) throws {
        let proposal = try ICAdminProposal(try Self.document())
        let line = proposal.commandLine(summaryFile: summaryFile)
        #expect(line.hasPrefix("ic-admin '"))
        #expect(line.hasSuffix("\n"))
        let (words, _) = try ShellRun.run("/bin/sh", line)
        #expect(words == proposal.arguments(summaryFile: summaryFile))
    }

    @Test("a blessing with several artifacts needs --artifact")
    func choosesArtifact() throws {
        let other = TestDocuments.artifact("SHA256SUMS", content: "sums", urls: ["https://example.com/SHA256SUMS"])
        let document = try Self.document(artifacts: [Self.package, other])
        #expect(throws: ExportError(.invalidOption, "")) { try ICAdminProposal(document) }
        #expect(throws: ExportError(.invalidOption, "")) { try ICAdminProposal(document, artifact: "nope") }
        #expect(try ICAdminProposal(document, artifact: Self.package.name).sha256 == Self.package.sha256)
    }

    @Test("refused: another chain, a package without URL, another type")
    func refused() throws {
        #expect(throws: ExportError(.wrongChain, "")) { try ICAdminProposal(try Self.document(chain: "cosmos:cosmoshub-4")) }
        let bare = Blessing.Artifact(name: "update-img.tar.zst", size: 1, sha256: Self.package.sha256)
        let noURL = try #require(throws: ExportError.self) { try ICAdminProposal(try Self.document(artifacts: [bare])) }
        #expect(noURL.code == .incompleteArtifact)
        #expect(noURL.place == "artifact 'update-img.tar.zst'")
        #expect(throws: ExportError(.unsupportedDocument, "")) { try ICAdminProposal(try TestDocuments.signedNomination()) }
    }

    @Test("ShellQuote quotes every word and escapes quotes as '\\''")
    func quoting() {
        #expect(ShellQuote.quote("") == "''")
        #expect(ShellQuote.quote("a b") == "'a b'")
        #expect(ShellQuote.quote("it's") == #"'it'\''s'"#)
    }
}
