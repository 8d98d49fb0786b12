import GovSealEncoding
import Testing

@Suite("Base32 (lowercase, unpadded)")
struct Base32Tests {
    /// RFC 4648 §10, lowercased and without padding.
    static let vectors: [TextVector] = [
        TextVector(ascii: "", ""),
        TextVector(ascii: "f", "my"),
        TextVector(ascii: "fo", "mzxq"),
        TextVector(ascii: "foo", "mzxw6"),
        TextVector(ascii: "foob", "mzxw6yq"),
        TextVector(ascii: "fooba", "mzxw6ytb"),
        TextVector(ascii: "foobar", "mzxw6ytboi"),
    ]

    @Test("encodes the RFC 4648 vectors", arguments: vectors)
    func encode(_ vector: TextVector) {
        #expect(Base32.encodeLower(vector.bytes) == vector.text)
    }

    @Test("decodes the RFC 4648 vectors", arguments: vectors)
    func decode(_ vector: TextVector) throws {
        #expect(try Base32.decode(vector.text) == vector.bytes)
    }

    @Test("round-trips every length modulo 5")
    func roundTrip() throws {
        for count in 0..<11 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: 200 &+ $0 &* 91) }
            #expect(try Base32.decode(Base32.encodeLower(bytes)) == bytes)
        }
    }

    static let bad: [BadInput] = [
        BadInput("m", "length 1 is not the length of any byte string"),
        BadInput("mzx", "length 3"),
        BadInput("mzxw6y", "length 6"),
        BadInput("MZXQ", "invalid base32 character 'M' at offset 0 (upper case"),
        BadInput("my======", "invalid base32 character '=' at offset 2 (padding is not used)"),
        BadInput("m1", "'1' at offset 1"),
        BadInput("mz", "non-canonical base32: the last character at offset 1"),
        BadInput("mzxr", "non-canonical"),
        BadInput("mé", "non-ASCII character U+00E9 at offset 1"),
    ]

    @Test("bad input names what is wrong and where", arguments: bad)
    func badInput(_ vector: BadInput) {
        vector.check(.base32) { try Base32.decode($0) }
    }
}
