import Foundation
import GovSealCrypto
import GovSealEncoding
import Testing

/// `PrivateKey` / `PublicKey`: signing per DESIGN.md, verification, validation, key ids.
@Suite("Keys and signatures")
struct KeyTests {
    static let message = Array("DSSEv1 37 application/vnd.govseal.blessing.v1+json 2 {}".utf8)

    /// M and W as a document gives them; the ADR-036 account rule is a stand-in address (the
    /// real chain rule is tested in GovSealDocumentsTests).
    static let input = SigningInput(message: message, walletText: "govseal blessing sha256:" + String(repeating: "ab", count: 32),
                                    cosmosAccount: { "cosmos1" + Hex.encode(Digest.ripemd160(Digest.sha256($0))) })

    @Test("sign then verify; tampering and wrong lengths rejected", arguments: SignatureAlgorithm.allCases)
    func roundTrip(_ algorithm: SignatureAlgorithm) throws {
        let key = try PrivateKey.generate(algorithm.curve)
        let publicKey = try key.publicKey(for: algorithm)
        let signature = try key.signature(for: Self.input, algorithm: algorithm)
        #expect(signature.count == algorithm.signatureLength)
        #expect(publicKey.rawRepresentation.count == algorithm.publicKeyLength)
        #expect(publicKey.isValidSignature(signature, for: Self.input))
        let otherMessage = SigningInput(message: Self.message + [0], walletText: Self.input.walletText + "0",
                                        cosmosAccount: Self.input.cosmosAccount)
        #expect(!publicKey.isValidSignature(signature, for: otherMessage))
        var flipped = signature
        flipped[signature.count - 20] ^= 0x80
        #expect(!publicKey.isValidSignature(flipped, for: Self.input))
        #expect(!publicKey.isValidSignature(Array(signature.dropLast()), for: Self.input))
        #expect(!publicKey.isValidSignature(signature + [0], for: Self.input))
        #expect(!publicKey.isValidSignature([], for: Self.input))
        let other = try PrivateKey.generate(algorithm.curve).publicKey(for: algorithm)
        #expect(!other.isValidSignature(signature, for: Self.input))
        if algorithm.isNative {
            #expect(try key.signature(for: Self.message, algorithm: algorithm).count == 64)
        } else {
            // M alone is not what these algorithms sign: refused, never a signature of other bytes.
            #expect(throws: CryptoError.unsupportedAlgorithm) { try key.signature(for: Self.message, algorithm: algorithm) }
            #expect(!publicKey.isValidSignature(signature, for: Self.message))
        }
    }

    @Test("ECDSA: deterministic (RFC 6979), low-S, over SHA-256(M)")
    func ecdsaRules() throws {
        let key = try PrivateKey.generate(.secp256k1)
        let first = try key.signature(for: Self.message, algorithm: .ecdsaSecp256k1)
        let second = try key.signature(for: Self.message, algorithm: .ecdsaSecp256k1)
        #expect(first == second)
        #expect(ECDSASecp256k1.isLowS(compactSignature: first))
        let publicKey = try key.publicKey(for: .ecdsaSecp256k1).rawRepresentation
        #expect(ECDSASecp256k1.verify(compactSignature: first, digest: Digest.sha256(Self.message), publicKey: publicKey))
        // The high-S twin of a valid signature is rejected: never normalised.
        let twin = Array(first[0..<32]) + Secp256k1Order.negate(Array(first[32..<64]))
        #expect(!ECDSASecp256k1.isLowS(compactSignature: twin))
        let publicKeyValue = try key.publicKey(for: .ecdsaSecp256k1)
        #expect(!publicKeyValue.isValidSignature(twin, for: Self.message))
    }

    @Test("BIP-340: fresh auxiliary randomness, over SHA-256(M)")
    func bip340Rules() throws {
        let key = try PrivateKey.generate(.secp256k1)
        let first = try key.signature(for: Self.message, algorithm: .bip340)
        let second = try key.signature(for: Self.message, algorithm: .bip340)
        #expect(first != second)
        let xOnly = try key.publicKey(for: .bip340).rawRepresentation
        #expect(BIP340.verify(signature: first, message: Digest.sha256(Self.message), xOnlyPublicKey: xOnly))
        #expect(!BIP340.verify(signature: first, message: Self.message, xOnlyPublicKey: xOnly))
        #expect(xOnly == Array(try key.publicKey(for: .ecdsaSecp256k1).rawRepresentation.dropFirst()))
    }

    @Test("keyID is SHA-256(alg ‖ 0x00 ‖ key), checked with openssl dgst", arguments: SignatureAlgorithm.allCases)
    func keyID(_ algorithm: SignatureAlgorithm) throws {
        let publicKey = try PrivateKey.generate(algorithm.curve).publicKey(for: algorithm)
        let input = Array(algorithm.rawValue.utf8) + [0] + publicKey.rawRepresentation
        let digest = try Tool.output("openssl", ["dgst", "-sha256", "-binary"], input: input)
        #expect(publicKey.keyID == Hex.encode(digest))
    }

