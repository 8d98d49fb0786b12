import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealExport
import GovSealJSON
import Testing

@Suite("DSSE import")
struct DSSEImportTests {
    /// A way a document can be (in)valid; each must get the same verdict through an envelope.
    enum Variant: String, CaseIterable, CustomTestStringConvertible {
        case valid, tamperedSignature, highS, wrongKeyID, duplicateKey, unsigned
        var testDescription: String { rawValue }

        func apply(_ document: Document) -> Document {
            var entries = document.signatures
            switch self {
            case .valid: break
            case .tamperedSignature:
                var sig = entries[0].signature
                sig[10] ^= 0x40
                entries[0] = SignatureEntry(keyID: entries[0].keyID, algorithm: entries[0].algorithm,
                                            publicKey: entries[0].publicKey, signature: sig)
            case .highS:
                let i = entries.firstIndex { $0.algorithm == .ecdsaSecp256k1 }!
                let s = Array(entries[i].signature[32...])
                entries[i] = SignatureEntry(keyID: entries[i].keyID, algorithm: .ecdsaSecp256k1, publicKey: entries[i].publicKey,
                                            signature: Array(entries[i].signature[..<32]) + Self.negate(s))
            case .wrongKeyID:
                entries[0] = SignatureEntry(keyID: String(repeating: "0", count: 64), algorithm: entries[0].algorithm,
                                            publicKey: entries[0].publicKey, signature: entries[0].signature)
            case .duplicateKey: entries.append(entries[0])
            case .unsigned: entries = []
            }
            return document.with(signatures: entries)
        }

        /// n − s for the secp256k1 group order n: the high-S twin of a low-S signature.
        static func negate(_ s: [UInt8]) -> [UInt8] {
            let n = try! Hex.decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
            var out = [UInt8](repeating: 0, count: 32)
            var borrow = 0
            for i in (0..<32).reversed() {
                var d = Int(n[i]) - Int(s[i]) - borrow
                borrow = d < 0 ? 1 : 0
                if d < 0 { d += 256 }
                out[i] = UInt8(d)
            }
            return out
        }
    }

    @Test("blessing → dsse → DSSE.document → Verifier gives the document's verdict", arguments: Variant.allCases)
    func sameVerdict(variant: Variant) throws {
        let document = variant.apply(try TestDocuments.signedBlessing())
        let imported = try DSSE.document(fromEnvelope: try DSSE.envelopeBytes(for: document))
        #expect(imported.type == document.type)
        #expect(imported.payload == document.payload)
        #expect(imported.signatures == document.signatures)
        let context = VerificationContext(now: try Timestamp(parsing: "2026-11-22T00:00:00Z"))
        let original = try Verifier.verify(document, context: context)
        let roundTrip = try Verifier.verify(imported, context: context)
        #expect(roundTrip.passed == original.passed)
        // A repeated key counts once but is not an error (DESIGN.md: distinct keys are counted).
        #expect(roundTrip.passed == (variant == .valid || variant == .duplicateKey))
        #expect(roundTrip.proposalID == original.proposalID)
        #expect(roundTrip.signatures == original.signatures)
        #expect(roundTrip.checks == original.checks)
    }

    @Test("an envelope without alg/public_key takes the keys it is given, matched by keyid")
    func givenKeys() throws {
        let document = try TestDocuments.signedBlessing()
        let stripped = try edit(document) { envelope in
            envelope["signatures"] = .array(envelope["signatures"]!.arrayValue!.map { entry in
                var object = entry.objectValue!
                object["alg"] = nil
                object["public_key"] = nil
                return .object(object)
            })
        }
        let keys = try document.signatures.map { try PublicKey(algorithm: $0.algorithm, rawRepresentation: $0.publicKey) }
        let imported = try DSSE.document(fromEnvelope: stripped, keys: keys.reversed())
        #expect(imported.signatures == document.signatures)
        #expect(throws: ExportError(.missingKey, "")) { try DSSE.document(fromEnvelope: stripped, keys: Array(keys.dropFirst())) }
    }

    @Test("URL-safe, unpadded base64 is accepted (envelope.md allows either alphabet)")
    func urlSafeBase64() throws {
        let document = try TestDocuments.signedBlessing()
        func urlSafe(_ text: String) -> String {
            String(text.unicodeScalars.compactMap { c -> Character? in
                c == "+" ? "-" : c == "/" ? "_" : c == "=" ? nil : Character(c)
            })
        }
        let converted = try edit(document) { envelope in
            envelope["payload"] = .string(urlSafe(envelope["payload"]!.stringValue!))
            envelope["signatures"] = .array(envelope["signatures"]!.arrayValue!.map { entry in
                var object = entry.objectValue!
                object["sig"] = .string(urlSafe(object["sig"]!.stringValue!))
                return .object(object)
            })
        }
        let imported = try DSSE.document(fromEnvelope: converted)
        #expect(imported.payload == document.payload)
        #expect(imported.signatures == document.signatures)
    }

    @Test("unknown members are ignored (envelope.md: consumers MUST ignore unrecognized fields)")
    func unknownMembersIgnored() throws {
        let document = try TestDocuments.signedBlessing(by: [.ed25519])
        let extended = try edit(document) { envelope in
            envelope["x-note"] = .string("added by a transport")
            var entry = envelope["signatures"]!.arrayValue![0].objectValue!
            entry["cert"] = .null
            envelope["signatures"] = .array([.object(entry)])
        }
        #expect(try DSSE.document(fromEnvelope: extended).signatures == document.signatures)
    }

    struct BadEnvelope: CustomTestStringConvertible, Sendable {
        let name: String
        let code: ExportError.Code
        let place: String
        let change: @Sendable (inout JSONObject) -> Void
        var testDescription: String { name }
    }

