import GovSealDocuments
import Testing

@Suite("DSSE PAE")
struct PAETests {
    /// The vector of the DSSE v1 protocol specification (protocol.md, "Test vectors").
    @Test func specificationVector() {
        let m = PAE.encode(payloadType: "http://example.com/HelloWorld", payload: Array("hello world".utf8))
        #expect(String(decoding: m, as: UTF8.self) == "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
    }

    @Test func emptyPayloadAndMultibyteLengthsCountBytes() {
        let m = PAE.encode(payloadType: "t/é", payload: [])
        #expect(String(decoding: m, as: UTF8.self) == "DSSEv1 4 t/é 0 ")
    }

    @Test func payloadTypesPerDocumentType() {
        #expect(DocumentType.blessing.payloadType == "application/vnd.govseal.blessing.v1+json")
        #expect(DocumentType.policy.payloadType == "application/vnd.govseal.policy.v1+json")
        #expect(DocumentType.attestation.payloadType == "application/vnd.in-toto+json")
        for type in DocumentType.allCases { #expect(DocumentType(payloadType: type.payloadType) == type) }
    }
}
