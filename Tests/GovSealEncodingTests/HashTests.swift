import GovSealEncoding
import Testing

@Suite("Keccak-256 and CRC-32")
struct HashTests {
    struct HashVector: Sendable, CustomTestStringConvertible {
        let name: String
        let input: [UInt8]
        let digest: String
        var testDescription: String { name }
    }

    static let keccakVectors: [HashVector] = [
        // Published Keccak-256 values (Ethereum's keccak256("") and keccak256("abc")).
        HashVector(name: "empty", input: [], digest: "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        HashVector(name: "abc", input: Array("abc".utf8), digest: "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"),
        // Computed once with pycryptodome: keccak.new(digest_bits=256).update(bytes([0xa3] * 200)).hexdigest()
        HashVector(name: "200 x 0xa3 (two blocks)", input: [UInt8](repeating: 0xa3, count: 200),
                   digest: "3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a"),
        // Computed once with pycryptodome: bytes(135), one byte short of the 136-byte rate (0x01 and 0x80 share a byte).
        HashVector(name: "135 zero bytes", input: [UInt8](repeating: 0, count: 135),
                   digest: "29e3704feeca7fb9ba229f0fa04d9b36449cf3ad6e1d85d9cfff3a10df9abc3e"),
        // Computed once with pycryptodome: bytes(136), exactly one block (padding fills a second one).
        HashVector(name: "136 zero bytes", input: [UInt8](repeating: 0, count: 136),
                   digest: "3a5912a7c5faa06ee4fe906253e339467a9ce87d533c65be3c15cb231cdb25f9"),
        // Computed once with pycryptodome: bytes(range(256)).
        HashVector(name: "bytes 0...255", input: (0...255).map { UInt8($0) },
                   digest: "dc924469b334aed2a19fac7252e9961aea41f8d91996366029dbe0884229bf36"),
    ]

    @Test("Keccak-256 matches published and independently computed values", arguments: keccakVectors)
    func keccak(_ vector: HashVector) {
        #expect(Hex.encode(Keccak256.hash(vector.input)) == vector.digest)
    }

    @Test("Keccak-256 is not SHA3-256")
    func notSHA3() {
        // SHA3-256("") from FIPS 202 examples.
        #expect(Hex.encode(Keccak256.hash([])) != "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")
    }

    @Test("CRC-32 check value and zlib values")
    func crc32() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        // zlib.crc32(b"The quick brown fox jumps over the lazy dog"), a widely published value.
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }
}
