import GovSealChains
import GovSealCrypto
import Testing

@Suite("eip155 addresses (EIP-55)")
struct EIP155Tests {
    /// The mixed-case examples of EIP-55.
    static let checksummed = [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ]
    /// EIP-55's all-caps and all-lower examples: valid, carrying no checksum.
    static let singleCase = [
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
    ]

    @Test("EIP-55 examples: the checksum of the lowercase form reproduces them", arguments: checksummed)
    func checksum(_ address: String) throws {
        #expect(try EIP155.checksummed("0x" + address.dropFirst(2).lowercased()) == address)
        #expect(try EIP155.checksummed("0x" + address.dropFirst(2).uppercased()) == address)
        try EIP155.validate(address)
    }

    @Test("single-case examples validate", arguments: singleCase)
    func singleCaseValid(_ address: String) throws {
        try EIP155.validate(address)
        #expect(try EIP155.checksummed(address).lowercased() == address.lowercased())
    }

    @Test("a flipped letter case is a checksum mismatch naming its offset", arguments: checksummed)
    func flippedCase(_ address: String) throws {
        var chars = Array(address)
        let index = try #require(chars.indices.dropFirst(2).first { chars[$0].isLetter })
        chars[index] = Character(chars[index].isUppercase ? chars[index].lowercased() : chars[index].uppercased())
        expectChainError(.invalidAddress, containing: "EIP-55 checksum mismatch at offset \(index)") { try EIP155.validate(String(chars)) }
    }

    /// Secret keys 1 and 2 have well-known Ethereum addresses (7e5f4552…5bdf, 2b5ad5c4…d6cf).
    /// The lowercase hex was checked independently (Python `cryptography` for the points,
    /// pycryptodome Keccak-256), and the EIP-55 case by pycryptodome too. Note: the brief's
    /// values had one letter in the wrong case each (`…Cb7B8C…`, `…218DCCD6cF`); those
    /// fail EIP-55 and are checked below to be rejected.
    @Test("addresses of secret keys 1 and 2", arguments: [
        (UInt8(1), "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"),
        (UInt8(2), "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF"),
    ])
    func knownKeys(scalar: UInt8, expected: String) throws {
        let compressed = try Keys.secp256k1(secretScalar: scalar)
        #expect(try EIP155.address(publicKey: Keys.secp256k1(compressed)) == expected)
        #expect(try EIP155.address(uncompressedKey65: Secp256k1.uncompressed(compressed)) == expected)
    }

    static let bad: [BadCase] = [
        BadCase("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "does not start with '0x'"),
        BadCase("0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "does not start with '0x'"),
        BadCase("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", "has 39 hex digits; expected 40"),
        BadCase("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00", "has 42 hex digits"),
        BadCase("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg", "character 'g' at offset 41 is not hex"),
        BadCase("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "EIP-55 checksum mismatch at offset 41"),
        BadCase("", "does not start with '0x'"),
        BadCase("0x7E5F4552091A69125d5DfCb7B8C2659029395Bdf", "EIP-55 checksum mismatch at offset 26 ('B' should be 'b')"),
        BadCase("0x2B5AD5c4795c026514f8317c7a215E218DCCD6cF", "EIP-55 checksum mismatch at offset 36 ('C' should be 'c')"),
    ]

    @Test("bad addresses name what is wrong", arguments: bad)
    func rejects(_ vector: BadCase) {
        expectChainError(.invalidAddress, containing: vector.message) { try EIP155.validate(vector.input) }
    }

    @Test("keys that are not uncompressed secp256k1 points are refused")
    func badKeys() throws {
        let compressed = try Keys.secp256k1(secretScalar: 1)
        expectChainError(.invalidKey, containing: "65 bytes") { try EIP155.address(uncompressedKey65: compressed) }
        var offCurve = try Secp256k1.uncompressed(compressed)
        offCurve[64] ^= 1
        expectChainError(.invalidKey, containing: "not a point on the curve") { try EIP155.address(uncompressedKey65: offCurve) }
        expectChainError(.unsupportedAlgorithm, containing: "not ed25519") { try EIP155.address(publicKey: Keys.ed25519(Keys.dfxEd25519)) }
    }
}
