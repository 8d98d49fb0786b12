import GovSealEncoding
import Testing

@Suite("Base58")
struct Base58Tests {
    /// Bitcoin Core `src/test/data/base58_encode_decode.json`.
    static let vectors: [TextVector] = [
        TextVector(hex: "", ""),
        TextVector(hex: "61", "2g"),
        TextVector(hex: "626262", "a3gV"),
        TextVector(hex: "636363", "aPEr"),
        TextVector(hex: "73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"),
        TextVector(hex: "00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"),
        TextVector(hex: "516b6fcd0f", "ABnLTmg"),
        TextVector(hex: "bf4f89001e670274dd", "3SEo3LWLoPntC"),
        TextVector(hex: "572e4794", "3EFU7m"),
        TextVector(hex: "ecac89cad93923c02321", "EJDM8drfXA6uyA"),
        TextVector(hex: "10c8511e", "Rt5zm"),
        TextVector(hex: "00000000000000000000", "1111111111"),
    ]

    @Test("encodes the Bitcoin Core vectors", arguments: vectors)
    func encode(_ vector: TextVector) {
        #expect(Base58.encode(vector.bytes) == vector.text)
    }

    @Test("decodes the Bitcoin Core vectors", arguments: vectors)
    func decode(_ vector: TextVector) throws {
        #expect(try Base58.decode(vector.text) == vector.bytes)
    }

    @Test("round-trips keys with and without leading zeros")
    func roundTrip() throws {
        for zeros in 0..<3 {
            let bytes = [UInt8](repeating: 0, count: zeros) + (0..<32).map { UInt8(255 - $0 * 3) }
            #expect(try Base58.decode(Base58.encode(bytes)) == bytes)
        }
    }

    static let bad: [BadInput] = [
        BadInput("0", "invalid base58 character '0' at offset 0"),
        BadInput("2gO", "'O' at offset 2"),
        BadInput("11I", "'I' at offset 2"),
        BadInput("a3gl", "'l' at offset 3"),
        BadInput("2g ", "byte 0x20 at offset 2"),
        BadInput(" 2g", "byte 0x20 at offset 0"),
        BadInput("2g\n", "byte 0x0a at offset 2"),
        BadInput("a+b", "'+' at offset 1"),
        BadInput("1é", "non-ASCII character U+00E9 at offset 1"),
    ]

    @Test("bad input names the character and its offset", arguments: bad)
    func badInput(_ vector: BadInput) {
        vector.check(.base58) { try Base58.decode($0) }
    }
}
