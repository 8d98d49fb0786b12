import GovSealEncoding
import Testing

@Suite("Base64")
struct Base64Tests {
    /// RFC 4648 §10.
    static let vectors: [TextVector] = [
        TextVector(ascii: "", ""),
        TextVector(ascii: "f", "Zg=="),
        TextVector(ascii: "fo", "Zm8="),
        TextVector(ascii: "foo", "Zm9v"),
        TextVector(ascii: "foob", "Zm9vYg=="),
        TextVector(ascii: "fooba", "Zm9vYmE="),
        TextVector(ascii: "foobar", "Zm9vYmFy"),
        TextVector(hex: "fbff", "+/8="),
    ]

    @Test("encodes the RFC 4648 vectors", arguments: vectors)
    func encode(_ vector: TextVector) {
        #expect(Base64.encode(vector.bytes) == vector.text)
    }

    @Test("decodes the RFC 4648 vectors", arguments: vectors)
    func decode(_ vector: TextVector) throws {
        #expect(try Base64.decode(vector.text) == vector.bytes)
    }

    @Test("round-trips every byte value at every length modulo 3")
    func roundTrip() throws {
        for count in 0..<7 {
            let bytes = (0..<(256 + count)).map { UInt8(truncatingIfNeeded: $0 * 7) }
            #expect(try Base64.decode(Base64.encode(bytes)) == bytes)
        }
    }

    static let bad: [BadInput] = [
        BadInput("Zg", "length 2 is not a multiple of 4"),
        BadInput("Zg=", "length 3 is not a multiple of 4"),
        BadInput("Zm9vYg==\n", "length 9 is not a multiple of 4"),
        BadInput("Z===", "3 '=' padding characters"),
        BadInput("====", "4 '=' padding characters"),
        BadInput("=Zg=", "'=' padding before the end at offset 0"),
        BadInput("Zg==Zg==", "'=' padding before the end at offset 2"),
        BadInput("Zm9v Zg=", "invalid base64 character byte 0x20 at offset 4"),
        BadInput("Zm-_", "invalid base64 character '-' at offset 2"),
        BadInput("Zm9é", "non-ASCII character U+00E9 at offset 3"),
        BadInput("Zh==", "non-canonical base64: the character at offset 1"),
        BadInput("Zm9=", "non-canonical base64: the character at offset 2"),
    ]

    @Test("bad input names what is wrong and where", arguments: bad)
    func badInput(_ vector: BadInput) {
        vector.check(.base64) { try Base64.decode($0) }
    }
}
