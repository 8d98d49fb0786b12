import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealJSON
import Testing

@Suite("Signing and verifying")
struct SigningTests {
    static let algorithms: [SignatureAlgorithm] = [.ed25519, .ecdsaSecp256k1, .bip340]

    func key(for alg: SignatureAlgorithm) throws -> PrivateKey { try PrivateKey.generate(alg.curve) }

    @Test(arguments: algorithms)
    func signAndVerifyEachAlgorithm(_ alg: SignatureAlgorithm) throws {
        let document = try Fixtures.blessing().signed(by: try key(for: alg), algorithm: alg)
        let checks = document.checkSignatures()
        #expect(checks.count == 1)
        #expect(checks[0].isValid)
        #expect(checks[0].algorithm == alg)
        // The signature covers M = PAE(payloadType, JCS(body)), recomputed independently here.
        let m = PAE.encode(payloadType: "application/vnd.govseal.blessing.v1+json", payload: CanonicalJSON.encode(.object(document.body)))
        let entry = document.signatures[0]
        let publicKey = try PublicKey(algorithm: alg, rawRepresentation: entry.publicKey)
        #expect(publicKey.isValidSignature(entry.signature, for: m))
        #expect(entry.keyID == publicKey.keyID)
    }

    @Test func keyIDIsSHA256OfAlgNulKey() throws {
        let key = try PrivateKey.generate(.ed25519).publicKey(for: .ed25519)
        let expected = Hex.encode(Digest.sha256(Array("ed25519".utf8) + [0] + key.rawRepresentation))
        #expect(key.keyID == expected)
    }

    @Test func proposalIDIgnoresSignaturesAndIsSHA256OfPayload() throws {
        let unsigned = try Fixtures.blessing()
        let signed = try unsigned.signed(by: try PrivateKey.generate(.ed25519))
        #expect(unsigned.proposalID == signed.proposalID)
        #expect(signed.proposalID == "sha256:" + Hex.encode(Digest.sha256(CanonicalJSON.encode(.object(unsigned.body)))))
    }

