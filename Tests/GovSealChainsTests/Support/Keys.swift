import GovSealChains
import Testing
import GovSealCrypto
import GovSealEncoding

/// Public keys used across the chain tests, each with where it comes from.
enum Keys {
    /// CosmJS `packages/amino/src/addresses.spec.ts` (base64 `AtQaCqFnshaZQp6rIkvAPyzThvCvXSDO+9AzbxVErqJP`),
    /// whose account address is `cosmos1h806c7khnvmjlywdrkdgk2vrayy2mmvf9rxk2r`.
    static let cosmjsSecp256k1 = hex("02d41a0aa167b21699429eab224bc03f2cd386f0af5d20cefbd0336f1544aea24f")
    /// CosmJS, same file: Ed25519 key whose address bytes are those of `cosmos1pfq05em6sfkls66ut4m2257p7qwlk448h8mysz`.
    static let cosmjsEd25519 = hex("12ee6f581fe55673a1e9e1382a0829e32075a0aa4763c968bc526e1852e78c95")
    /// dfinity/sdk `e2e/assets/ed25519/identity.pem` (public key part); `e2e/tests-dfx/ed25519.bash`
    /// expects principal `2nor3-keehi-duuup-d7jcn-onggn-3atzm-gejtl-5tlzn-k4g6c-nnbf7-7qe`.
    static let dfxEd25519 = hex("d5925dacb5d69ec810ef7dbd2de2acbdbe1b2feb12e5d6fee9ee2d0d3b5fbda7")
    /// dfinity/quill `quill/tests/identity.pem`, compressed (by `openssl ec -pubout` and the y parity);
    /// quill's `tests/outputs/public-ids.txt` gives principal `fdsgv-62ihb-nbiqv-xgic5-iefsv-3cscz-tmbzv-63qd5-vh43v-dqfrt-pae`.
    static let quillSecp256k1 = hex("03cbb34e3b863720ac396e16aa61b58951d6fc8d01482a14bfda0cafb592cd1080")
    /// dfinity/quill tests, the `public-ids --genesis-dfn` EC key; expected principal
    /// `5lfph-rgykk-rizf2-kw7bi-52qsm-j44vi-2c7fu-kmpym-ohxe2-upuuw-oae`.
    static let quillGenesisSecp256k1 = hex("022a61f7ccb0be82629326bf4c46c1a9356cd7200c877ff6143e817299e91487fd")

    static func hex(_ text: String) -> [UInt8] { try! Hex.decode(text) }

    static func secp256k1(_ raw: [UInt8]) throws -> PublicKey { try PublicKey(algorithm: .ecdsaSecp256k1, rawRepresentation: raw) }
    static func ed25519(_ raw: [UInt8]) throws -> PublicKey { try PublicKey(algorithm: .ed25519, rawRepresentation: raw) }

    /// The compressed public key of a small secret scalar, through libsecp256k1.
    static func secp256k1(secretScalar: UInt8) throws -> [UInt8] {
        try Secp256k1.publicKey(secretKey: [UInt8](repeating: 0, count: 31) + [secretScalar])
    }
}

/// A malformed input and a phrase the error must contain.
struct BadCase: Sendable, CustomTestStringConvertible {
    let input: String
    let message: String
    var testDescription: String { "\(input.debugDescription) → \(message)" }

    init(_ input: String, _ message: String) {
        self.input = input
        self.message = message
    }
}

/// Expects `body` to throw a `ChainError` with `code` whose reason contains `message`.
func expectChainError<R>(
    _ code: ChainError.Code, containing message: String,
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> R
) {
    let error = #expect(throws: ChainError.self, sourceLocation: sourceLocation) { _ = try body() }
    #expect(error?.code == code, "\(error?.reason ?? "")", sourceLocation: sourceLocation)
    #expect(error?.reason.contains(message) == true, "\(error?.reason ?? "")", sourceLocation: sourceLocation)
}
