import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Fixtures made once per test run, through the real binary (and git, openssl): keys of every
/// format, a git repository with a build recipe, and a valid signed document of every type.
///
/// `template` is copied into a fresh `Workspace` by each test; `root` holds read-only extras
/// (the signer keys of the concurrency test and a big artifact).
///
/// Layout of `template`: `keys/` (ed.pem, k1.pem: ecdsa-secp256k1, ed.hex, near.json,
/// cometbft.json, pub.pem: public only), `repo/` (git: `sh build.sh` makes `out/app`),
/// `artifacts/app`, `blessing.json` (embargoed, with recipe, signed by ed and k1),
/// `unsigned.json` (the same blessing before signing), `plain.json` (no recipe, no embargo,
/// signed by ed), `near-blessing.json`, `nomination.json` (cosmos:cosmoshub-4, k1),
/// `policy.json` (proposer ed+k1 2-of-2, rebuilder ed 1-of-1, signed), `reveal.json` (signed),
/// `attestation.json` (by ed).
struct World: Sendable {
    /// Folder that holds everything; removed when the test process exits.
    static let rootPath = FileManager.default.temporaryDirectory
        .appendingPathComponent("govseal-rel-world-\(getpid())").path

    static let shared: Result<World, any Error> = Result {
        atexit { try? FileManager.default.removeItem(atPath: World.rootPath) }
        return try World.build()
    }

    /// The world, or the error that stopped building it.
    static func get() throws -> World { try shared.get() }

    let root: String
    let template: String
    let commit: String
    /// Eight secret key files (absolute paths) and their key ids, for concurrent signing.
    let signers: [(key: String, alg: String, keyID: String)]
    /// A 48 MiB artifact, so hashing it takes a while.
    let bigArtifact: String

    static let blessingCreated = "2026-01-01T00:00:00Z"
    static let rolloutCompleted = "2026-02-01T00:00:00Z"
    static let disclosed = "2026-03-01T00:00:00Z"

    /// Environment for git so commits are reproducible and need no configuration.
    static let gitEnvironment = [
        "GIT_AUTHOR_NAME": "Rel Test", "GIT_AUTHOR_EMAIL": "rel@example.org", "GIT_COMMITTER_NAME": "Rel Test",
        "GIT_COMMITTER_EMAIL": "rel@example.org", "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
        "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
    ]