    @Test func roundTripKeepsPayloadBytesAndUnknownMembers() throws {
        let text = Fixtures.document(body: Fixtures.blessingBody(extra: #""x_custom": {"b": 1, "a": "é"},"#))
        let document = try Fixtures.parse(text).signed(by: try PrivateKey.generate(.secp256k1))
        let reread = try Document(bytes: document.serialized())
        #expect(reread.payload == document.payload)
        #expect(reread.checkSignatures().allSatisfy { $0.isValid })
        let body = try DocumentBody(reread)
        #expect(body.warnings == ["body.x_custom"])
    }

    @Test func sameKeyTwiceIsRefused() throws {
        let key = try PrivateKey.generate(.ed25519)
        let once = try Fixtures.blessing().signed(by: key)
        #expect(throws: DocumentError(.signingRefused, "")) { try once.signed(by: key) }
    }

    /// One secp256k1 key signing as ECDSA and as BIP-340 is one signer: the second signature is a
    /// duplicate, even though its alg, public key bytes and keyid all differ.
    @Test func oneSecp256k1KeyUnderTwoAlgsIsOneSigner() throws {
        let key = try PrivateKey.generate(.secp256k1)
        let signed = try Fixtures.blessing().signed(by: key, algorithm: .ecdsaSecp256k1)
        let both = signed.with(signatures: signed.signatures
            + (try Fixtures.blessing().signed(by: key, algorithm: .bip340)).signatures)
        let checks = both.checkSignatures()
        #expect(checks.count == 2)
        #expect(checks[0].isValid)
        #expect(checks[1].status == .duplicate(ofIndex: 0))
        #expect(checks[0].keyID != checks[1].keyID)
    }

    @Test func aDuplicatedSignatureCountsOnce() throws {
        let keys = try (0..<2).map { _ in try PrivateKey.generate(.ed25519) }
        let signed = try Fixtures.blessing().signed(by: keys[0])
        let doubled = signed.with(signatures: [signed.signatures[0], signed.signatures[0]])
        let checks = doubled.checkSignatures()
        #expect(checks[0].isValid)
        #expect(checks[1].status == .duplicate(ofIndex: 0))
        let policy = Policy(name: "p", version: 1, expires: Timestamp(secondsSinceEpoch: 4_000_000_000),
                            keys: try keys.map { Policy.Key(publicKey: try $0.publicKey(for: .ed25519), label: "k") },
                            roles: [("proposer", Policy.Role(keyIDs: try keys.map { try $0.publicKey(for: .ed25519).keyID }, threshold: 2))])
        let result = try #require(policy.evaluate(role: "proposer", signatures: checks))
        #expect(result.counted.count == 1)
        #expect(!result.met)
    }

    @Test(arguments: algorithms)
    func aSignatureForOneTypeDoesNotVerifyAsAnother(_ alg: SignatureAlgorithm) throws {
        let signed = try Fixtures.blessing().signed(by: try key(for: alg), algorithm: alg)
        // Same body and signature, relabelled as a reveal: the payload type in M differs.
        let relabelled = Document(type: .reveal, body: signed.body, signatures: signed.signatures)
        #expect(relabelled.checkSignatures().allSatisfy { !$0.isValid })
    }

    @Test(arguments: algorithms)
    func aSignatureForOneChainDoesNotVerifyForAnother(_ alg: SignatureAlgorithm) throws {
        let signed = try Fixtures.blessing(chain: "cosmos:agoric-3").signed(by: try key(for: alg), algorithm: alg)
        let other = try Fixtures.blessing(chain: "cosmos:cosmoshub-4").with(signatures: signed.signatures)
        #expect(other.checkSignatures().allSatisfy { !$0.isValid })
    }

    @Test func aTamperedKeyIDIsInvalid() throws {
        let signed = try Fixtures.blessing().signed(by: try PrivateKey.generate(.ed25519))
        let e = signed.signatures[0]
        let forged = SignatureEntry(keyID: String(repeating: "0", count: 64), algorithm: e.algorithm, publicKey: e.publicKey, signature: e.signature)
        let checks = signed.with(signatures: [forged]).checkSignatures()
        guard case .invalid(let reason) = checks[0].status else { Issue.record("accepted"); return }
        #expect(reason.contains("keyid"))
    }

    /// s' = n − s turns a valid low-S signature into the equally valid (for plain ECDSA) high-S
    /// one; govseal must reject it (DESIGN.md: never normalise before verifying).
    @Test func highSECDSAIsRejected() throws {
        let signed = try Fixtures.blessing().signed(by: try PrivateKey.generate(.secp256k1), algorithm: .ecdsaSecp256k1)
        let e = signed.signatures[0]
        let n = try Hex.decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
        let s = Array(e.signature[32...])
        var highS = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for i in stride(from: 31, through: 0, by: -1) {
            let d = Int(n[i]) - Int(s[i]) - borrow
            highS[i] = UInt8((d + 256) % 256)
            borrow = d < 0 ? 1 : 0
        }
        let malleated = Array(e.signature[..<32]) + highS
        #expect(!ECDSASecp256k1.isLowS(compactSignature: malleated))
        let entry = SignatureEntry(keyID: e.keyID, algorithm: e.algorithm, publicKey: e.publicKey, signature: malleated)
        let checks = signed.with(signatures: [entry]).checkSignatures()
        guard case .invalid(let reason) = checks[0].status else { Issue.record("high-S accepted"); return }
        #expect(reason.contains("high-S"))
    }

    @Test func verifierFailsOnAnyInvalidSignature() throws {
        let signed = try Fixtures.blessing().signed(by: try PrivateKey.generate(.ed25519))
        var bad = signed.signatures[0]
        var sig = bad.signature
        sig[10] ^= 1
        bad = SignatureEntry(keyID: bad.keyID, algorithm: bad.algorithm, publicKey: bad.publicKey, signature: sig)
        let twoKeys = try signed.signed(by: try PrivateKey.generate(.secp256k1))
        let mixed = twoKeys.with(signatures: [bad, twoKeys.signatures[1]])
        let report = try Verifier.verify(mixed, context: VerificationContext())
        #expect(!report.passed)
        #expect(report.checks.first { $0.name == "signatures" }?.passed == false)
        let unsigned = try Verifier.verify(try Fixtures.blessing(), context: VerificationContext())
        #expect(!unsigned.passed)
    }
}
