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
    /// that already signed is `.duplicate` (distinct keys are counted once).
    public func checkSignatures() -> [SignatureCheck] {
        let message = signingInput
        var seen: [[UInt8]: Int] = [:]
        return signatures.enumerated().map { index, entry in
            var identity = Array(entry.algorithm.rawValue.utf8)
            identity.append(0)
            identity += entry.publicKey
            let keyID = Hex.encode(Digest.sha256(identity))
            func result(_ status: SignatureCheck.Status) -> SignatureCheck {
                SignatureCheck(index: index, keyID: keyID, algorithm: entry.algorithm, publicKey: entry.publicKey, status: status)
            }
            guard keyID == entry.keyID else {
                return result(.invalid(reason: "stored keyid \(entry.keyID) does not match the key (computed \(keyID))"))
            }
            guard let key = try? PublicKey(algorithm: entry.algorithm, rawRepresentation: entry.publicKey) else {
                return result(.invalid(reason: "public key is not a valid \(entry.algorithm.rawValue) key"))
            }
            guard key.isValidSignature(entry.signature, for: message) else {
                if entry.algorithm == .ecdsaSecp256k1, !ECDSASecp256k1.isLowS(compactSignature: entry.signature) {
                    return result(.invalid(reason: "high-S ECDSA signature (only low-S signatures are valid)"))
                }
                return result(.invalid(reason: "signature does not verify"))
            }
            if let first = seen[identity] { return result(.duplicate(ofIndex: first)) }
            seen[identity] = index
            return result(.valid)
        }
    }
}
