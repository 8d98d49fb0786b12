import GovSealCrypto
import GovSealEncoding

/// The verdict on one stored signature.
public struct SignatureCheck: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case valid
        /// The same key signed earlier in the list; it counts once.
        case duplicate(ofIndex: Int)
        case invalid(reason: String)
    }

    public let index: Int
    /// The keyid recomputed from the stored key (never the stored hint).
    public let keyID: String
    public let algorithm: SignatureAlgorithm
    public let publicKey: [UInt8]
    public let status: Status

    public var isValid: Bool { if case .valid = status { true } else { false } }

    /// The key, when the stored bytes are a valid key of the algorithm.
    public var key: PublicKey? { try? PublicKey(algorithm: algorithm, rawRepresentation: publicKey) }
}

extension Document {
    /// Checks every stored signature against M. A recomputed keyid that differs from the stored
    /// one, an invalid point, a high-S ECDSA signature or a wrong signature is `.invalid`; a key
    /// that already signed is `.duplicate` (distinct keys are counted once, by curve and key:
    /// one secp256k1 key signing as ecdsa-secp256k1 and as bip340 is one signer).
    ///
    /// M is built once per document and SHA-256(M) once for all its secp256k1 signatures. A
    /// signature is verified straight from the stored bytes, which parses its key once; only
    /// when it fails is the key validated on its own, to say which of the two is wrong.
    public func checkSignatures() -> [SignatureCheck] {
        let message = signingInput
        let context = signatures.contains(where: { !$0.algorithm.isNative }) ? signingContext : nil
        var prehashed: [UInt8]?
        var seen: [[UInt8]: Int] = [:]
        var checks: [SignatureCheck] = []
        checks.reserveCapacity(signatures.count)
        for (index, entry) in signatures.enumerated() {
            var identity = Array(entry.algorithm.rawValue.utf8)
            identity.append(0)
            identity += entry.publicKey
            let keyID = Hex.encode(Digest.sha256(identity))
            func result(_ status: SignatureCheck.Status) -> SignatureCheck {
                SignatureCheck(index: index, keyID: keyID, algorithm: entry.algorithm, publicKey: entry.publicKey, status: status)
            }
            guard keyID == entry.keyID else {
                checks.append(result(.invalid(reason: "stored keyid \(entry.keyID) does not match the key (computed \(keyID))")))
                continue
            }
            guard Self.verifies(entry, message: message, context: context, prehashed: &prehashed) else {
                checks.append(result(.invalid(reason: Self.failureReason(entry, context: context))))
                continue
            }
            let signer = entry.algorithm.signerIdentity(of: entry.publicKey)
            if let first = seen[signer] {
                checks.append(result(.duplicate(ofIndex: first)))
                continue
            }
            seen[signer] = index
            checks.append(result(.valid))
        }
        return checks
    }

    /// `PublicKey.isValidSignature` applied to the stored bytes without first building the
    /// `PublicKey`: Ed25519 over M; ECDSA (compact, low-S only) over SHA-256(M) with a
    /// compressed key; BIP-340 over SHA-256(M). True only when the key is also a valid key of
    /// the algorithm (the length and prefix checks of `PublicKey.init`, and the primitive's parse).
    /// The other algorithms (sshsig and the wallets') are verified over `context` by `PublicKey`.
    private static func verifies(_ entry: SignatureEntry, message: [UInt8], context: SigningInput?,
                                 prehashed: inout [UInt8]?) -> Bool {
        let key = entry.publicKey
        guard key.count == entry.algorithm.publicKeyLength, entry.signature.count == entry.algorithm.signatureLength else {
            return false
        }
        switch entry.algorithm {
        case .sshsig, .adr036Secp256k1, .eip191Secp256k1, .nep413Ed25519:
            guard let context, let publicKey = try? PublicKey(algorithm: entry.algorithm, rawRepresentation: key) else { return false }
            return publicKey.isValidSignature(entry.signature, for: context)
        case .ed25519:
            return Ed25519.verify(publicKey: key, signature: entry.signature, message: message)
        case .ecdsaSecp256k1:
            guard key[0] == 0x02 || key[0] == 0x03 else { return false }
            let digest = prehashed ?? Digest.sha256(message)
            prehashed = digest
            return ECDSASecp256k1.verify(compactSignature: entry.signature, digest: digest, publicKey: key)
        case .bip340:
            let digest = prehashed ?? Digest.sha256(message)
            prehashed = digest
            return BIP340.verify(signature: entry.signature, message: digest, xOnlyPublicKey: key)
        }
    }

    /// Why a signature that did not verify is invalid: its key, a high-S ECDSA form, or the signature.
    private static func failureReason(_ entry: SignatureEntry, context: SigningInput?) -> String {
        guard (try? PublicKey(algorithm: entry.algorithm, rawRepresentation: entry.publicKey)) != nil else {
            return "public key is not a valid \(entry.algorithm.rawValue) key"
        }
        if entry.algorithm == .adr036Secp256k1, context?.cosmosAccount == nil {
            return "adr036-secp256k1 signs for an account on a Cosmos chain, and this document names no Cosmos chain "
                + "with a built-in bech32 prefix"
        }
        if entry.algorithm.curve == .secp256k1, entry.algorithm != .bip340,
           !ECDSASecp256k1.isLowS(compactSignature: Array(entry.signature.prefix(64))) {
            return "high-S ECDSA signature (only low-S signatures are valid)"
        }
        if entry.algorithm == .eip191Secp256k1, ![0, 1, 27, 28].contains(entry.signature[64]) {
            return "EIP-191 signature with v = \(entry.signature[64]) (expected 0, 1, 27 or 28)"
        }
        if entry.algorithm == .sshsig, let blob = try? SSHSignature.parse(entry.signature) {
            if blob.namespace != SSHSignature.govsealNamespace {
                return "SSH signature for namespace \"\(blob.namespace)\", not \"govseal\""
            }
            if blob.publicKeyBlob != entry.publicKey { return "SSH signature made by another key than public_key" }
        }
        return "signature does not verify"
    }
}
