import GovSealEncoding

/// A signature made elsewhere (a wallet, `ssh-keygen`), given as `ALG:PUBKEY:SIG` in the forms
/// wallets print: hex (with or without `0x`) or base64 for both parts; PUBKEY may also be NEAR's
/// `ed25519:<base58>` or an OpenSSH `ssh-ed25519 AAAA…` line, and a secp256k1 PUBKEY may be
/// uncompressed (65 bytes, compressed here). Parsing checks forms only: the caller verifies the
/// signature before using it.
public enum WalletSignatureText {
    /// Throws `CryptoError` (`.unsupportedAlgorithm`) for an unknown ALG, (`.invalidKey`) for a
    /// PUBKEY that is not a key of ALG, (`.invalidSignature`) for a SIG of the wrong form or length.
    public static func parse(_ text: String) throws -> (publicKey: PublicKey, signature: [UInt8]) {
        guard let first = text.firstIndex(of: ":"), let last = text.lastIndex(of: ":"), first < last else {
            throw CryptoError(.invalidSignature, "expected ALG:PUBKEY:SIG")
        }
        let algText = String(text[..<first])
        guard let alg = SignatureAlgorithm(rawValue: algText) else {
            throw CryptoError(.unsupportedAlgorithm, "unknown alg \(printable(algText)) (known: "
                + SignatureAlgorithm.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        let key = try publicKey(String(text[text.index(after: first)..<last]), algorithm: alg)
        let sigText = String(text[text.index(after: last)...])
        guard let signature = decode(sigText, lengths: [alg.signatureLength]) else {
            throw CryptoError(.invalidSignature, "SIG must be the \(alg.signatureLength)-byte \(alg.rawValue) signature "
                + "in hex or base64")
        }
        return (key, signature)
    }

    private static func publicKey(_ text: String, algorithm: SignatureAlgorithm) throws -> PublicKey {
        var raw: [UInt8]?
        if text.hasPrefix("ed25519:") {
            raw = try? Base58.decode(text.dropFirst(8))
        } else if text.hasPrefix(SSHSignature.ed25519KeyType + " ") {
            raw = text.split(separator: " ").dropFirst().first.flatMap { try? Base64.decode($0) }
        } else {
            raw = decode(text, lengths: [algorithm.publicKeyLength, 65, 32])
        }
        guard var key = raw else {
            throw CryptoError(.invalidKey, "PUBKEY must be the \(algorithm.rawValue) public key in hex or base64")
        }
        if algorithm.curve == .secp256k1, key.count == 65 { key = try Secp256k1.compressed(key) }
        if algorithm == .sshsig, key.count == 32 { key = SSHSignature.ed25519KeyBlob(key) }
        return try PublicKey(algorithm: algorithm, rawRepresentation: key)
    }

    /// Hex (optional `0x`) when it decodes to one of `lengths`, else base64 (standard or URL alphabet).
    private static func decode(_ text: String, lengths: [Int]) -> [UInt8]? {
        let trimmed = text.filter { !$0.isWhitespace }
        let hex = trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") ? String(trimmed.dropFirst(2)) : trimmed
        if let bytes = try? Hex.decode(hex), lengths.contains(bytes.count) { return bytes }
        var standard = trimmed.replacingOccurrences("-", "+").replacingOccurrences("_", "/")
        while standard.utf8.count % 4 != 0 { standard += "=" }
        if let bytes = try? Base64.decode(standard), lengths.contains(bytes.count) { return bytes }
        return nil
    }
}

private extension String {
    func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
