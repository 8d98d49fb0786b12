import GovSealCrypto
import GovSealEncoding

/// NEAR account and key rules: implicit accounts (hex of an Ed25519 key), the
/// `ed25519:<base58>` key text, and named account ids.
public enum NEAR {
    /// The implicit account of an Ed25519 key: its 64 lowercase hex digits.
    ///
    /// Throws `ChainError` (`.invalidKey`) unless `ed25519Key` is a valid 32-byte Ed25519 key.
    public static func implicitAccount(ed25519Key: [UInt8]) throws -> String {
        try checkKey(ed25519Key)
        return Hex.encode(ed25519Key)
    }

    /// The key text NEAR tools print: `ed25519:` followed by the base58 key.
    ///
    /// Throws `ChainError` (`.invalidKey`) unless `ed25519Key` is a valid 32-byte Ed25519 key.
    public static func keyText(ed25519Key: [UInt8]) throws -> String {
        try checkKey(ed25519Key)
        return "ed25519:" + Base58.encode(ed25519Key)
    }

    /// Parses `ed25519:<base58>` key text into the 32-byte key.
    ///
    /// Throws `ChainError` (`.invalidKey`) for a missing or other curve prefix (NEAR's
    /// `secp256k1:` keys are not validator keys), bad base58 (the character and its offset
    /// in the text), or a key that is not 32 bytes.
    public static func parseKeyText(_ text: String) throws -> [UInt8] {
        let prefix = "ed25519:"
        guard text.hasPrefix(prefix) else {
            let curve = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            let found = text.contains(":") ? "curve '\(curve)'" : "no 'ed25519:' prefix"
            throw ChainError(.invalidKey, "NEAR key '\(text)' has \(found); expected 'ed25519:<base58>'")
        }
        let body = text.dropFirst(prefix.count)
        let key: [UInt8]
        do {
            key = try Base58.decode(body)
        } catch let error as EncodingError {
            throw ChainError(.invalidKey, "NEAR key '\(text)': \(error.reason) after the 'ed25519:' prefix")
        }
        guard key.count == 32 else {
            throw ChainError(.invalidKey, "NEAR key '\(text)' holds \(key.count) bytes; an Ed25519 key is 32")
        }
        return key
    }

    /// Checks a NEAR account id: an implicit account (64 lowercase hex digits) or a named
    /// account (2–64 characters, `.`-separated parts of lowercase letters and digits joined
    /// by single `-` or `_`).
    ///
    /// Throws `ChainError` (`.invalidAddress`) naming the rule broken and, for a bad
    /// character, its offset.
    public static func validateAccountID(_ account: String) throws {
        let scalars = Array(account.unicodeScalars)
        guard (2...64).contains(scalars.count) else {
            throw ChainError(.invalidAddress, "NEAR account '\(account)' is \(scalars.count) characters; 2 to 64 are allowed")
        }
        let isAlphanumeric: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        for (offset, scalar) in scalars.enumerated() {
            guard isAlphanumeric(scalar) || scalar == "-" || scalar == "_" || scalar == "." else {
                let hint = ("A"..."Z").contains(scalar) ? " (account ids are lowercase)" : ""
                throw ChainError(.invalidAddress, "NEAR account '\(account)': character '\(scalar)' at offset \(offset) is not allowed\(hint)")
            }
            // A separator must sit between two letters or digits.
            if !isAlphanumeric(scalar) {
                let before = offset > 0 ? scalars[offset - 1] : nil
                let after = offset + 1 < scalars.count ? scalars[offset + 1] : nil
                guard let before, let after, isAlphanumeric(before), isAlphanumeric(after) else {
                    throw ChainError(.invalidAddress, "NEAR account '\(account)': '\(scalar)' at offset \(offset) must sit between letters or digits")
                }
            }
        }
    }

    private static func checkKey(_ key: [UInt8]) throws {
        _ = try reportingKeyErrors { try PublicKey(algorithm: .ed25519, rawRepresentation: key) }
    }
}
