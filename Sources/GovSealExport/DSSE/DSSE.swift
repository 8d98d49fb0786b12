import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealJSON

/// DSSE (Dead Simple Signing Envelope) v1 envelopes of govseal documents, and the way back.
///
/// A govseal signature covers M = PAE(payloadType, JCS(body)), which is exactly what DSSE
/// signs (secure-systems-lab/dsse protocol.md), so a document becomes a standard envelope
/// (envelope.md) whose signatures verify unchanged with any DSSE verifier. An attestation's
/// envelope (`application/vnd.in-toto+json`) is a standard in-toto attestation.
public enum DSSE {
    /// The non-standard signature member naming the signature algorithm (govseal's `alg`).
    /// DSSE consumers must ignore unrecognized fields (envelope.md, "Parsing rules").
    public static let algorithmMember = "alg"
    /// The non-standard signature member carrying the public key as lowercase hex, in the
    /// raw form of the document format (DESIGN.md: 32, 33 or 32 bytes).
    public static let publicKeyMember = "public_key"

    /// The DSSE JSON envelope of `document`: `payload` = base64 of the JCS body, `payloadType`,
    /// and one `{keyid, sig, alg, public_key}` per signature, `sig` in base64.
    ///
    /// ECDSA signatures are converted from the stored 64-byte r‖s to DER, as DSSE verifiers
    /// expect; S is never normalised, so a high-S signature stays invalid. Ed25519 and BIP-340
    /// signatures are unchanged. Throws `CryptoError` when a stored ECDSA signature has r or s
    /// outside the group order (it cannot be written as DER, and never verifies anyway).
    public static func envelope(for document: Document) throws -> JSONValue {
        let signatures = try document.signatures.map { entry -> JSONValue in
            let sig = entry.algorithm == .ecdsaSecp256k1
                ? try ECDSASecp256k1.derFromCompact(entry.signature)
                : entry.signature
            return .object(JSONObject([
                ("keyid", .string(entry.keyID)),
                ("sig", .string(Base64.encode(sig))),
                (algorithmMember, .string(entry.algorithm.rawValue)),
                (publicKeyMember, .string(Hex.encode(entry.publicKey))),
            ]))
        }
        return .object(JSONObject([
            ("payload", .string(Base64.encode(document.payload))),
            ("payloadType", .string(document.payloadType)),
            ("signatures", .array(signatures)),
        ]))
    }

    /// The envelope as file bytes: pretty JSON with a trailing newline.
    public static func envelopeBytes(for document: Document) throws -> [UInt8] {
        JSONWriter.pretty(try envelope(for: document))
    }

    /// True when `value` is a DSSE envelope rather than a govseal document: an object with a
    /// `payloadType` member and no `govseal` member. (`verify` uses it to pick the reader.)
    public static func looksLikeEnvelope(_ value: JSONValue) -> Bool {
        guard case .object(let object) = value else { return false }
        return object["payloadType"] != nil && object["govseal"] == nil
    }

    /// Reads a DSSE envelope back into the govseal document it stands for; see
    /// `DSSEImport.document(from:keys:)` for the rules.
    public static func document(fromEnvelope bytes: [UInt8], keys: [PublicKey] = []) throws -> Document {
        try DSSEImport.document(from: bytes, keys: keys)
    }
}
