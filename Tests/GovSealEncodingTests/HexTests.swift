import GovSealEncoding
import Testing

@Suite("Hex")
struct HexTests {
    @Test("round-trips every byte value")
    func roundTrip() throws {
        let bytes = (0...255).map { UInt8($0) }
        #expect(try Hex.decode(Hex.encode(bytes)) == bytes)
        #expect(try Hex.decode("ABcd") == [0xab, 0xcd])
    }

    static let bad: [BadInput] = [
        BadInput("abc", "odd number of digits (3)"),
        BadInput("zz", "invalid hex character 'z' at offset 0"),
        BadInput("0g", "'g' at offset 1"),
        BadInput("00 1", "byte 0x20 at offset 2"),
    ]

    @Test("bad input names what is wrong and where", arguments: bad)
    func badInput(_ vector: BadInput) {
        vector.check(.hex) { try Hex.decode($0) }
    }

    @Test("length and case constraints")
    func constraints() {
        BadInput("abcd", "expected 3 bytes (6 hex digits), found 4 digits").check(.hex) { try Hex.decode($0, length: 3) }
        BadInput("aB", "upper-case hex digit at offset 1").check(.hex) { try Hex.decode($0, lowercaseOnly: true) }
    }
}
