import GovSealCrypto
import GovSealEncoding
import GovSealJSON

/// A govseal document: `{ "govseal": 1, "type", "body", "signatures" }` (DESIGN.md).
///
/// Immutable: adding a signature returns a new document. The body is kept exactly as read
/// (unknown members included), so the payload bytes never change on a round trip.
public struct Document: Sendable {
    public static let formatVersion: Int64 = 1
    /// DESIGN.md: documents larger than 16 MiB are errors.
    public static let maxSize = 16 << 20

    public let type: DocumentType
    public let body: JSONObject
    public let signatures: [SignatureEntry]
    /// RFC 8785 canonical bytes of `body`: the DSSE payload.
    public let payload: [UInt8]

    /// Builds a document from a body; computes the payload once.
    public init(type: DocumentType, body: JSONObject, signatures: [SignatureEntry] = []) {
        self.type = type
        self.body = body
        self.signatures = signatures
        self.payload = CanonicalJSON.encode(.object(body))
    }

    private init(type: DocumentType, body: JSONObject, signatures: [SignatureEntry], payload: [UInt8]) {
        self.type = type
        self.body = body
        self.signatures = signatures
        self.payload = payload
    }

    /// The DSSE payload type of this document's type.
    public var payloadType: String { type.payloadType }

    /// M, the bytes every signature covers: PAE(payloadType, payload).
    public var signingInput: [UInt8] { PAE.encode(payloadType: payloadType, payload: payload) }

    /// `sha256:` + hex(SHA-256(payload)); signatures do not change it.
    public var proposalID: String { "sha256:" + Hex.encode(Digest.sha256(payload)) }

    /// A copy with one more signature entry.
    public func adding(_ entry: SignatureEntry) -> Document {
        Document(type: type, body: body, signatures: signatures + [entry], payload: payload)
    }

    /// A copy with the given signatures (same body and payload).
    public func with(signatures: [SignatureEntry]) -> Document {
        Document(type: type, body: body, signatures: signatures, payload: payload)
    }

    /// The document as JSON, in the member order of DESIGN.md.
    public var json: JSONValue {
        .object(JSONObject([
            ("govseal", .integer(Document.formatVersion)),
            ("type", .string(type.rawValue)),
            ("body", .object(body)),
            ("signatures", .array(signatures.map(\.json))),
        ]))
    }

    /// The file bytes: pretty JSON with a trailing newline.
    public func serialized() -> [UInt8] { JSONWriter.pretty(json) }

    /// Parses a document strictly: I-JSON rules, exactly the four top-level members,
    /// `govseal` = 1, a known `type`, an object `body`, well-formed signature entries.
    /// The body's own fields are validated by `DocumentBody.decode`.
    ///
    /// Throws `DocumentError` with the JSON path of the first problem.
    public init(bytes: [UInt8]) throws {
        guard bytes.count <= Document.maxSize else {
            throw DocumentError(.malformedJSON, "document is \(bytes.count) bytes; the limit is 16 MiB")
        }
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes, limits: .document)
        } catch let error as JSONError {
            throw DocumentError(.malformedJSON, path: error.path, "\(error.reason) (line \(error.line), column \(error.column))")
        }
        try self.init(json: value)
    }

    /// Builds a document from already-parsed JSON (see `init(bytes:)`).
    public init(json value: JSONValue) throws {
        var reader = try FieldReader(value, path: "")
        let version = try reader.require("govseal")
        guard case .integer(Document.formatVersion) = version else {
            throw DocumentError(.invalidDocument, path: "govseal", "unsupported format version (expected 1)")
        }
        let typeText = try reader.string("type")
        guard let type = DocumentType(rawValue: typeText) else {
            throw DocumentError(.invalidDocument, path: "type",
                                "unknown type '\(typeText)' (expected blessing, nomination, reveal, attestation or policy)")
        }
        let bodyValue = try reader.require("body")
        guard case .object(let body) = bodyValue else {
            throw DocumentError(.invalidDocument, path: "body", "expected an object, found \(bodyValue.typeDescription)")
        }
        let items = try reader.array("signatures", nonEmpty: false)
        let entries = try items.enumerated().map { i, item in
            try SignatureEntry(json: item, path: BodyPath.index(i, of: "signatures"))
        }
        try reader.rejectUnknown()
        self.init(type: type, body: body, signatures: entries)
    }
}
