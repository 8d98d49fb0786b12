import GovSealCrypto
import GovSealEncoding
import Testing

/// Wycheproof ECDSA secp256k1 / SHA-256 vectors against `ECDSASecp256k1` (libsecp256k1).
@Suite("ECDSA secp256k1: Wycheproof")
struct ECDSAWycheproofTests {
    static let bitcoinFile = "ecdsa_secp256k1_sha256_bitcoin_test.json"
    static let derFile = "ecdsa_secp256k1_sha256_test.json"
    static let p1363File = "ecdsa_secp256k1_sha256_p1363_test.json"

    /// Bitcoin semantics (strict DER, low-S only) are govseal's: every case exactly as `result` says.
    @Test("bitcoin file: every case as its result says", arguments: try Wycheproof.ecdsa(bitcoinFile))
    func bitcoin(_ vector: SignatureCase) {
        let accepted = ECDSASecp256k1.verify(
            derSignature: vector.signature, digest: Digest.sha256(vector.message), publicKey: vector.publicKey)
        #expect(accepted == vector.valid)
    }

    /// Plain ECDSA file, DER signatures: invalid rejected, low-S valid accepted, high-S valid
    /// rejected by design while its low-S twin (s → n − s) verifies.
    @Test("DER file: invalid rejected, low-S valid accepted, high-S rejected by design",
          arguments: try Wycheproof.ecdsa(derFile))
    func der(_ vector: SignatureCase) throws {
        let digest = Digest.sha256(vector.message)
        let accepted = ECDSASecp256k1.verify(derSignature: vector.signature, digest: digest, publicKey: vector.publicKey)
        guard vector.valid else {
            #expect(!accepted)
            return
        }
        let compact = try ECDSASecp256k1.compactFromDER(vector.signature)
        #expect(try ECDSASecp256k1.derFromCompact(compact) == vector.signature)
        try expectLowSRule(compact: compact, accepted: accepted, digest: digest, publicKey: vector.publicKey)
    }

    /// Plain ECDSA file, P1363 (compact r‖s) signatures: the same rule as the DER file.
    @Test("P1363 file: invalid rejected, low-S valid accepted, high-S rejected by design",
          arguments: try Wycheproof.ecdsa(p1363File))
    func p1363(_ vector: SignatureCase) throws {
        let digest = Digest.sha256(vector.message)
        let accepted = ECDSASecp256k1.verify(compactSignature: vector.signature, digest: digest, publicKey: vector.publicKey)
        guard vector.valid else {
            #expect(!accepted)
            return
        }
        try expectLowSRule(compact: vector.signature, accepted: accepted, digest: digest, publicKey: vector.publicKey)
    }

    /// The rule, stated and counted: govseal accepts only low-S ECDSA signatures (s ≤ n/2) and
    /// never normalises, so the 72 high-S signatures Wycheproof calls valid in each plain-ECDSA
    /// file are all rejected, and no low-S valid signature is.
    @Test("72 high-S valid signatures per plain file, all rejected", arguments: [derFile, p1363File])
    func highSCount(_ file: String) throws {
        var highS = 0
        var highSAccepted = 0
        var lowSRejected = 0
        for vector in try Wycheproof.ecdsa(file) where vector.valid {
            let digest = Digest.sha256(vector.message)
            let compact = file == Self.derFile ? try ECDSASecp256k1.compactFromDER(vector.signature) : vector.signature
            let accepted = ECDSASecp256k1.verify(compactSignature: compact, digest: digest, publicKey: vector.publicKey)
            if ECDSASecp256k1.isLowS(compactSignature: compact) {
                if !accepted { lowSRejected += 1 }
            } else {
                highS += 1
                if accepted { highSAccepted += 1 }
            }
        }
        #expect(highS == 72)
        #expect(highSAccepted == 0)
        #expect(lowSRejected == 0)
    }

    private func expectLowSRule(compact: [UInt8], accepted: Bool, digest: [UInt8], publicKey: [UInt8]) throws {
        if ECDSASecp256k1.isLowS(compactSignature: compact) {
            #expect(accepted, "a low-S valid signature must verify")
        } else {
            #expect(!accepted, "a high-S signature must be rejected (never normalised)")
            let twin = Array(compact[0..<32]) + Secp256k1Order.negate(Array(compact[32..<64]))
            #expect(ECDSASecp256k1.isLowS(compactSignature: twin))
            #expect(ECDSASecp256k1.verify(compactSignature: twin, digest: digest, publicKey: publicKey),
                    "the low-S twin of a valid high-S signature verifies")
        }
    }
}

/// Arithmetic modulo the secp256k1 group order, for building test signatures.
enum Secp256k1Order {
    static let n: [UInt8] = hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")

    /// n − s for 0 < s < n, big-endian 32 bytes.
    static func negate(_ s: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for index in (0..<32).reversed() {
            var digit = Int(n[index]) - Int(s[index]) - borrow
            borrow = digit < 0 ? 1 : 0
            if digit < 0 { digit += 256 }
            out[index] = UInt8(digit)
        }
        return out
    }
}
