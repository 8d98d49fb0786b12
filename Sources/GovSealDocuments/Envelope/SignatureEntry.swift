import GovSealCrypto
import GovSealEncoding
import GovSealJSON

/// One member of a document's `signatures` array, as stored. Nothing in it is trusted: the
/// `keyid` is a hint that verification recomputes, and the signature is checked against M.
public struct SignatureEntry: Sendable, Equatable {
    public let keyID: String
    public let algorithm: SignatureAlgorithm
    public let publicKey: [UInt8]
    public let signature: [UInt8]

    public init(keyID: String, algorithm: SignatureAlgorithm, publicKey: [UInt8], signature: [UInt8]) {
        self.keyID = keyID
        self.algorithm = algorithm
        self.publicKey = publicKey
        self.signature = signature
    }

    /// The entry for a signature made by `key`.
    public init(publicKey key: PublicKey, signature: [UInt8]) {
        self.init(keyID: key.keyID, algorithm: key.algorithm, publicKey: key.rawRepresentation, signature: signature)
    }

    var json: JSONValue {
        .object(JSONObject([
            ("keyid", .string(keyID)),
            ("alg", .string(algorithm.rawValue)),
            ("public_key", .string(Hex.encode(publicKey))),
            ("sig", .string(Hex.encode(signature))),
        ]))
    }

    /// Reads an entry strictly: exactly the four members, a known alg, lowercase hex of the
    /// alg's lengths, and an Ed25519 key that is canonical and not of small order
    /// (`Ed25519.checkPublicKey`; such a key would verify forged signatures). Whether a
    /// secp256k1 key is a valid point is a verification matter.
    init(json: JSONValue, path: String) throws {
        var reader = try FieldReader(json, path: path)
        let algText = try reader.string("alg")
        guard let alg = SignatureAlgorithm(rawValue: algText) else {
            throw DocumentError(.invalidSignatureEntry, path: reader.childPath("alg"),
                                "unknown alg '\(algText)' (known: \(SignatureAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let keyID = try reader.hex("keyid", lengths: [32])
        let publicKey = try Hex.decode(try reader.hex("public_key", lengths: [alg.publicKeyLength]))
        if alg.curve == .ed25519 {
            try Self.checkEd25519Key(alg.curveKey(of: publicKey), path: reader.childPath("public_key"), code: .invalidSignatureEntry)
        }
        let signature = try reader.hex("sig", lengths: [alg.signatureLength])
        try reader.rejectUnknown()
        self.init(keyID: keyID, algorithm: alg, publicKey: publicKey, signature: try Hex.decode(signature))
    }

    /// Applies `Ed25519.checkPublicKey` to a key read at `path`, as a `DocumentError` naming the path.
    static func checkEd25519Key(_ key: [UInt8], path: String, code: DocumentError.Code) throws {
        do {
            try Ed25519.checkPublicKey(key)
        } catch let error as CryptoError {
            throw DocumentError(code, path: path, error.reason)
        }
    }
}
