import Foundation
import GovSealCrypto
import GovSealEncoding
import Testing

/// DESIGN.md: "Ed25519 public keys of small order and non-canonical encodings are rejected
/// everywhere". Cross-checked against C2SP CCTV's `low_order_A` keys and libsodium's blocklist.
@Suite("Ed25519 public key rule")
struct Ed25519PublicKeyRuleTests {
    /// libsodium's `ge25519_has_small_order` blocklist (src/libsodium/crypto_core/ed25519/ref10/
    /// ed25519_ref10.c): seven y coordinates, compared with the sign bit cleared. Written out
    /// here from that file, independently of the library's own table.
    static let libsodiumBlocklist = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ]

    /// The 14 encodings: each blocklisted y with the sign bit clear and set.
    static var smallOrderEncodings: [[UInt8]] {
        libsodiumBlocklist.flatMap { text -> [[UInt8]] in
            let y = hex(text)
            var signed = y
            signed[31] |= 0x80
            return [y, signed]
        }
    }

    @Test("the 14 small-order encodings are exactly CCTV's low_order_A keys")
    func matchesCCTV() throws {
        let cctv = Set(try CCTVVector.load().filter { $0.flags.contains("low_order_A") }.map(\.key))
        #expect(cctv.count == 14)
        #expect(cctv == Set(Self.smallOrderEncodings))
        let nonCanonical = Set(try CCTVVector.load().filter { $0.flags.contains("non_canonical_A") }.map(\.key))
        #expect(nonCanonical.isSubset(of: cctv))
    }

    @Test("every small-order encoding is refused by checkPublicKey, PublicKey.init and verify",
          arguments: smallOrderEncodings)
    func smallOrderRefused(_ key: [UInt8]) {
        #expect(throws: CryptoError.invalidKey) { try Ed25519.checkPublicKey(key) }
        #expect(throws: CryptoError.invalidKey) { try PublicKey(algorithm: .ed25519, rawRepresentation: key) }
        #expect(!Ed25519.isAcceptablePublicKey(key))
    }

    /// y ≥ p: p + 2 … 2^255 − 1 (p and p + 1 are small order), with either sign bit. Some of
    /// these decode to points of large order in lenient decoders (y = 3, 4, … mod p are on the curve).
    @Test("non-canonical y >= p is refused", arguments: Array(2...18))
    func nonCanonicalRefused(_ offset: Int) {
        var key = [UInt8](repeating: 0xff, count: 32)
        key[0] = UInt8(0xed + offset)  // p = ed ff … ff 7f (little-endian); no carry up to p + 18
        key[31] = 0x7f
        for sign in [UInt8(0x00), 0x80] {
            var encoded = key
            encoded[31] = (encoded[31] & 0x7f) | sign
            #expect(throws: CryptoError.invalidKey) { try Ed25519.checkPublicKey(encoded) }
        }
    }

    @Test("ordinary keys pass: RFC 8032 keys, fresh keys, y = p - 20 and y = 2^254")
    func ordinaryKeysPass() throws {
        for vector in try RFC8032Vector.load() {
            #expect(Ed25519.isAcceptablePublicKey(vector.publicKey))
        }
        for _ in 0..<32 {
            let key = try PrivateKey.generate(.ed25519).publicKey(for: .ed25519)
            #expect(Ed25519.isAcceptablePublicKey(key.rawRepresentation))
        }
        // The checks are on the encoding only: these need not be points (OpenSSL decides that).
        var belowPrime = [UInt8](repeating: 0xff, count: 32)
        belowPrime[0] = 0xd9
        belowPrime[31] = 0x7f
        #expect(Ed25519.isAcceptablePublicKey(belowPrime))
        var high = [UInt8](repeating: 0, count: 32)
        high[31] = 0x40
        #expect(Ed25519.isAcceptablePublicKey(high))
        #expect(throws: CryptoError.invalidKey) { try Ed25519.checkPublicKey([UInt8](repeating: 0, count: 31)) }
    }

    /// The attack: with the identity as public key, OpenSSL accepts the signature R = identity,
    /// S = 0 for every message (CCTV vectors on the identity key). govseal refuses the key, so
    /// no forged signature can be counted.
    @Test("OpenSSL accepts CCTV's forged signatures for small-order keys; govseal refuses them")
    func forgeryRefused() throws {
        let forged = try CCTVVector.load().filter { $0.flags.contains("low_order_A") && !$0.rejectedByOpenSSL }
        #expect(forged.count == 122)
        let folder = try TemporaryFolder()
        for vector in forged.prefix(4) {
            // SubjectPublicKeyInfo of an Ed25519 key (RFC 8410) around the raw bytes.
            let spki = hex("302a300506032b6570032100") + vector.key
            let keyPath = try folder.file("key-\(vector.number).der", spki)
            let messagePath = try folder.file("msg-\(vector.number)", vector.message)
            let signaturePath = try folder.file("sig-\(vector.number)", vector.signature)
            let oracle = try Tool.run("openssl", ["pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-inkey", keyPath,
                                                  "-rawin", "-in", messagePath, "-sigfile", signaturePath])
            #expect(oracle.status == 0, "OpenSSL itself accepts vector \(vector.number)")
            #expect(!Ed25519.verify(publicKey: vector.key, signature: vector.signature, message: vector.message))
        }
    }
}
