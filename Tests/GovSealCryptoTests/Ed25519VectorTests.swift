import Foundation
import GovSealCrypto
import Testing

/// Ed25519 through OpenSSL against Wycheproof, RFC 8032 and C2SP CCTV.
@Suite("Ed25519 vectors")
struct Ed25519VectorTests {
    @Test("Wycheproof ed25519_test.json: every case as its result says", arguments: try Wycheproof.ed25519())
    func wycheproof(_ vector: SignatureCase) {
        let accepted = Ed25519.verify(publicKey: vector.publicKey, signature: vector.signature, message: vector.message)
        #expect(accepted == vector.valid)
    }

    @Test("RFC 8032 §7.1: public key, signature byte-for-byte, verification", arguments: try RFC8032Vector.load())
    func rfc8032(_ vector: RFC8032Vector) throws {
        #expect(try Ed25519.publicKey(seed: vector.secretKey) == vector.publicKey)
        #expect(try Ed25519.sign(seed: vector.secretKey, message: vector.message) == vector.signature)
        #expect(Ed25519.verify(publicKey: vector.publicKey, signature: vector.signature, message: vector.message))
        var tampered = vector.signature
        tampered[0] ^= 0x01
        #expect(!Ed25519.verify(publicKey: vector.publicKey, signature: tampered, message: vector.message))
    }

    /// ref10-style verifiers (OpenSSL among them) reject exactly the vectors flagged
    /// `non_canonical_R` or `low_order_residue`; govseal also refuses every public key of small
    /// order or in a non-canonical encoding (`low_order_A`, `non_canonical_A`), before OpenSSL.
    @Test("CCTV: reject iff non_canonical_R, low_order_residue, low_order_A or non_canonical_A",
          arguments: try CCTVVector.load())
    func cctv(_ vector: CCTVVector) {
        let accepted = Ed25519.verify(publicKey: vector.key, signature: vector.signature, message: vector.message)
        #expect(accepted == !(vector.rejectedByOpenSSL || vector.hasRefusedKey))
    }

    @Test("CCTV: 86 accepted, 828 rejected (OpenSSL alone: 208 and 706)")
    func cctvCounts() throws {
        let vectors = try CCTVVector.load()
        let accepted = vectors.filter { Ed25519.verify(publicKey: $0.key, signature: $0.signature, message: $0.message) }
        #expect(vectors.count == 914)
        #expect(vectors.filter { !$0.rejectedByOpenSSL }.count == 208)
        #expect(accepted.count == 86)
        #expect(vectors.count - accepted.count == 828)
    }
}

struct RFC8032Vector: Sendable, Decodable, CustomTestStringConvertible {
    let name: String
    let secretKey: [UInt8]
    let publicKey: [UInt8]
    let message: [UInt8]
    let signature: [UInt8]

    var testDescription: String { name }

    private struct File: Decodable { let vectors: [Raw] }
    private struct Raw: Decodable {
        let name, secret_key, public_key, message, signature: String
    }

    static func load() throws -> [RFC8032Vector] {
        try Fixtures.json(File.self, "rfc8032_ed25519.json").vectors.map {
            RFC8032Vector(name: $0.name, secretKey: hex($0.secret_key), publicKey: hex($0.public_key),
                          message: hex($0.message), signature: hex($0.signature))
        }
    }
}

struct CCTVVector: Sendable, CustomTestStringConvertible {
    let number: Int
    let key: [UInt8]
    let signature: [UInt8]
    let message: [UInt8]
    let flags: [String]

    /// What ref10-style verifiers such as OpenSSL reject (CCTV's ed25519/README.md).
    var rejectedByOpenSSL: Bool { flags.contains("non_canonical_R") || flags.contains("low_order_residue") }
    /// A public key govseal refuses: of small order, or a non-canonical encoding.
    var hasRefusedKey: Bool { flags.contains("low_order_A") || flags.contains("non_canonical_A") }
    var testDescription: String { "number \(number) [\(flags.joined(separator: ","))]" }

    private struct Raw: Decodable {
        let number: Int
        let key, sig, msg: String
        let flags: [String]?
    }

    static func load() throws -> [CCTVVector] {
        try Fixtures.json([Raw].self, "cctv_ed25519vectors.json").map {
            // `msg` is a plain ASCII string: its bytes are the message (not hex).
            CCTVVector(number: $0.number, key: hex($0.key), signature: hex($0.sig), message: Array($0.msg.utf8),
                       flags: $0.flags ?? [])
        }
    }
}
