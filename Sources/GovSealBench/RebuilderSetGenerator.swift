import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealJSON

/// Writes the worst case for counting rebuilders (issue 12): one embargoed blessing, its reveal,
/// and COUNT attestations that all agree, each signed by its own ed25519 key, with a policy whose
/// `rebuilder` role lists all COUNT keys (threshold COUNT), so every attestation is counted:
///
///     DIR/policy.json   DIR/docs/blessing.json   DIR/docs/reveal.json   DIR/att/att-NNNNN.json
///
/// `govseal verify DIR/docs --policy DIR/policy.json --attestations DIR/att` then counts COUNT
/// distinct keys; `bench/rebuilders.sh` times it for several COUNTs to show the growth is linear.
enum RebuilderSetGenerator {
    static func write(count: Int, to directory: String) throws {
        try BenchFile.makeDirectory(directory + "/docs")
        try BenchFile.makeDirectory(directory + "/att")
        let proposer = try DocumentGenerator.key(.ed25519, index: 0)
        let blessingDocument = try Document(type: .blessing, body: DocumentGenerator.body(0)).signed(by: proposer)
        let blessing = try Blessing(body: blessingDocument.body)
        let reveal = Reveal(proposal: blessingDocument.proposalID, chain: blessing.chain, source: blessing.source,
                            rolloutCompleted: try Timestamp(parsing: "2026-01-10T00:00:00Z"),
                            disclosed: try Timestamp(parsing: "2026-01-20T00:00:00.5Z"))
        try BenchFile.write(blessingDocument.serialized(), to: directory + "/docs/blessing.json")
        try BenchFile.write(try Document(type: .reveal, body: reveal.json).signed(by: proposer).serialized(),
                            to: directory + "/docs/reveal.json")

        let subjects = blessing.artifacts.map { Attestation.Subject(name: $0.name, sha256: $0.sha256) }
        var rebuilderKeys: [PublicKey] = []
        rebuilderKeys.reserveCapacity(count)
        for index in 0..<count {
            let seed = Digest.sha256(Array("govseal bench rebuilder \(index)".utf8))
            let key = try PrivateKey(curve: .ed25519, rawRepresentation: seed)
            rebuilderKeys.append(try key.publicKey(for: .ed25519))
            let attestation = Attestation(subjects: subjects, proposal: blessingDocument.proposalID,
                                          repository: blessing.source.repository, commit: blessing.source.commit,
                                          command: "make dist", builder: "rebuilder \(index)",
                                          finished: try Timestamp(parsing: "2026-01-21T00:00:00Z"))
            let document = try Document(type: .attestation, body: attestation.json).signed(by: key)
            let name = "att-" + String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index) + ".json"
            try BenchFile.write(document.serialized(), to: directory + "/att/" + name)
        }
        let proposerKey = try proposer.publicKey(for: .ed25519)
        let policy = Policy(name: "bench rebuilders", version: 1, expires: try Timestamp(parsing: "2099-01-01T00:00:00Z"),
                            keys: ([proposerKey] + rebuilderKeys).map { Policy.Key(publicKey: $0, label: "k") },
                            roles: [("proposer", Policy.Role(keyIDs: [proposerKey.keyID], threshold: 1)),
                                    ("rebuilder", Policy.Role(keyIDs: rebuilderKeys.map(\.keyID), threshold: count))])
        try BenchFile.write(try Document(type: .policy, body: policy.json).signed(by: proposer).serialized(),
                            to: directory + "/policy.json")
    }
}
