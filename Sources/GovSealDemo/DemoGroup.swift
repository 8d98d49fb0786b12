import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealFiles
import GovSealSource

/// The coordination group in the demo (issue 15): validators self-nominate, the foundation admits
/// members by policy, sends them the private source encrypted with the real `age` tool (when it is
/// installed), and the members rebuild it privately and attest before disclosure.
extension Demo {
    static let group = "example-node security response"
    static let nominated = "2026-01-02T09:00:00Z"
    static let privateRebuildFinished = ["2026-01-06T10:00:00Z", "2026-01-06T11:30:00Z"]

    /// One validator of the demo: its key, its nomination, and its age identity file (when age is installed).
    struct Validator {
        let label: String
        let key: PrivateKey
        let nomination: Document
        let identityFile: String?
    }

    /// The `age` and `age-keygen` executables, when both are on `PATH`.
    static func ageTools() -> (age: String, keygen: String)? {
        let path = Subprocess.inheritedSearchPath
        guard let age = Subprocess.findExecutable("age", searchPath: path),
              let keygen = Subprocess.findExecutable("age-keygen", searchPath: path) else { return nil }
        return (age, keygen)
    }

    /// Runs a tool of the demo; throws with its first error line when it fails.
    static func tool(_ executable: String, _ arguments: [String]) throws -> [UInt8] {
        var process = Subprocess(executable: executable, arguments: arguments, environment: ["PATH": "/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C"])
        process.timeout = .seconds(120)
        process.standardError = .capture(limit: 64 << 10)
        let result = try process.run()
        guard result.succeeded else {
            throw DemoError("\(executable.split(separator: "/").last ?? "") failed: \(result.errorText.split(separator: "\n").first ?? "")")
        }
        return result.standardOutput
    }

    /// Three validators self-nominate with their validator keys; the third states an address its
    /// key does not derive. Returns the validators and the group as their nominations show it.
    func nominate(in work: DemoWorkspace, age: (age: String, keygen: String)?) throws -> (validators: [Validator], group: CoordinationGroup) {
        var validators: [Validator] = []
        let created = try Timestamp(parsing: Self.nominated)
        let chain = "cosmos:agoric-3"
        var firstAddress = ""
        for (i, name) in ["Validator A", "Validator B", "Validator C"].enumerated() {
            let key = try PrivateKey.generate(.secp256k1)
            let slug = name.split(separator: " ").last!.lowercased()
            var identityFile: String?
            let recipient: String
            if let age {
                let file = "\(work.root)/validator-\(slug).agekey"
                _ = try Self.tool(age.keygen, ["-o", file])
                recipient = String(String(decoding: try Self.tool(age.keygen, ["-y", file]), as: UTF8.self).filter { !$0.isWhitespace })
                identityFile = file
            } else {
                // A well-formed placeholder recipient (age is not installed, nothing is encrypted to it).
                recipient = try Bech32.encode(hrp: "age", data: Digest.sha256(Array("demo \(name)".utf8)), variant: .bech32)
            }
            let contact = [(kind: "matrix", value: "@\(slug):validators.example.org")]
            var nomination: Document
            if i < 2 {
                nomination = try Nomination.signed(by: key, chain: chain, group: Self.group, contact: contact,
                                                   ageRecipient: recipient, created: created)
                if i == 0 { firstAddress = try Nomination(body: nomination.body).validator.address }
            } else {
                // Validator C states validator A's address: signed by C's key, which does not derive it.
                let body = Nomination(chain: chain, group: Self.group,
                                      validator: .init(address: firstAddress, algorithm: .ecdsaSecp256k1,
                                                       publicKey: try key.publicKey(for: .ecdsaSecp256k1).rawRepresentation),
                                      contact: contact, ageRecipient: recipient, created: created)
                nomination = try Document(type: .nomination, body: try Nomination(body: body.json).json).signed(by: key, algorithm: .ecdsaSecp256k1)
            }
            try save(nomination, "nomination-\(slug).json", in: work)
            validators.append(Validator(label: name, key: key, nomination: nomination, identityFile: identityFile))
        }
        let group = try CoordinationGroup(group: Self.group, documents: validators.enumerated().map { ("nomination-\(["a", "b", "c"][$0]).json", $1.nomination) },
                                          at: try Timestamp(parsing: Self.created))
        for line in group.lines { say("   " + line) }
        return (validators, group)
    }

