import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealJSON

/// Documents made for the tests: fresh keys (`PrivateKey.generate`), real bodies, real signatures.
enum TestDocuments {
    static let commit = "0123456789abcdef0123456789abcdef01234567"
    static let created = try! Timestamp(parsing: "2026-11-21T12:00:00Z")

    static func artifact(_ name: String, content: String, urls: [String]) -> Blessing.Artifact {
        let bytes = Array(content.utf8)
        return Blessing.Artifact(name: name, size: UInt64(bytes.count), sha256: Hex.encode(Digest.sha256(bytes)), urls: urls)
    }

    static let gaiadAmd64 = artifact("gaiad-v15.0.0-linux-amd64", content: "amd64 binary",
                                     urls: ["https://github.com/cosmos/gaia/releases/download/v15.0.0/gaiad-v15.0.0-linux-amd64"])
    static let gaiadArm64 = artifact("gaiad-v15.0.0-linux-arm64", content: "arm64 binary",
                                     urls: ["https://example.com/gaiad-arm64?mirror=1", "https://mirror.example/gaiad-arm64"])

    static func blessing(chain: String = "cosmos:cosmoshub-4", version: String? = "v15.0.0",
                         title: String = "Gaia v15.0.0", summary: String = "Security release.",
                         artifacts: [Blessing.Artifact] = [gaiadAmd64, gaiadArm64]) -> Blessing {
        Blessing(chain: chain, title: title, summary: summary, proposer: "Example Foundation", version: version,
                 source: Blessing.Source(repository: "https://github.com/cosmos/gaia", commit: commit),
                 artifacts: artifacts, created: created)
    }

    /// A document of `body` signed once by a fresh key of each algorithm.
    static func signed(_ type: DocumentType, _ body: JSONObject,
                       by algorithms: [SignatureAlgorithm] = [.ed25519, .ecdsaSecp256k1, .bip340]) throws -> Document {
        var document = Document(type: type, body: body)
        for algorithm in algorithms {
            document = try document.signed(by: try PrivateKey.generate(algorithm.curve), algorithm: algorithm)
        }
        return document
    }

    static func signedBlessing(_ blessing: Blessing = blessing(),
                               by algorithms: [SignatureAlgorithm] = [.ed25519, .ecdsaSecp256k1, .bip340]) throws -> Document {
        try signed(.blessing, blessing.json, by: algorithms)
    }

    /// A nomination signed by the validator key it names.
    static func signedNomination(statement: String? = "I run a validator with 24/7 on-call security staff.") throws -> Document {
        let key = try PrivateKey.generate(.secp256k1)
        let publicKey = try key.publicKey(for: .ecdsaSecp256k1)
        let nomination = Nomination(
            chain: "cosmos:cosmoshub-4", group: "Cosmos Hub security response team",
            validator: Nomination.Validator(address: "cosmosvaloper1jhq436vwnxxzfqrvenk00ycnrpdzs8kdl6wv0l", algorithm: .ecdsaSecp256k1,
                                            publicKey: publicKey.rawRepresentation),
            contact: [(kind: "email", value: "security@validator.example")], statement: statement, created: created)
        return try Document(type: .nomination, body: nomination.json).signed(by: key)
    }

    static func signedAttestation() throws -> Document {
        let attestation = Attestation(
            subjects: [Attestation.Subject(name: gaiadAmd64.name, sha256: gaiadAmd64.sha256)],
            proposal: "sha256:" + String(repeating: "ab", count: 32), repository: "https://github.com/cosmos/gaia",
            commit: commit, command: "make build", builder: "rebuilder.example", finished: created)
        return try signed(.attestation, attestation.json, by: [.ed25519])
    }

    /// Parses JSON text the tests produce or read back.
    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONReader.parse(bytes, limits: .general)
    }
}

extension JSONValue {
    /// The member `name` of an object (nil for anything else), for field-by-field checks.
    subscript(_ name: String) -> JSONValue? { objectValue?[name] }
}
