import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealJSON

/// Reads a DSSE envelope back into a govseal `Document`, so `govseal verify` gives an envelope
/// the same verdict as the document it was exported from.
public enum DSSEImport {
    /// An envelope may hold a 16 MiB document's payload in base64 (4/3 larger) plus signatures.
    static let limits = JSONLimits(maxBytes: Document.maxSize / 3 * 4 + (1 << 20), maxDepth: 64, integersOnly: true)

    /// Parses a DSSE JSON envelope (secure-systems-lab/dsse envelope.md) into a document.
    ///
    /// - `payloadType` must be one of govseal's (DESIGN.md, "What is signed").
    /// - `payload` is base64 (standard or URL-safe, as envelope.md allows) of the body, which
    ///   must be a JSON object in its RFC 8785 canonical form: govseal signs canonical bodies,
    ///   and re-canonicalising a different text would silently change the signed bytes.
    /// - Each signature's key comes from the non-standard `alg` + `public_key` members our
    ///   export writes, or else from `keys`, matched by the govseal keyid in `keyid`.
    /// - ECDSA `sig` is DER (converted to r‖s without normalising S); others are raw 64 bytes.
    /// - Unknown members are ignored, as envelope.md requires of consumers.
    ///
    /// Nothing here is verified: the returned document's signatures are checked by `Verifier`
    /// exactly as a document file's are. A stored keyid that is a govseal keyid (64 lowercase
    /// hex) is kept as the hint, so a wrong one is reported; an empty or foreign keyid is
    /// replaced by the key's own.
    ///
    /// Throws `ExportError` (`.malformedEnvelope`, `.missingKey`) naming the JSON path.
    public static func document(from bytes: [UInt8], keys: [PublicKey] = []) throws -> Document {
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes, limits: limits)
        } catch {
            throw ExportError(.malformedEnvelope, "not a strict JSON envelope: \(error)")
        }
        return try document(from: value, keys: keys)
    }

    /// Builds a document from an already-parsed envelope (see `document(from:keys:)`).
    public static func document(from value: JSONValue, keys: [PublicKey] = []) throws -> Document {
        guard case .object(let envelope) = value else {
            throw ExportError(.malformedEnvelope, "a DSSE envelope is a JSON object, found \(value.typeDescription)")
        }
        let typeText = try string(envelope, "payloadType", at: "")
        guard let type = DocumentType(payloadType: typeText) else {
            let known = DocumentType.allCases.map(\.payloadType).joined(separator: ", ")
            throw ExportError(.malformedEnvelope, place: "payloadType", "'\(typeText)' is not a govseal payload type (known: \(known))")
        }
        let body = try payloadBody(try string(envelope, "payload", at: ""))
        guard case .array(let items)? = envelope["signatures"] else {
            throw ExportError(.malformedEnvelope, place: "signatures", envelope["signatures"] == nil
                ? "required member is missing" : "expected an array")
        }
        let entries = try items.enumerated().map { index, item in
            try signatureEntry(item, path: "signatures[\(index)]", keys: keys)
        }
        return Document(type: type, body: body, signatures: entries)
    }

    // MARK: - Payload

    static func payloadBody(_ text: String) throws -> JSONObject {
        let payload: [UInt8]
        do {
            payload = try decodeBase64(text)
        } catch {
            throw ExportError(.malformedEnvelope, place: "payload", "not base64: \(error)")
        }
        guard payload.count <= Document.maxSize else {
            throw ExportError(.malformedEnvelope, place: "payload", "the payload is \(payload.count) bytes; the limit is 16 MiB")
        }
        let json: JSONValue
        do {
            json = try JSONReader.parse(payload, limits: JSONLimits(maxBytes: Document.maxSize, maxDepth: JSONLimits.document.maxDepth - 1, integersOnly: true))  // the body nests one level below a document's root
        } catch {
            throw ExportError(.malformedEnvelope, place: "payload", "the decoded payload is not a strict JSON body: \(error)")
        }
        guard case .object(let body) = json else {
            throw ExportError(.malformedEnvelope, place: "payload", "the decoded payload is \(json.typeDescription), not a JSON object")
        }
        guard CanonicalJSON.encode(json) == payload else {
            throw ExportError(.malformedEnvelope, place: "payload",
                              "the decoded payload is not in RFC 8785 canonical form (govseal signs the canonical body)")
        }
        return body
    }

    /// Base64 as envelope.md allows it: the standard or the URL-safe alphabet (never both in
    /// one string), padded, or unpadded (as base64url usually is). Non-canonical trailing bits
    /// are rejected by `Base64.decode`.
    static func decodeBase64(_ text: String) throws -> [UInt8] {
        var bytes = Array(text.utf8)
        if bytes.contains(0x2d) || bytes.contains(0x5f) {  // '-' '_'
            guard !bytes.contains(0x2b), !bytes.contains(0x2f) else {  // '+' '/'
                throw ExportError(.malformedEnvelope, "mixes the standard and URL-safe base64 alphabets")
            }
            bytes = bytes.map { $0 == 0x2d ? 0x2b : $0 == 0x5f ? 0x2f : $0 }
        }
        if !bytes.contains(0x3d), bytes.count % 4 != 0 {  // unpadded
            bytes += Array(repeating: 0x3d, count: 4 - bytes.count % 4)
        }
        return try Base64.decode(String(decoding: bytes, as: UTF8.self))
    }

    // MARK: - Signatures

    static func signatureEntry(_ item: JSONValue, path: String, keys: [PublicKey]) throws -> SignatureEntry {
        guard case .object(let object) = item else {
            throw ExportError(.malformedEnvelope, place: path, "expected an object, found \(item.typeDescription)")
        }
        let keyIDHint = try optionalString(object, "keyid", at: path) ?? ""
        let key = try publicKey(object, path: path, keyIDHint: keyIDHint, keys: keys)
        let sigText = try string(object, "sig", at: path)
        let raw: [UInt8]
        do {
            raw = try decodeBase64(sigText)
        } catch {
            throw ExportError(.malformedEnvelope, place: "\(path).sig", "not base64: \(error)")
        }
        let signature: [UInt8]
        if key.algorithm == .ecdsaSecp256k1 {
            do {
                signature = try ECDSASecp256k1.compactFromDER(raw)
            } catch {
                throw ExportError(.malformedEnvelope, place: "\(path).sig", "expected a DER ECDSA signature: \(error)")
            }
        } else {
            guard raw.count == key.algorithm.signatureLength else {
                throw ExportError(.malformedEnvelope, place: "\(path).sig",
                                  "an \(key.algorithm.rawValue) signature is \(key.algorithm.signatureLength) bytes, found \(raw.count)")
            }
            signature = raw
        }
        let keyID = Hex.isLowercase(keyIDHint, length: 32) ? keyIDHint : key.keyID
        return SignatureEntry(keyID: keyID, algorithm: key.algorithm, publicKey: key.rawRepresentation, signature: signature)
    }

    /// The signature's key: from `alg` + `public_key` when present, else the given key whose
    /// govseal keyid is the entry's `keyid`.
    static func publicKey(_ object: JSONObject, path: String, keyIDHint: String, keys: [PublicKey]) throws -> PublicKey {
        let algText = try optionalString(object, DSSE.algorithmMember, at: path)
        let keyText = try optionalString(object, DSSE.publicKeyMember, at: path)
        switch (algText, keyText) {
        case let (algText?, keyText?):
            guard let alg = SignatureAlgorithm(rawValue: algText) else {
                throw ExportError(.malformedEnvelope, place: "\(path).alg",
                                  "unknown alg '\(algText)' (known: ed25519, ecdsa-secp256k1, bip340)")
            }
            guard Hex.isLowercase(keyText, length: alg.publicKeyLength) else {
                throw ExportError(.malformedEnvelope, place: "\(path).public_key",
                                  "expected \(alg.publicKeyLength * 2) lowercase hex digits of an \(alg.rawValue) key")
            }
            do {
                return try PublicKey(algorithm: alg, rawRepresentation: try Hex.decode(keyText))
            } catch {
                throw ExportError(.malformedEnvelope, place: "\(path).public_key", "\(error)")
            }
        case (nil, nil):
            guard let key = keys.first(where: { $0.keyID == keyIDHint }) else {
                throw ExportError(.missingKey, place: path, keyIDHint.isEmpty
                    ? "the signature has no keyid and no \"alg\"/\"public_key\"; its key is unknown"
                    : "no \"alg\"/\"public_key\" and no given key has keyid \(keyIDHint)")
            }
            return key
        case (nil, _?):
            throw ExportError(.malformedEnvelope, place: "\(path).alg", "\"public_key\" needs \"alg\" beside it")
        case (_?, nil):
            throw ExportError(.malformedEnvelope, place: "\(path).public_key", "\"alg\" needs \"public_key\" beside it")
        }
    }

    // MARK: - Members

    static func string(_ object: JSONObject, _ name: String, at path: String) throws -> String {
        guard let text = try optionalString(object, name, at: path) else {
            throw ExportError(.malformedEnvelope, place: member(name, of: path), "required member is missing")
        }
        return text
    }

    static func optionalString(_ object: JSONObject, _ name: String, at path: String) throws -> String? {
        guard let value = object[name] else { return nil }
        guard case .string(let text) = value else {
            throw ExportError(.malformedEnvelope, place: member(name, of: path), "expected a string, found \(value.typeDescription)")
        }
        return text
    }

    static func member(_ name: String, of path: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }
}