    /// Encrypts the private source to the admitted members with `age -R` and checks that each
    /// member decrypts it and that a validator outside the group cannot. Returns, per member, the
    /// repository to rebuild from (the decrypted copy, or the private repository without age).
    func distribute(_ privateRepo: GitRepository, to members: [CoordinationGroup.Member], validators: [Validator],
                    outsider: Validator, in work: DemoWorkspace, age: (age: String, keygen: String)?) throws -> (repositories: [String], passed: Bool) {
        guard let age else {
            say("   (skipped: the age tool is not installed, so nothing is encrypted; `apt-get install age`, or scripts/setup.sh,")
            say("    adds this step. The members rebuild from the private repository itself.)")
            return (members.map { _ in privateRepo.path }, true)
        }
        let recipients = "\(work.root)/group-recipients.txt"
        try AtomicFile.write(Array(CoordinationGroup.ageRecipientsFile(members).utf8), to: recipients)
        let patch = "\(work.root)/private-source.tar"
        _ = try Self.tool("/bin/tar", ["-cf", patch, "-C", privateRepo.path, "."])
        _ = try Self.tool(age.age, ["-R", recipients, "-o", patch + ".age", patch])
        say("   age -R group-recipients.txt (\(members.count) recipients) -o private-source.tar.age private-source.tar")
        var repositories: [String] = []
        var passed = true
        for member in members {
            guard let validator = validators.first(where: { $0.nomination.proposalID == member.proposalID }),
                  let identity = validator.identityFile else { throw DemoError("no age identity for \(member.file)") }
            let slug = validator.label.split(separator: " ").last!.lowercased()
            let copy = "\(work.root)/member-\(slug)"
            _ = try Self.tool(age.age, ["-d", "-i", identity, "-o", copy + ".tar", patch + ".age"])
            _ = try Self.tool("/bin/mkdir", ["-p", copy])
            _ = try Self.tool("/bin/tar", ["-xf", copy + ".tar", "-C", copy])
            say("   [ok] \(validator.label) decrypts it with its own identity (age -d -i)")
            repositories.append(copy)
        }
        if let identity = outsider.identityFile {
            let refused = (try? Self.tool(age.age, ["-d", "-i", identity, "-o", "\(work.root)/outsider.tar", patch + ".age"])) == nil
            say(refused ? "   [ok] \(outsider.label), not admitted, cannot decrypt it" : "   [FAIL] \(outsider.label) decrypted it")
            passed = refused
        }
        return (repositories, passed)
    }

    /// Each member rebuilds the private source (sandboxed when bubblewrap is there) and signs an attestation.
    func privateRebuilds(_ blessing: Document, repositories: [String], members: [Validator], reference: String,
                         in work: DemoWorkspace) throws -> (attestations: [(file: String, document: Document)], passed: Bool) {
        var attestations: [(file: String, document: Document)] = []
        var passed = true
        for (i, (member, repository)) in zip(members, repositories).enumerated() {
            say("   \(member.label) rebuilds the private source:")
            let report = try rebuild(blessing, from: try GitRepository(path: repository), reference: reference)
            passed = passed && report.allMatch
            let attestation = try Attestation.of(report, blessingDocument: blessing, builder: "\(member.label) (coordination group)",
                                                 finished: try Timestamp(parsing: Self.privateRebuildFinished[i % 2]))
            let signed = try Document(type: .attestation, body: attestation.json).signed(by: member.key, algorithm: .ecdsaSecp256k1)
            let name = "attestation-private-\(member.label.split(separator: " ").last!.lowercased()).json"
            try save(signed, name, in: work)
            attestations.append((name, signed))
        }
        return (attestations, passed)
    }
}
