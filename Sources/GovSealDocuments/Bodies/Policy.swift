import GovSealCrypto
import GovSealEncoding
import GovSealJSON

/// Who must sign what: keys, and roles with thresholds over distinct keys.
/// The verifier uses the roles `proposer` (blessings, reveals), `rebuilder` (attestations) and
/// `root`: a policy with a `root` role is valid only when signed by that role's threshold, and
/// signs its own next version (`PolicyRotation`).
public struct Policy: Sendable, Equatable {
    /// The role that signs the policy itself and its next version.
    public static let rootRole = "root"

    public struct Key: Sendable, Equatable {
        public var publicKey: PublicKey
        public var label: String
        public init(publicKey: PublicKey, label: String) {
            self.publicKey = publicKey
            self.label = label
        }
    }

    public struct Role: Sendable, Equatable {
        public var keyIDs: [String] { didSet { members = Set(keyIDs) } }
        public var threshold: Int
        /// `keyIDs` as a set, so membership is one lookup however large the role.
        private var members: Set<String>
        public init(keyIDs: [String], threshold: Int) {
            self.keyIDs = keyIDs
            self.threshold = threshold
            members = Set(keyIDs)
        }

        /// True when the role lists `keyID`.
        public func contains(_ keyID: String) -> Bool { members.contains(keyID) }
    }

    public var name: String
    public var version: Int64
    public var expires: Timestamp
    /// keyid → key; every keyid is recomputed from the key and must match.
    public var keys: [(keyID: String, key: Key)] { didSet { keyIndex = Self.index(keys) } }
    /// keyid → position in `keys`, so a key is found in one lookup however large the policy.
    private var keyIndex: [String: Int]
    public var roles: [(name: String, role: Role)]
    public private(set) var warnings: [String] = []

    public init(name: String, version: Int64, expires: Timestamp, keys: [Key], roles: [(name: String, role: Role)]) {
        self.name = name
        self.version = version
        self.expires = expires
        self.keys = keys.map { ($0.publicKey.keyID, $0) }
        keyIndex = Self.index(self.keys)
        self.roles = roles
    }

    private static func index(_ keys: [(keyID: String, key: Key)]) -> [String: Int] {
        Dictionary(keys.enumerated().map { ($1.keyID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static func == (l: Policy, r: Policy) -> Bool {
        l.name == r.name && l.version == r.version && l.expires == r.expires
            && l.keys.map(\.keyID) == r.keys.map(\.keyID) && l.keys.map(\.key) == r.keys.map(\.key)
            && l.roles.map(\.name) == r.roles.map(\.name) && l.roles.map(\.role) == r.roles.map(\.role)
    }

    /// The role named `name`, if the policy defines it.
    public func role(_ name: String) -> Role? { roles.first { $0.name == name }?.role }

    /// The key with this keyid, if the policy lists it.
    public func key(_ keyID: String) -> Key? { keyIndex[keyID].map { keys[$0].key } }

    public init(body: JSONObject) throws {
        var r = try FieldReader(.object(body), path: "body")
        name = try r.string("name", maxLength: 1024)
        version = try r.integer("version", range: 1...(1 << 53))
        expires = try r.timestamp("expires")
        var k = try r.object("keys")
        var keys: [(keyID: String, key: Key)] = []
        for (position, (keyID, value)) in k.object.members.enumerated() {
            let p = k.childPath(keyID)
            k.markRead(position)
            try FieldReader.checkHex(keyID, lengths: [32], path: p)
            var e = try FieldReader(value, path: p)
            let algText = try e.string("alg")
            guard let alg = SignatureAlgorithm(rawValue: algText) else {
                throw DocumentError(.invalidValue, path: e.childPath("alg"), "unknown alg '\(algText)'")
            }
            let raw = try Hex.decode(try e.hex("public_key", lengths: [alg.publicKeyLength]))
            let key: PublicKey
            do {
                key = try PublicKey(algorithm: alg, rawRepresentation: raw)
            } catch {
                throw DocumentError(.invalidValue, path: e.childPath("public_key"), "not a valid \(alg.rawValue) public key: \(error)")
            }
            guard key.keyID == keyID else {
                throw DocumentError(.invalidValue, path: p, "keyid does not match the key (computed \(key.keyID))")
            }
            keys.append((keyID, Key(publicKey: key, label: try e.string("label", maxLength: 1024))))
            warnings += e.unknownMembers()
        }
        guard !keys.isEmpty else { throw DocumentError(.invalidValue, path: k.path, "a policy needs at least one key") }
        // One secp256k1 secret key has two public forms (33-byte ECDSA, 32-byte x-only BIP-340):
        // listing both would let one signer count twice toward a threshold.
        // The same holds for an Ed25519 key and its sshsig or nep413 form, and a secp256k1 key and its wallet forms.
        var signers: [[UInt8]: String] = [:]
        for (keyID, key) in keys {
            let signer = key.publicKey.algorithm.signerIdentity(of: key.publicKey.rawRepresentation)
            if let other = signers[signer] {
                throw DocumentError(.invalidValue, path: k.childPath(keyID),
                                    "the same \(key.publicKey.algorithm.curve.rawValue) key as \(other) (one key in two algorithms' forms)")
            }
            signers[signer] = keyID
        }
        self.keys = keys
        let index = Self.index(keys)
        keyIndex = index
        var ro = try r.object("roles")
        var roles: [(name: String, role: Role)] = []
        for (position, (roleName, value)) in ro.object.members.enumerated() {
            let p = ro.childPath(roleName)
            ro.markRead(position)
            var e = try FieldReader(value, path: p)
            var ids: [String] = []
            var listed = Set<String>()
            for (i, item) in try e.array("keyids").enumerated() {
                let ip = BodyPath.index(i, of: e.childPath("keyids"))
                let id = try FieldReader.string(item, path: ip)
                try FieldReader.checkHex(id, lengths: [32], path: ip)
                guard index[id] != nil else {
                    throw DocumentError(.invalidValue, path: ip, "keyid is not listed in body.keys")
                }
                guard listed.insert(id).inserted else { throw DocumentError(.invalidValue, path: ip, "keyid listed twice") }
                ids.append(id)
            }
            let threshold = try e.integer("threshold", range: 1...Int64(ids.count))
            roles.append((roleName, Role(keyIDs: ids, threshold: Int(threshold))))
            warnings += e.unknownMembers()
        }
        self.roles = roles
        warnings += r.unknownMembers()
    }

    public var json: JSONObject {
        JSONObject([
            ("name", .string(name)), ("version", .integer(version)), ("expires", .string(expires.text)),
            ("keys", .object(JSONObject(keys.map { id, key in
                (id, .object(JSONObject([
                    ("alg", .string(key.publicKey.algorithm.rawValue)),
                    ("public_key", .string(Hex.encode(key.publicKey.rawRepresentation))),
                    ("label", .string(key.label)),
                ])))
            }))),
            ("roles", .object(JSONObject(roles.map { name, role in
                (name, .object(JSONObject([
                    ("keyids", .array(role.keyIDs.map { .string($0) })), ("threshold", .integer(Int64(role.threshold))),
                ])))
            }))),
        ])
    }
}
