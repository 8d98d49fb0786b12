import GovSealChains
import GovSealCrypto
import GovSealEncoding
import GovSealJSON

/// A validator's self-nomination to a coordination group, signed with its validator key.
public struct Nomination: Sendable, Equatable {
    /// Contact kinds govseal knows; any other kind is an error (a typo would silently hide a contact).
    public static let contactKinds = ["discord", "email", "github", "keybase", "matrix", "signal", "telegram", "twitter", "website"]

    public struct Validator: Sendable, Equatable {
        public var address: String
        public var algorithm: SignatureAlgorithm
        public var publicKey: [UInt8]
        public init(address: String, algorithm: SignatureAlgorithm, publicKey: [UInt8]) {
            self.address = address
            self.algorithm = algorithm
            self.publicKey = publicKey
        }
    }

    public var chain: String
    public var group: String
    public var validator: Validator
    /// Contact kind → value, in document order.
    public var contact: [(kind: String, value: String)]
    /// Where the group sends confidential material (`body.recipients.age`): an age X25519
    /// recipient, `age1…`, checked to be one (bech32, HRP `age`, 32 bytes).
    public var ageRecipient: String?
    public var statement: String?
    public var created: Timestamp
    public var expires: Timestamp?
    public private(set) var warnings: [String] = []

    public init(chain: String, group: String, validator: Validator, contact: [(kind: String, value: String)],
                ageRecipient: String? = nil, statement: String? = nil, created: Timestamp, expires: Timestamp? = nil) {
        self.chain = chain
        self.group = group
        self.validator = validator
        self.contact = contact
        self.ageRecipient = ageRecipient
        self.statement = statement
        self.created = created
        self.expires = expires
    }

    public static func == (l: Nomination, r: Nomination) -> Bool {
        l.chain == r.chain && l.group == r.group && l.validator == r.validator && l.statement == r.statement
            && l.ageRecipient == r.ageRecipient
            && l.contact.map(\.kind) == r.contact.map(\.kind) && l.contact.map(\.value) == r.contact.map(\.value)
            && l.created == r.created && l.expires == r.expires
    }

    /// Validates and reads a nomination body; throws `DocumentError` with the JSON path.
    public init(body: JSONObject) throws {
        var r = try FieldReader(.object(body), path: "body")
        chain = try Validate.chain(try r.string("chain"), path: r.childPath("chain"))
        group = try r.string("group", maxLength: 1024)
        var v = try r.object("validator")
        let address = try v.string("address", maxLength: 256)
        let algText = try v.string("alg")
        guard let alg = SignatureAlgorithm(rawValue: algText) else {
            throw DocumentError(.invalidValue, path: v.childPath("alg"),
                                "unknown alg '\(algText)' (known: ed25519, ecdsa-secp256k1, bip340)")
        }
        let key = try Hex.decode(try v.hex("public_key", lengths: [alg.publicKeyLength]))
        if alg.curve == .ed25519 {
            try SignatureEntry.checkEd25519Key(key, path: v.childPath("public_key"), code: .invalidValue)
        }
        try Self.checkAddressSyntax(address, chain: chain, path: v.childPath("address"))
        validator = Validator(address: address, algorithm: alg, publicKey: key)
        var c = try r.object("contact")
        guard c.object.count > 0 else {
            throw DocumentError(.invalidValue, path: c.path, "at least one contact is required")
        }
        var contact: [(kind: String, value: String)] = []
        for (kind, value) in c.object.members {
            let p = c.childPath(kind)
            _ = c.raw(kind)
            guard Self.contactKinds.contains(kind) else {
                throw DocumentError(.invalidValue, path: p,
                                    "unknown contact kind '\(kind)' (known: \(Self.contactKinds.joined(separator: ", ")))")
            }
            contact.append((kind, try FieldReader.string(value, path: p, maxLength: 1024)))
        }
        self.contact = contact
        var recipientWarnings: [String] = []
        if var recipients = try r.optionalObject("recipients") {
            ageRecipient = try Self.checkAgeRecipient(try recipients.string("age", maxLength: 256), path: recipients.childPath("age"))
            recipientWarnings = recipients.unknownMembers()
        }
        statement = try r.optionalString("statement")
        created = try r.timestamp("created")
        expires = try r.optionalTimestamp("expires")
        if let expires, expires <= created {
            throw DocumentError(.invalidValue, path: "body.expires", "is not after body.created")
        }
        warnings = v.unknownMembers() + recipientWarnings + r.unknownMembers()
    }

    /// The human-readable part of an age X25519 recipient.
    public static let ageRecipientPrefix = "age"

    /// Checks that `text` is an age X25519 recipient as `age -r` takes it: lowercase bech32
    /// (not bech32m) with HRP `age` and a 32-byte key. Throws `DocumentError(.invalidValue)`
    /// naming `path` otherwise.
    public static func checkAgeRecipient(_ text: String, path: String) throws -> String {
        let decoded: (hrp: String, data: [UInt8], variant: Bech32.Variant)
        do {
            decoded = try Bech32.decode(text)
        } catch {
            throw DocumentError(.invalidValue, path: path, "not an age recipient (age1…): \(error)")
        }
        guard decoded.hrp == ageRecipientPrefix, decoded.variant == .bech32, decoded.data.count == 32,
              text == text.lowercased() else {
            throw DocumentError(.invalidValue, path: path,
                                "not an age X25519 recipient: expected lowercase bech32 'age1…' of 32 bytes, found "
                                    + "prefix '\(decoded.hrp)', \(decoded.data.count) bytes, \(decoded.variant)")
        }
        return text
    }

    /// A stated address that is not even a well-formed address of the chain (a bad bech32, EIP-55
    /// or ICP checksum) is malformed input. Whether the key derives it is a verification check.
    static func checkAddressSyntax(_ address: String, chain: String, path: String) throws {
        guard let id = try? ChainID(parsing: chain), let family = try? id.family else { return }
        do {
            if family == .cosmos {
                _ = try Bech32.decode(address)  // any prefix: unknown Cosmos chains take it from a flag
            } else {
                try ChainRules.validateAddress(address, on: id)
            }
        } catch {
            throw DocumentError(.invalidValue, path: path, "not a valid \(id.namespace) address: \(error)")
        }
    }

    public var json: JSONObject {
        var body = JSONObject([
            ("chain", .string(chain)), ("group", .string(group)),
            ("validator", .object(JSONObject([
                ("address", .string(validator.address)), ("alg", .string(validator.algorithm.rawValue)),
                ("public_key", .string(Hex.encode(validator.publicKey))),
            ]))),
            ("contact", .object(JSONObject(contact.map { ($0.kind, .string($0.value)) }))),
        ])
        if let ageRecipient { body["recipients"] = .object(JSONObject([("age", .string(ageRecipient))])) }
        if let statement { body["statement"] = .string(statement) }
        body["created"] = .string(created.text)
        if let expires { body["expires"] = .string(expires.text) }
        return body
    }
}
