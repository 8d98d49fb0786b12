import GovSealEncoding
import Testing

@Suite("Bech32 and Bech32m")
struct Bech32Tests {
    @Test("valid strings decode with the right variant and re-encode to themselves", arguments: try ValidBech32Case.all())
    func validString(_ vector: ValidBech32Case) throws {
        let (hrp, words, variant) = try Bech32.decode5(vector.text)
        #expect(variant == vector.variant)
        #expect(hrp == hrp.lowercased())
        let again = try Bech32.encode5(hrp: hrp, words: words, variant: variant)
        #expect(again == vector.text.lowercased())
    }

    @Test("valid strings do not verify under the other variant", arguments: try ValidBech32Case.all())
    func otherVariantFails(_ vector: ValidBech32Case) throws {
        let (hrp, words, variant) = try Bech32.decode5(vector.text)
        let other: Bech32.Variant = variant == .bech32 ? .bech32m : .bech32
        let forged = try Bech32.encode5(hrp: hrp, words: words, variant: other)
        #expect(forged != vector.text.lowercased())
        #expect(try Bech32.decode5(forged).variant == other)
    }

    /// What our message must say for each BIP reason (any one of the alternatives).
    static let expectedMessage: [String: [String]] = [
        "HRP character out of range": ["outside ASCII 33-126", "non-ASCII"],
        "overall max length exceeded": ["over the limit"],
        "No separator character": ["no '1' separator"],
        "Empty HRP": ["hrp is empty"],
        "empty HRP": ["hrp is empty"],
        "Invalid data character": ["invalid bech32 data character"],
        "Too short checksum": ["fewer than the 6"],
        "Invalid character in checksum": ["invalid bech32 data character", "non-ASCII"],
        "checksum calculated with uppercase form of HRP": ["checksum mismatch"],
    ]

    @Test("invalid strings are rejected with the reason the BIP gives", arguments: try InvalidBech32Case.all())
    func invalidString(_ vector: InvalidBech32Case) throws {
        let error = #expect(throws: EncodingError.self) { try Bech32.decode5(vector.text) }
        let expected = try #require(Self.expectedMessage[vector.reason])
        #expect(error?.code == .bech32)
        #expect(expected.contains { error?.reason.contains($0) == true }, "\(error?.reason ?? "")")
    }

    @Test("bytes round-trip through the 8-bit form")
    func bytesRoundTrip() throws {
        for count in [0, 1, 19, 20, 32, 40] {
            let data = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            for variant in [Bech32.Variant.bech32, .bech32m] {
                let text = try Bech32.encode(hrp: "cosmos", data: data, variant: variant)
                let decoded = try Bech32.decode(text)
                #expect(decoded.hrp == "cosmos")
                #expect(decoded.data == data)
                #expect(decoded.variant == variant)
            }
        }
    }

    @Test("every single-character change is detected as a checksum mismatch")
    func checksumDetectsSubstitution() throws {
        let text = try Bech32.encode(hrp: "cosmos", data: Array(0..<20), variant: .bech32)
        let chars = Array(text)
        for index in chars.indices.dropFirst(7) {
            let replacement: Character = chars[index] == "q" ? "p" : "q"
            var changed = chars
            changed[index] = replacement
            let error = #expect(throws: EncodingError.self) { try Bech32.decode(String(changed)) }
            #expect(error?.reason.contains("checksum mismatch") == true, "offset \(index)")
        }
    }

    struct BadCall: Sendable, CustomTestStringConvertible {
        let id: String
        let run: @Sendable () throws -> Void
        let message: String
        var testDescription: String { id }
    }

    static let badInputs: [BadCall] = [
        BadCall(id: "encode: empty hrp", run: { _ = try Bech32.encode(hrp: "", data: [1], variant: .bech32) }, message: "hrp is empty"),
        BadCall(id: "encode: upper-case hrp", run: { _ = try Bech32.encode(hrp: "Cosmos", data: [1], variant: .bech32) }, message: "upper-case character at offset 0"),
        BadCall(id: "encode: space in hrp", run: { _ = try Bech32.encode(hrp: "a b", data: [1], variant: .bech32) }, message: "at offset 1 is outside ASCII 33-126"),
        BadCall(id: "encode: non-ASCII hrp", run: { _ = try Bech32.encode(hrp: "é", data: [1], variant: .bech32) }, message: "non-ASCII character U+00E9 at offset 0"),
        BadCall(id: "encode: too long", run: { _ = try Bech32.encode(hrp: "a", data: [UInt8](repeating: 0, count: 60), variant: .bech32) }, message: "over the limit of 90"),
        BadCall(id: "encode5: word above 31", run: { _ = try Bech32.encode5(hrp: "a", words: [0, 32], variant: .bech32) }, message: "word 32 at index 1"),
        BadCall(id: "decode: mixed case", run: { _ = try Bech32.decode5("A12Uel5l") }, message: "mixes upper and lower case (upper-case character at offset 0)"),
        BadCall(id: "decode: bad character", run: { _ = try Bech32.decode5("a1bqqqqqq") }, message: "'b' at offset 2"),
        BadCall(id: "decode: five padding bits", run: { _ = try Bech32.decode(Bech32.encode5(hrp: "a", words: [1], variant: .bech32)) }, message: "5 padding bits"),
        BadCall(id: "decode: non-zero padding", run: { _ = try Bech32.decode(Bech32.encode5(hrp: "a", words: [0, 1], variant: .bech32)) }, message: "non-zero padding bits"),
        BadCall(id: "decode: over a custom limit", run: { _ = try Bech32.decode5("a12uel5l", limit: 7) }, message: "8 characters, over the limit of 7"),
    ]

    @Test("bad input names what is wrong", arguments: badInputs)
    func badInput(_ vector: BadCall) {
        let error = #expect(throws: EncodingError.self) { try vector.run() }
        #expect(error?.code == .bech32)
        #expect(error?.reason.contains(vector.message) == true, "\(error?.reason ?? "")")
    }

    @Test("a longer limit admits longer strings")
    func longerLimit() throws {
        let text = try Bech32.encode(hrp: "a", data: [UInt8](repeating: 7, count: 60), variant: .bech32m, limit: 200)
        #expect(try Bech32.decode(text, limit: 200).data == [UInt8](repeating: 7, count: 60))
    }
}
