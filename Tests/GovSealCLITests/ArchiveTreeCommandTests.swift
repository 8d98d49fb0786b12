import Foundation
import Testing

/// `archive_tree` (issue 15): `new blessing --repo` records the tree of `git archive <commit>`
/// when export attributes change it, and `verify --source FOLDER` accepts a folder matching the
/// commit's tree or the archive tree, saying which. The repository is built here with a
/// `.gitattributes` using `export-ignore`, `export-subst` and `eol=crlf`; real git and tar make
/// the tarball.
@Suite("Archive tree end to end")
struct ArchiveTreeCommandTests {
    func run(_ s: CLIScratchFolder, _ arguments: [String]) throws -> CLIResult { try CLIRunner.run(arguments, in: s.path) }

    @discardableResult
    func sh(_ s: CLIScratchFolder, _ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-ec", script]
        process.currentDirectoryURL = URL(fileURLWithPath: s.path)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["HOME"] = s.path
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CLIRunner.CommandFailed(description: "sh failed: \(script)") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A repository whose archive differs from its tree in all three ways, a blessing of it, and
    /// the folder `git archive HEAD` unpacks to (`tarball/`).
    func setup() throws -> (s: CLIScratchFolder, commit: String, tree: String, archiveTree: String) {
        let s = try CLIScratchFolder()
        try sh(s, """
        git init -q repo && cd repo
        git config user.email t@example.org && git config user.name t && git config core.autocrlf false
        printf 'internal.txt export-ignore\\nversion.txt export-subst\\n*.bat eol=crlf\\n' > .gitattributes
        printf 'not for the tarball\\n' > internal.txt
        printf 'commit $Format:%%H$\\n' > version.txt
        printf 'echo one\\necho two\\n' > build.bat
        printf 'int main(void) { return 0; }\\n' > main.c
        git add -A && git commit -qm release
        cd .. && mkdir tarball && git -C repo archive --format=tar HEAD | tar -xf - -C tarball
        printf 'binary' > app.bin
        """)
        let r = try run(s, ["new", "blessing", "--chain", "near:mainnet", "--title", "t", "--summary", "s",
                            "--repository", "https://example.org/repo.git", "--repo", "repo", "--commit", "HEAD",
                            "--artifact", "app.bin", "--out", "b.json"])
        #expect(r.status == 0, "\(r.stderr)")
        let b = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: s.path + "/b.json"))) as? [String: Any])
        let source = try #require(((b["body"] as? [String: Any])?["release"] as? [String: Any])?["source"] as? [String: Any])
        return (s, try #require(source["commit"] as? String), try #require(source["tree"] as? String),
                try #require(source["archive_tree"] as? String, "no archive_tree in \(source)"))
    }

    @Test func theArchiveTreeIsRecordedAndATarballMatchesIt() throws {
        let (s, commit, tree, archiveTree) = try setup()
        #expect(archiveTree != tree)
        // The tarball really went through all three attributes.
        #expect(!FileManager.default.fileExists(atPath: s.path + "/tarball/internal.txt"))
        #expect(try String(contentsOfFile: s.path + "/tarball/version.txt", encoding: .utf8) == "commit \(commit)\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: s.path + "/tarball/build.bat")) == Data("echo one\r\necho two\r\n".utf8))
        // Oracle: the tree id of the unpacked folder, as git itself computes it.
        let gitTree = try sh(s, """
        cp -r tarball oracle && cd oracle && rm -f .gitattributes && git init -q . && git add -A && git write-tree
        """)
        let withoutAttributes = try run(s, ["tree-hash", "oracle"])
        #expect(withoutAttributes.stdout.contains(gitTree))
        let hashed = try run(s, ["tree-hash", "tarball"])
        #expect(hashed.stdout.contains(archiveTree), "\(hashed.stdout)")

        _ = try run(s, ["keygen", "--alg", "ed25519", "--out", "f.pem"])
        _ = try run(s, ["sign", "b.json", "--key", "f.pem"])
        let r = try run(s, ["verify", "b.json", "--source", "tarball"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("folder content has archive_tree \(archiveTree)"), "\(r.stdout)")
    }

    @Test func aPlainCheckoutMatchesTheCommitTree() throws {
        let (s, _, tree, _) = try setup()
        try sh(s, "cp -r repo checkout && rm -rf checkout/.git")
        let r = try run(s, ["verify", "b.json", "--source", "checkout"])
        #expect(r.stdout.contains("folder content has tree \(tree) (the commit's tree)"), "\(r.stdout)")
    }

    @Test func aTamperedTarballMatchesNeither() throws {
        let (s, _, tree, archiveTree) = try setup()
        try sh(s, "printf 'echo evil\\r\\n' >> tarball/build.bat")
        let r = try run(s, ["verify", "b.json", "--source", "tarball"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("[FAIL] source tree"))
        #expect(r.stdout.contains("expected \(tree) (tree) or \(archiveTree) (archive_tree)"), "\(r.stdout)")
        // The tarball with the ignored file put back is not the archive either.
        try sh(s, "git -C repo archive --format=tar HEAD | tar -xf - -C tarball && cp repo/internal.txt tarball/")
        #expect(try run(s, ["verify", "b.json", "--source", "tarball"]).status == 1)
    }
}
