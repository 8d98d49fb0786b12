import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import Testing

/// A document built in memory (not parsed) with signatures by small-order Ed25519 keys: the
/// forged signatures OpenSSL would accept (R = identity, S = 0 for the identity key, every
/// message) never count, because every Ed25519 key goes through `Ed25519.checkPublicKey`.
@Suite("Small-order Ed25519 signers never count")
struct SmallOrderKeyTests {
    static let forged = [1] + [UInt8](repeating: 0, count: 63)
    /// The identity in three encodings: canonical, sign bit set, y = p + 1.
    static let identities: [[UInt8]] = [
        [1] + [UInt8](repeating: 0, count: 31),
        [1] + [UInt8](repeating: 0, count: 30) + [0x80],
        [0xee] + [UInt8](repeating: 0xff, count: 30) + [0x7f],
    ]

    @Test("three 'distinct' identity keys with forged signatures give no valid signature")
    func forgedSignaturesAreInvalid() throws {
        var document = try Fixtures.blessing()
        for key in Self.identities {
            let keyID = Hex.encode(Digest.sha256(Array("ed25519".utf8) + [0] + key))
            document = document.adding(SignatureEntry(keyID: keyID, algorithm: .ed25519, publicKey: key, signature: Self.forged))
        }
        let checks = document.checkSignatures()
        #expect(checks.count == 3)
        #expect(checks.allSatisfy { !$0.isValid })
        #expect(checks.allSatisfy { $0.status == .invalid(reason: "public key is not a valid ed25519 key") })
        #expect(checks.allSatisfy { $0.key == nil })
    }

    @Test("the same entries read from JSON are malformed at signatures[0].public_key")
    func parsedEntriesAreMalformed() throws {
        let key = Hex.encode(Self.identities[0])
        let keyID = Hex.encode(Digest.sha256(Array("ed25519".utf8) + [0] + Self.identities[0]))
        let entry = #"{"keyid": "\#(keyID)", "alg": "ed25519", "public_key": "\#(key)", "sig": "\#(Hex.encode(Self.forged))"}"#
        let text = Fixtures.document(body: Fixtures.blessingBody(), signatures: "[\(entry)]")
        #expect { try Fixtures.parse(text) } throws: { error in
            guard let error = error as? DocumentError else { return false }
            return error.code == .invalidSignatureEntry && error.path == "signatures[0].public_key"
                && error.reason.contains("small order")
        }
    }
}
