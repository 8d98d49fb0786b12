import GovSealEncoding
import Testing

@Suite("Segwit addresses (BIP-173 with BIP-350)")
struct SegwitAddressTests {
    static let hrps: Set<String> = ["bc", "tb"]

    @Test("valid addresses decode to their scriptPubKey and re-encode", arguments: try SegwitCase.valid())
    func valid(_ vector: SegwitCase) throws {
        let address = try SegwitAddress(decoding: vector.address, hrps: Self.hrps)
        #expect(Hex.encode(address.scriptPubKey) == vector.scriptPubKey)
        let hrp = String(vector.address.lowercased().prefix { $0 != "1" })
        #expect(try address.encoded(hrp: hrp) == vector.address.lowercased())
    }

    @Test("invalid addresses are rejected", arguments: try SegwitCase.invalid())
    func invalid(_ vector: SegwitCase) {
        let error = #expect(throws: EncodingError.self) { try SegwitAddress(decoding: vector.address, hrps: Self.hrps) }
        #expect(error?.code == .bech32)
    }
}