    @Test("a key from another curve cannot sign or derive")
    func curveMismatch() throws {
        let ed = try PrivateKey.generate(.ed25519)
        #expect(throws: CryptoError.unsupportedAlgorithm) { try ed.signature(for: [], algorithm: .bip340) }
        #expect(throws: CryptoError.unsupportedAlgorithm) { try ed.publicKey(for: .ecdsaSecp256k1) }
        let k1 = try PrivateKey.generate(.secp256k1)
        #expect(throws: CryptoError.unsupportedAlgorithm) { try k1.signature(for: [], algorithm: .ed25519) }
    }

    @Test("secret scalars are validated")
    func secretValidation() throws {
        let order = Secp256k1Order.n
        for bad in [[UInt8](repeating: 0, count: 32), order, [UInt8](repeating: 0xff, count: 32), [1]] {
            #expect(throws: CryptoError.invalidKey) { try PrivateKey(curve: .secp256k1, rawRepresentation: bad) }
        }
        #expect(throws: CryptoError.invalidKey) { try PrivateKey(curve: .ed25519, rawRepresentation: [1, 2, 3]) }
        var belowOrder = order
        belowOrder[31] -= 1
        #expect(throws: Never.self) { try PrivateKey(curve: .secp256k1, rawRepresentation: belowOrder) }
    }

    @Test("the description never shows the secret")
    func redacted() throws {
        let secret = [UInt8](repeating: 0xab, count: 32)
        let key = try PrivateKey(curve: .ed25519, rawRepresentation: secret)
        #expect(!"\(key)".contains("abab"))
        #expect(!String(reflecting: key).lowercased().contains("abab"))
        #expect(key.withSecretBytes { $0 } == secret)
    }

    /// Invalid public keys: lengths, prefixes, points not on the curve.
    @Test("public keys are validated", arguments: [
        (SignatureAlgorithm.ed25519, "00"),
        (.ecdsaSecp256k1, String(repeating: "02", count: 32)),
        (.ecdsaSecp256k1, "04" + String(repeating: "11", count: 32)),
        (.ecdsaSecp256k1, "05" + String(repeating: "11", count: 32)),
        // BIP-340 vector 5: an x coordinate with no point on the curve.
        (.bip340, "EEFDEA4CDB677750A420FEE807EACF21EB9898AE79B9768766E4FAA04A2D4A34"),
        // BIP-340 vector 14: x ≥ p.
        (.bip340, "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC30"),
        (.bip340, String(repeating: "aa", count: 33)),
    ])
    func invalidPublicKeys(_ algorithm: SignatureAlgorithm, _ keyHex: String) {
        #expect(throws: CryptoError.invalidKey) { try PublicKey(algorithm: algorithm, rawRepresentation: hex(keyHex)) }
    }

    @Test("SEC1 compressed and uncompressed forms convert both ways")
    func sec1Forms() throws {
        let compressed = try PrivateKey.generate(.secp256k1).publicKey(for: .ecdsaSecp256k1).rawRepresentation
        let uncompressed = try Secp256k1.uncompressed(compressed)
        #expect(uncompressed.count == 65 && uncompressed[0] == 0x04)
        #expect(Array(uncompressed[1..<33]) == Array(compressed[1...]))
        #expect(try Secp256k1.compressed(uncompressed) == compressed)
        #expect(try Secp256k1.compressed(compressed) == compressed)
        var hybrid = uncompressed
        hybrid[0] = 0x06 | (uncompressed[64] & 1)
        #expect(throws: CryptoError.invalidKey) { try Secp256k1.compressed(hybrid) }
    }

    @Test("DER and compact signature forms convert both ways")
    func signatureForms() throws {
        let key = try PrivateKey.generate(.secp256k1)
        let compact = try key.signature(for: Self.message, algorithm: .ecdsaSecp256k1)
        let der = try ECDSASecp256k1.derFromCompact(compact)
        #expect(der.first == 0x30)
        #expect(try ECDSASecp256k1.compactFromDER(der) == compact)
        #expect(throws: CryptoError.invalidSignature) { try ECDSASecp256k1.compactFromDER([0x30, 0x00]) }
        #expect(throws: CryptoError.invalidSignature) { try ECDSASecp256k1.derFromCompact(Secp256k1Order.n + Secp256k1Order.n) }
    }

    @Test("secure random bytes: requested length, not repeating")
    func randomBytes() throws {
        let first = try SecureRandom.bytes(32)
        #expect(first.count == 32)
        #expect(first != (try SecureRandom.bytes(32)))
        #expect(try SecureRandom.bytes(0).isEmpty)
    }
}
