import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealJSON

/// Writes a corpus of signed blessings for the verification benchmark: realistic bodies (two
/// artifacts with digests and URLs, a build recipe, an embargo), one signature each, the
/// algorithms in turn (ed25519, ecdsa-secp256k1, bip340), keys drawn from a small fixed pool.
///
/// Everything is derived from the document index, so two runs write the same bodies and keys
/// (BIP-340 signatures differ: they use fresh auxiliary randomness).
enum DocumentGenerator {
    static let algorithms: [SignatureAlgorithm] = [.ed25519, .ecdsaSecp256k1, .bip340]
    static let keysPerAlgorithm = 8

    /// Writes `count` documents as `DIR/doc-NNNNN.json`; returns how many of each algorithm.
    static func write(count: Int, to directory: String) throws -> [SignatureAlgorithm: Int] {
        let keys = try algorithms.map { algorithm in
            try (0..<keysPerAlgorithm).map { try key(algorithm, index: $0) }
        }
        var counts: [SignatureAlgorithm: Int] = [:]
        for index in 0..<count {
            let slot = index % algorithms.count
            let algorithm = algorithms[slot]
            let key = keys[slot][(index / algorithms.count) % keysPerAlgorithm]
            let document = try Document(type: .blessing, body: body(index)).signed(by: key, algorithm: algorithm)
            let name = "doc-" + String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index) + ".json"
            try BenchFile.write(document.serialized(), to: directory + "/" + name)
            counts[algorithm, default: 0] += 1
        }
        return counts
    }

    /// The deterministic key number `index` of `algorithm`'s curve.
    static func key(_ algorithm: SignatureAlgorithm, index: Int) throws -> PrivateKey {
        let seed = Digest.sha256(Array("govseal bench key \(algorithm.curve.rawValue) \(index)".utf8))
        return try PrivateKey(curve: algorithm.curve, rawRepresentation: seed)
    }

    /// A blessing body shaped like a real release (about 1.5 KB of canonical JSON).
    static func body(_ index: Int) -> JSONObject {
        let version = "v\(1 + index / 1000).\(index / 100 % 10).\(index % 100)"
        let commit = Hex.encode(Digest.sha1(Array("commit \(index)".utf8)))
        let tree = Hex.encode(Digest.sha1(Array("tree \(index)".utf8)))
        let names = ["node-linux-amd64.tar.gz", "node-linux-arm64.tar.gz"]
        let artifacts: [JSONValue] = names.enumerated().map { position, name in
            .object(JSONObject([
                ("name", .string(name)),
                ("size", .integer(Int64(40_000_000 + index * 7 + position))),
                ("digests", .object(JSONObject([
                    ("sha256", .string(Hex.encode(Digest.sha256(Array("\(name) \(index)".utf8))))),
                ]))),
                ("urls", .array([.string("https://releases.example.org/\(version)/\(name)")])),
            ]))
        }
        let outputs = JSONObject(names.map { ($0, JSONValue.string("dist/" + $0)) })
        return JSONObject([
            ("chain", .string("cosmos:agoric-3")),
            ("title", .string("example-node \(version) (security release)")),
            ("summary", .string("Fixes a denial of service in vote extension handling. Details after disclosure. Document \(index).")),
            ("proposer", .string("Example Foundation")),
            ("release", .object(JSONObject([
                ("version", .string(version)),
                ("source", .object(JSONObject([
                    ("repository", .string("https://example.org/example-node.git")),
                    ("commit", .string(commit)),
                    ("tree", .string(tree)),
                ]))),
                ("artifacts", .array(artifacts)),
                ("build", .object(JSONObject([
                    ("command", .string("make dist")),
                    ("outputs", .object(outputs)),
                ]))),
            ]))),
            ("embargo", .object(JSONObject([
                ("reason", .string("CVE-2026-\(1000 + index % 9000) (denial of service); coordinated disclosure after the rollout")),
                ("quiet_period_days", .integer(10)),
            ]))),
            ("created", .string("2026-01-05T12:00:00Z")),
        ])
    }
}