    /// Makes a git repository at `path` holding `files` (name → content) in one commit; returns
    /// the commit id.
    @discardableResult
    static func makeRepository(_ path: String, files: [String: String], symlinks: [String: String] = [:]) throws -> String {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Shell.run("git", ["init", "-q", "-b", "main", "."], in: path, environment: gitEnvironment)
        for (name, content) in files {
            let target = path + "/" + name
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(content.utf8).write(to: URL(fileURLWithPath: target))
        }
        for (name, destination) in symlinks {
            try FileManager.default.createSymbolicLink(atPath: path + "/" + name, withDestinationPath: destination)
        }
        try Shell.run("git", ["add", "-A"], in: path, environment: gitEnvironment)
        try Shell.run("git", ["commit", "-q", "-m", "release"], in: path, environment: gitEnvironment)
        return try Shell.run("git", ["rev-parse", "HEAD"], in: path, environment: gitEnvironment)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func build() throws -> World {
        let root = rootPath
        try? FileManager.default.removeItem(atPath: root)
        let template = root + "/template"
        try FileManager.default.createDirectory(atPath: template + "/keys", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: template + "/artifacts", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: template + "/.test-tmp", withIntermediateDirectories: true)
        @discardableResult
        func govseal(_ arguments: [String], in directory: String = template) throws -> RunResult {
            let result = try Govseal.run(arguments, in: directory)
            guard result.status == 0, !result.signaled else { throw SetupError("fixture step failed: \(result.summary)") }
            return result
        }

        // Keys of every format the readers accept.
        try govseal(["keygen", "--alg", "ed25519", "--out", "keys/ed.pem"])
        try govseal(["keygen", "--alg", "ecdsa-secp256k1", "--out", "keys/k1.pem"])
        try govseal(["keygen", "--alg", "ed25519", "--format", "hex", "--out", "keys/ed.hex"])
        try govseal(["keygen", "--alg", "ed25519", "--format", "near", "--out", "keys/near.json"])
        try govseal(["keygen", "--alg", "ed25519", "--format", "cometbft", "--out", "keys/cometbft.json"])
        try Shell.run("openssl", ["pkey", "-in", "keys/ed.pem", "-pubout", "-out", "keys/pub.pem"], in: template)

        // A repository whose recipe reproduces artifacts/app.
        let repo = template + "/repo"
        let commit = try makeRepository(repo, files: [
            "src.txt": "hello from the release\n",
            "build.sh": "mkdir -p out && cp src.txt out/app\n",
        ])
        try Data("hello from the release\n".utf8).write(to: URL(fileURLWithPath: template + "/artifacts/app"))

        try govseal(["new", "blessing", "--chain", "cosmos:agoric-3", "--title", "Upgrade 17", "--summary", "Fixes",
                     "--version", "17.0.1", "--repository", "https://example.org/node", "--repo", "repo",
                     "--commit", "HEAD", "--artifact", "artifacts/app", "--url", "app=https://example.org/app",
                     "--build-command", "sh build.sh", "--output", "app=out/app", "--embargo-days", "10",
                     "--created", blessingCreated, "--out", "unsigned.json"])
        try FileManager.default.copyItem(atPath: template + "/unsigned.json", toPath: template + "/blessing.json")
        try govseal(["sign", "blessing.json", "--key", "keys/ed.pem"])
        try govseal(["sign", "blessing.json", "--key", "keys/k1.pem"])

        try govseal(["new", "blessing", "--chain", "cosmos:cosmoshub-4", "--title", "Plain", "--summary", "No recipe",
                     "--repository", "https://example.org/node", "--commit", commit, "--artifact", "artifacts/app",
                     "--created", blessingCreated, "--out", "plain.json"])
        try govseal(["sign", "plain.json", "--key", "keys/ed.pem"])
        try govseal(["new", "blessing", "--chain", "near:mainnet", "--title", "Near", "--summary", "S",
                     "--repository", "https://example.org/node", "--commit", commit, "--artifact", "artifacts/app",
                     "--created", blessingCreated, "--out", "near-blessing.json"])
        try govseal(["sign", "near-blessing.json", "--key", "keys/ed.pem"])
        try govseal(["nominate", "--chain", "cosmos:cosmoshub-4", "--key", "keys/k1.pem", "--group", "security",
                     "--contact", "matrix=@ops:example.org", "--out", "nomination.json"])
        try govseal(["new", "policy", "--name", "agoric upgrades", "--expires-days", "3650",
                     "--key", "proposer:ed=keys/ed.pem", "--key", "proposer:k1=keys/k1.pem", "--threshold", "proposer=2",
                     "--key", "rebuilder:ed=keys/ed.pem", "--threshold", "rebuilder=1", "--out", "policy.json"])
        try govseal(["sign", "policy.json", "--key", "keys/ed.pem"])
        try govseal(["reveal", "blessing.json", "--source", "repo", "--rollout-completed", rolloutCompleted,
                     "--disclosed", disclosed, "--out", "reveal.json"])
        try govseal(["sign", "reveal.json", "--key", "keys/ed.pem"])
        try govseal(["attest", "blessing.json", "--source", "repo", "--key", "keys/ed.pem", "--builder", "rebuilder one",
                     "--quiet", "--out", "attestation.json"])

        // Extras outside the template: eight signers and a big artifact.
        var signers: [(key: String, alg: String, keyID: String)] = []
        let algorithms = ["ed25519", "ecdsa-secp256k1", "bip340", "ed25519", "ecdsa-secp256k1", "bip340", "ed25519", "ed25519"]
        for (index, alg) in algorithms.enumerated() {
            let key = root + "/signer-\(index).pem"
            let result = try govseal(["keygen", "--alg", alg, "--out", key])
            guard let line = result.stdout.split(separator: "\n").first(where: { $0.hasPrefix("keyid: ") }) else {
                throw SetupError("keygen printed no keyid: \(result.stdout)")
            }
            signers.append((key, alg, String(line.dropFirst("keyid: ".count))))
        }
        let bigArtifact = root + "/big-artifact.bin"
        var big = [UInt8](repeating: 0, count: 48 << 20)
        for i in stride(from: 0, to: big.count, by: 4096) { big[i] = UInt8(truncatingIfNeeded: i >> 12) }
        try Data(big).write(to: URL(fileURLWithPath: bigArtifact))
        return World(root: root, template: template, commit: commit, signers: signers, bigArtifact: bigArtifact)
    }
}
