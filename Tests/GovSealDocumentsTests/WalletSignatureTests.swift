import Foundation
import GovSealChains
import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealJSON
import Testing

/// Documents signed with the keys people already hold: W, ADR-036 bound to the document's
/// Cosmos chain, one key under several algs counted once, and policies listing wallet-alg keys.
@Suite("Wallet and SSH signatures on documents")
struct WalletSignatureTests {
    static let walletAlgorithms: [SignatureAlgorithm] = [.sshsig, .adr036Secp256k1, .eip191Secp256k1, .nep413Ed25519]

    @Test("W is \"govseal \" + type + \" \" + proposal id, and changes with the body")
    func walletText() throws {
        let document = try Fixtures.blessing()
        #expect(document.walletText == "govseal blessing " + document.proposalID)
        #expect(try Fixtures.blessing(chain: "cosmos:osmosis-1").walletText != document.walletText)
    }

    @Test("each wallet alg signs a document and verifies; the signature never verifies on another body",
          arguments: walletAlgorithms)
    func signAndVerify(_ algorithm: SignatureAlgorithm) throws {
        let key = try PrivateKey.generate(algorithm.curve)
        let document = try Fixtures.blessing().signed(by: key, algorithm: algorithm)
        let checks = document.checkSignatures()
        #expect(checks.count == 1 && checks[0].isValid, "\(checks)")
        // Moved onto another document (another body, so another W and M): invalid.
        let entry = document.signatures[0]
        let other = try Fixtures.blessing(chain: "cosmos:osmosis-1").adding(entry)
        #expect(!other.checkSignatures()[0].isValid)
        // Verified before it is added: a wallet signature for another document is refused.
        let publicKey = try key.publicKey(for: algorithm)
        #expect(throws: DocumentError.self) {
            try Fixtures.blessing(chain: "cosmos:osmosis-1").adding(signature: entry.signature, by: publicKey)
        }
    }

    @Test("an ADR-036 signature for one Cosmos chain's account address does not verify on another chain")
    func adr036IsBoundToTheChain() throws {
        let key = try PrivateKey.generate(.secp256k1)
        let onAgoric = try Fixtures.blessing(chain: "cosmos:agoric-3")
        let signed = try onAgoric.signed(by: key, algorithm: .adr036Secp256k1)
        #expect(signed.checkSignatures()[0].isValid)
        // The attacker keeps the body identical except the chain; simulate a wallet signature made for
        // the cosmoshub-4 account of the same key over the agoric document's W.
        let publicKey = try key.publicKey(for: .adr036Secp256k1)
        let hubAccount = try Cosmos.accountAddress(compressedSecp256k1Key: publicKey.rawRepresentation, prefix: "cosmos")
        let hubInput = SigningInput(message: onAgoric.signingInput, walletText: onAgoric.walletText, cosmosAccount: { _ in hubAccount })
        let forHub = try key.signature(for: hubInput, algorithm: .adr036Secp256k1)
        let forged = onAgoric.adding(SignatureEntry(publicKey: publicKey, signature: forHub))
        let check = forged.checkSignatures()[0]
        #expect(!check.isValid)
        #expect(throws: DocumentError.self) { try onAgoric.adding(signature: forHub, by: publicKey) }
        // A document with no Cosmos chain (NEAR) has no ADR-036 account: refused to sign, invalid to verify.
        let onNear = try Fixtures.blessing(chain: "near:mainnet")
        #expect(throws: DocumentError.self) { try onNear.signed(by: key, algorithm: .adr036Secp256k1) }
        let moved = onNear.adding(SignatureEntry(publicKey: publicKey, signature: forHub))
        guard case .invalid(let reason) = moved.checkSignatures()[0].status else {
            Issue.record("expected invalid")
            return
        }
        #expect(reason.contains("Cosmos chain"))
    }

    @Test("one key signing under several algs is one signer, toward any threshold",
          arguments: [[SignatureAlgorithm.ed25519, .nep413Ed25519, .sshsig], [.ecdsaSecp256k1, .bip340, .eip191Secp256k1, .adr036Secp256k1]])
    func oneKeyManyAlgsCountsOnce(_ algorithms: [SignatureAlgorithm]) throws {
        let key = try PrivateKey.generate(algorithms[0].curve)
        var document = try Fixtures.blessing()
        for algorithm in algorithms { document = try document.signed(by: key, algorithm: algorithm) }
        let checks = document.checkSignatures()
        #expect(checks[0].isValid)
        #expect(checks.dropFirst().allSatisfy { $0.status == .duplicate(ofIndex: 0) }, "\(checks.map(\.status))")
        let keys = try algorithms.map { try key.publicKey(for: $0) }
        let policy = Policy(name: "p", version: 1, expires: Timestamp(secondsSinceEpoch: 4_000_000_000),
                            keys: keys.map { Policy.Key(publicKey: $0, label: "k") },
                            roles: [("proposer", Policy.Role(keyIDs: keys.map(\.keyID), threshold: 2))])
        let result = try #require(policy.evaluate(role: "proposer", signatures: checks))
        #expect(result.counted.count == 1)
        #expect(!result.met)
        // A policy file listing one key under two algs is refused (it would invite counting it twice).
        #expect(throws: DocumentError.self) { try Policy(body: policy.json) }
    }

    @Test("a policy may list wallet-alg keys; their signatures meet its threshold", arguments: walletAlgorithms)
    func policyWithWalletKeys(_ algorithm: SignatureAlgorithm) throws {
        let signers = try (0..<2).map { _ in try PrivateKey.generate(algorithm.curve) }
        let keys = try signers.map { try $0.publicKey(for: algorithm) }
        let written = Policy(name: "wallets", version: 1, expires: Timestamp(secondsSinceEpoch: 4_000_000_000),
                             keys: keys.map { Policy.Key(publicKey: $0, label: "wallet") },
                             roles: [("proposer", Policy.Role(keyIDs: keys.map(\.keyID), threshold: 2))])
        let policy = try Policy(body: written.json)
        var document = try Fixtures.blessing()
        let one = try document.signed(by: signers[0], algorithm: algorithm)
        #expect(try #require(policy.evaluate(role: "proposer", signatures: one.checkSignatures())).met == false)
        document = try one.signed(by: signers[1], algorithm: algorithm)
        #expect(try #require(policy.evaluate(role: "proposer", signatures: document.checkSignatures())).met)
        // The same keys signing natively are other keyids: they are not the listed wallet keys.
        if algorithm.curve == .ed25519 || algorithm.curve == .secp256k1 {
            var native = try Fixtures.blessing()
            for signer in signers { native = try native.signed(by: signer, algorithm: signer.curve.defaultAlgorithm) }
            #expect(try #require(policy.evaluate(role: "proposer", signatures: native.checkSignatures())).met == false)
        }
    }

    @Test("a wallet signature entry round-trips through the file format and keeps its lengths")
    func fileFormat() throws {
        for algorithm in Self.walletAlgorithms {
            let document = try Fixtures.blessing().signed(by: PrivateKey.generate(algorithm.curve), algorithm: algorithm)
            let back = try Document(bytes: document.serialized())
            #expect(back.signatures == document.signatures)
            #expect(back.signatures[0].publicKey.count == algorithm.publicKeyLength)
            #expect(back.signatures[0].signature.count == algorithm.signatureLength)
            #expect(back.checkSignatures()[0].isValid)
        }
    }
}