    static func inFirstSignature(_ change: @escaping @Sendable (inout JSONObject) -> Void) -> @Sendable (inout JSONObject) -> Void {
        { envelope in
            var entries = envelope["signatures"]!.arrayValue!
            var first = entries[0].objectValue!
            change(&first)
            entries[0] = .object(first)
            envelope["signatures"] = .array(entries)
        }
    }

    static let badEnvelopes: [BadEnvelope] = [
        BadEnvelope(name: "no payloadType", code: .malformedEnvelope, place: "payloadType") { $0["payloadType"] = nil },
        BadEnvelope(name: "foreign payloadType", code: .malformedEnvelope, place: "payloadType") { $0["payloadType"] = .string("application/json") },
        BadEnvelope(name: "payloadType not a string", code: .malformedEnvelope, place: "payloadType") { $0["payloadType"] = .integer(1) },
        BadEnvelope(name: "no payload", code: .malformedEnvelope, place: "payload") { $0["payload"] = nil },
        BadEnvelope(name: "payload not base64", code: .malformedEnvelope, place: "payload") { $0["payload"] = .string("%%%%") },
        BadEnvelope(name: "payload not canonical", code: .malformedEnvelope, place: "payload") { envelope in
            let body = try! JSONReader.parse(try! Base64.decode(envelope["payload"]!.stringValue!))
            envelope["payload"] = .string(Base64.encode(JSONWriter.pretty(body)))
        },
        BadEnvelope(name: "payload an array", code: .malformedEnvelope, place: "payload") { $0["payload"] = .string(Base64.encode(Array("[]".utf8))) },
        BadEnvelope(name: "payload not JSON", code: .malformedEnvelope, place: "payload") { $0["payload"] = .string(Base64.encode(Array("{\"a\":".utf8))) },
        BadEnvelope(name: "no signatures", code: .malformedEnvelope, place: "signatures") { $0["signatures"] = nil },
        BadEnvelope(name: "signatures an object", code: .malformedEnvelope, place: "signatures") { $0["signatures"] = .object(JSONObject()) },
        BadEnvelope(name: "signature not an object", code: .malformedEnvelope, place: "signatures[0]") { $0["signatures"] = .array([.string("x")]) },
        BadEnvelope(name: "no sig", code: .malformedEnvelope, place: "signatures[0].sig", change: inFirstSignature { $0["sig"] = nil }),
        BadEnvelope(name: "sig not base64", code: .malformedEnvelope, place: "signatures[0].sig", change: inFirstSignature { $0["sig"] = .string("@@@@") }),
        BadEnvelope(name: "ed25519 sig of 63 bytes", code: .malformedEnvelope, place: "signatures[0].sig",
                    change: inFirstSignature { $0["sig"] = .string(Base64.encode([UInt8](repeating: 1, count: 63))) }),
        BadEnvelope(name: "unknown alg", code: .malformedEnvelope, place: "signatures[0].alg", change: inFirstSignature { $0["alg"] = .string("rsa") }),
        BadEnvelope(name: "public_key without alg", code: .malformedEnvelope, place: "signatures[0].alg", change: inFirstSignature { $0["alg"] = nil }),
        BadEnvelope(name: "alg without public_key", code: .malformedEnvelope, place: "signatures[0].public_key",
                    change: inFirstSignature { $0["public_key"] = nil }),
        BadEnvelope(name: "public_key in uppercase hex", code: .malformedEnvelope, place: "signatures[0].public_key",
                    change: inFirstSignature { $0["public_key"] = .string($0["public_key"]!.stringValue!.uppercased()) }),
        BadEnvelope(name: "keyid not a string", code: .malformedEnvelope, place: "signatures[0].keyid", change: inFirstSignature { $0["keyid"] = .integer(7) }),
        BadEnvelope(name: "no key anywhere", code: .missingKey, place: "signatures[0]", change: inFirstSignature {
            $0["alg"] = nil
            $0["public_key"] = nil
        }),
    ]

    @Test("malformed envelopes are rejected at the right place", arguments: badEnvelopes)
    func rejects(_ bad: BadEnvelope) throws {
        let document = try TestDocuments.signedBlessing(by: [.ed25519])
        let bytes = try edit(document, bad.change)
        let error = try #require(throws: ExportError.self) { try DSSE.document(fromEnvelope: bytes) }
        #expect(error.code == bad.code)
        #expect(error.place == bad.place, "\(error)")
    }

    @Test("an ECDSA sig must be DER, not the raw 64 bytes")
    func ecdsaNeedsDER() throws {
        let document = try TestDocuments.signedBlessing(by: [.ecdsaSecp256k1])
        let raw = document.signatures[0].signature
        let bytes = try edit(document, Self.inFirstSignature { $0["sig"] = .string(Base64.encode(raw)) })
        let error = try #require(throws: ExportError.self) { try DSSE.document(fromEnvelope: bytes) }
        #expect(error.place == "signatures[0].sig")
    }

    @Test("input that is not a strict JSON object is rejected", arguments: ["[]", "{\"payload\":1,\"payload\":2}", "not json", ""])
    func notAnEnvelope(text: String) throws {
        let error = try #require(throws: ExportError.self) { try DSSE.document(fromEnvelope: Array(text.utf8)) }
        #expect(error.code == .malformedEnvelope)
    }

    /// The envelope of `document`, changed by `change`, as bytes.
    func edit(_ document: Document, _ change: (inout JSONObject) -> Void) throws -> [UInt8] {
        var envelope = try #require(try DSSE.envelope(for: document).objectValue)
        change(&envelope)
        return JSONWriter.pretty(.object(envelope))
    }
}
