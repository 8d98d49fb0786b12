import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealExport
import GovSealJSON
import Testing

/// The envelope checked against its published definitions:
/// - DSSE envelope.md (secure-systems-lab/dsse): `{"payload": Base64(SERIALIZED_BODY),
///   "payloadType": PAYLOAD_TYPE, "signatures": [{"keyid": KEYID, "sig": Base64(SIGNATURE)}]}`;
/// - DSSE protocol.md: SIGNATURE = Sign(PAE(UTF8(PAYLOAD_TYPE), SERIALIZED_BODY)),
///   PAE = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body;
/// - in-toto Attestation Framework v1 (in-toto/attestation spec/v1): an attestation is a DSSE
///   envelope with payloadType `application/vnd.in-toto+json` whose payload is a Statement
///   `{"_type": "https://in-toto.io/Statement/v1", "subject": [{"name", "digest"}], "predicateType", "predicate"}`.
@Suite("DSSE export")
struct DSSEEnvelopeTests {
    @Test("members and values of the envelope")
    func envelopeFields() throws {
        let document = try TestDocuments.signedBlessing()
        let envelope = try TestDocuments.parse(try DSSE.envelopeBytes(for: document))
        #expect(envelope.objectValue?.names == ["payload", "payloadType", "signatures"])
        #expect(envelope["payloadType"]?.stringValue == "application/vnd.govseal.blessing.v1+json")
        let payload = try Base64.decode(try #require(envelope["payload"]?.stringValue))
        #expect(payload == CanonicalJSON.encode(.object(document.body)))
        let signatures = try #require(envelope["signatures"]?.arrayValue)
        try #require(signatures.count == document.signatures.count)
        for (entry, stored) in zip(signatures, document.signatures) {
            #expect(entry["keyid"]?.stringValue == stored.keyID)
            #expect(entry["alg"]?.stringValue == stored.algorithm.rawValue)
            #expect(entry["public_key"]?.stringValue == Hex.encode(stored.publicKey))
            let sig = try Base64.decode(try #require(entry["sig"]?.stringValue))
            if stored.algorithm == .ecdsaSecp256k1 {
                #expect(sig.first == 0x30, "DER SEQUENCE")
                #expect(try ECDSASecp256k1.compactFromDER(sig) == stored.signature)
            } else {
                #expect(sig == stored.signature)
            }
        }
    }

    @Test("signatures verify over a PAE rebuilt by hand from the envelope", arguments: SignatureAlgorithm.native)
    func independentPAE(algorithm: SignatureAlgorithm) throws {
        let document = try TestDocuments.signedBlessing(by: [algorithm])
        let envelope = try TestDocuments.parse(try DSSE.envelopeBytes(for: document))
        let payloadType = try #require(envelope["payloadType"]?.stringValue)
        let payload = try Base64.decode(try #require(envelope["payload"]?.stringValue))
        let entry = try #require(envelope["signatures"]?.arrayValue?.first)
        let key = try Hex.decode(try #require(entry["public_key"]?.stringValue))
        let sig = try Base64.decode(try #require(entry["sig"]?.stringValue))

        func pae(_ body: [UInt8]) -> [UInt8] {
            Array("DSSEv1 \(payloadType.utf8.count) \(payloadType) \(body.count) ".utf8) + body
        }
        func verifies(_ message: [UInt8]) -> Bool {
            switch algorithm {
            case .ed25519: Ed25519.verify(publicKey: key, signature: sig, message: message)
            case .ecdsaSecp256k1: ECDSASecp256k1.verify(derSignature: sig, digest: Digest.sha256(message), publicKey: key)
            case .bip340: BIP340.verify(signature: sig, message: Digest.sha256(message), xOnlyPublicKey: key)
            case .sshsig, .adr036Secp256k1, .eip191Secp256k1, .nep413Ed25519: false  // not DSSE algorithms
            }
        }
        #expect(verifies(pae(payload)))
        var tampered = payload
        tampered[tampered.count / 2] ^= 0x01
        #expect(!verifies(pae(tampered)))
    }

    @Test("an attestation's envelope is an in-toto Statement v1 attestation")
    func inTotoAttestation() throws {
        let document = try TestDocuments.signedAttestation()
        let envelope = try TestDocuments.parse(try DSSE.envelopeBytes(for: document))
        #expect(envelope["payloadType"]?.stringValue == "application/vnd.in-toto+json")
        let statement = try TestDocuments.parse(try Base64.decode(try #require(envelope["payload"]?.stringValue)))
        #expect(statement["_type"]?.stringValue == "https://in-toto.io/Statement/v1")
        let subject = try #require(statement["subject"]?.arrayValue?.first)
        #expect(subject["name"]?.stringValue == TestDocuments.gaiadAmd64.name)
        #expect(subject["digest"]?["sha256"]?.stringValue == TestDocuments.gaiadAmd64.sha256)
        #expect(statement["predicateType"]?.stringValue == "https://govseal.dev/rebuild/v1")
        #expect(statement["predicate"]?["proposal"]?.stringValue?.hasPrefix("sha256:") == true)
    }

    @Test("looksLikeEnvelope tells envelopes from documents")
    func looksLikeEnvelope() throws {
        let document = try TestDocuments.signedBlessing(by: [.ed25519])
        #expect(DSSE.looksLikeEnvelope(try DSSE.envelope(for: document)))
        #expect(!DSSE.looksLikeEnvelope(document.json))
        #expect(!DSSE.looksLikeEnvelope(.array([])))
    }
}
