import GovSealCrypto
import GovSealEncoding

/// Internet Computer principals: self-authenticating ids of public keys and their
/// textual form (the IC interface specification, "Principals" and "Textual representation").
public enum ICP {
    /// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32-byte key.
    static let ed25519SPKIPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]
    /// DER prefix of a secp256k1 SubjectPublicKeyInfo (id-ecPublicKey, secp256k1), followed by
    /// the 65-byte uncompressed point.
    static let secp256k1SPKIPrefix: [UInt8] = [
        0x30, 0x56, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
        0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a, 0x03, 0x42, 0x00,
    ]
    /// The longest principal, in bytes.
    public static let maximumPrincipalLength = 29

    /// The DER SubjectPublicKeyInfo the IC hashes for `publicKey`: Ed25519 as RFC 8410,
    /// secp256k1 with the uncompressed point.
    ///
    /// Throws `ChainError` (`.unsupportedAlgorithm`) for bip340 keys, which have no IC form,
    /// or (`.invalidKey`) when a secp256k1 key does not decompress.
    public static func subjectPublicKeyInfo(for publicKey: PublicKey) throws -> [UInt8] {
        switch publicKey.algorithm {
        case .ed25519:
            return ed25519SPKIPrefix + publicKey.rawRepresentation
        case .ecdsaSecp256k1:
            return secp256k1SPKIPrefix + (try reportingKeyErrors { try Secp256k1.uncompressed(publicKey.rawRepresentation) })
        case .bip340, .sshsig, .adr036Secp256k1, .eip191Secp256k1, .nep413Ed25519:
            throw ChainError(.unsupportedAlgorithm, "ICP principals come from ed25519 or ecdsa-secp256k1 keys, not \(publicKey.algorithm.rawValue)")
        }
    }

    /// The self-authenticating principal of `publicKey`: SHA-224(DER SubjectPublicKeyInfo) ‖ 0x02.
    ///
    /// Throws as `subjectPublicKeyInfo(for:)` does.
    public static func selfAuthenticatingPrincipal(publicKey: PublicKey) throws -> [UInt8] {
        selfAuthenticatingPrincipal(derPublicKey: try subjectPublicKeyInfo(for: publicKey))
    }

    /// The self-authenticating principal of a DER-encoded public key: SHA-224(der) ‖ 0x02.
    public static func selfAuthenticatingPrincipal(derPublicKey: [UInt8]) -> [UInt8] {
        Digest.sha224(derPublicKey) + [0x02]
    }

    /// The textual form of a principal: base32 (lowercase, unpadded) of
    /// CRC-32(bytes) big-endian ‖ bytes, with a `-` after every 5 characters.
    public static func textual(_ principal: [UInt8]) -> String {
        let crc = CRC32.checksum(principal)
        let checksum: [UInt8] = [UInt8(crc >> 24), UInt8(crc >> 16 & 0xff), UInt8(crc >> 8 & 0xff), UInt8(crc & 0xff)]
        let encoded = Array(Base32.encodeLower(checksum + principal))
        return stride(from: 0, to: encoded.count, by: 5)
            .map { String(encoded[$0..<min($0 + 5, encoded.count)]) }
            .joined(separator: "-")
    }

    /// Parses the textual form of a principal, returning its bytes.
    ///
    /// Throws `ChainError` (`.invalidAddress`) naming the problem: upper case, a character
    /// outside base32 and `-` (with its offset), dashes not after every 5 characters, a
    /// principal longer than 29 bytes, or "checksum mismatch" of the CRC-32.
    public static func parseTextual(_ text: String) throws -> [UInt8] {
        let scalars = Array(text.unicodeScalars)
        for (offset, scalar) in scalars.enumerated() {
            let ok = ("a"..."z").contains(scalar) || ("2"..."7").contains(scalar) || scalar == "-"
            guard ok else {
                let hint = ("A"..."Z").contains(scalar) ? " (principals are written in lowercase)" : ""
                throw ChainError(.invalidAddress, "ICP principal '\(text)': character '\(scalar)' at offset \(offset) is not base32 or '-'\(hint)")
            }
        }
        for (offset, scalar) in scalars.enumerated() where (offset % 6 == 5) != (scalar == "-") {
            throw ChainError(.invalidAddress, "ICP principal '\(text)': "
                + (scalar == "-" ? "unexpected '-' at offset \(offset)" : "expected '-' at offset \(offset)")
                + "; groups are 5 characters")
        }
        guard scalars.last != "-" else {
            throw ChainError(.invalidAddress, "ICP principal '\(text)' ends with '-'")
        }
        let bytes: [UInt8]
        do {
            bytes = try Base32.decode(String(String.UnicodeScalarView(scalars.filter { $0 != "-" })))
        } catch let error as EncodingError {
            throw ChainError(.invalidAddress, "ICP principal '\(text)': \(error.reason) (offsets without the dashes)")
        }
        guard bytes.count >= 4 else {
            throw ChainError(.invalidAddress, "ICP principal '\(text)' is too short to hold its 4-byte CRC-32")
        }
        let principal = Array(bytes.dropFirst(4))
        guard principal.count <= maximumPrincipalLength else {
            throw ChainError(.invalidAddress, "ICP principal '\(text)' is \(principal.count) bytes; at most \(maximumPrincipalLength) are allowed")
        }
        let stated = bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard stated == CRC32.checksum(principal) else {
            throw ChainError(.invalidAddress, "ICP principal '\(text)': checksum mismatch (the CRC-32 does not match the principal bytes)")
        }
        guard textual(principal) == text else {
            throw ChainError(.invalidAddress, "ICP principal '\(text)' is not in canonical form; expected '\(textual(principal))'")
        }
        return principal
    }
}
