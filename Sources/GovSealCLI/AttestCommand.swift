import ArgumentParser
import GovSealCrypto
import GovSealDocuments

/// `govseal attest`: rebuild, then sign an in-toto attestation of the digests obtained.
struct AttestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Rebuild the disclosed source and sign an in-toto attestation of the digests obtained.",
        discussion: """
        Runs the same rebuild as `govseal rebuild`, then writes an attestation (an in-toto Statement v1 with \
        predicate type https://govseal.dev/rebuild/v1) whose subjects are the digests this rebuild produced, \
        signed with --key. The predicate records how the build ran (isolation: bubblewrap, or none with \
        --no-sandbox) and the platform (os, arch, kernel, distribution). The key is read before the build, \
        outside the sandbox, which cannot see it. When a digest differs from the blessing, the attestation is \
        still written (it records what this rebuilder got) and the exit status is 1.
        """
    )

    @OptionGroup var options: RebuildOptionGroup
    @Option(help: "The rebuilder's secret key file.") var key: String
    @Option(help: "ed25519, ecdsa-secp256k1 or bip340.") var alg: SignatureAlgorithm?
    @Option(help: "Free text naming the rebuilder (organisation, machine).") var builder: String
    @Option(help: "Where to write the signed attestation.") var out: String
    @Flag(help: "Replace --out if it exists.") var force = false

    func run() throws {
        let secret = try CLI.loadSecretKey(key, algorithm: alg)
        let (blessingDocument, report) = try options.rebuild()
        report.lines.forEach { print($0) }
        let attestation = try reading(options.blessing) {
            try Attestation.of(report, blessingDocument: blessingDocument, builder: builder)
        }
        let document = try Document(type: .attestation, body: attestation.json).signed(by: secret, algorithm: alg)
        try CLI.write(document, to: out, force: force)
        print("wrote \(out) (attestation by \(builder), key \(document.signatures[0].keyID.prefix(16)))")
        if !report.allMatch { throw ChecksFailed() }
    }
}
