import GovSealEncoding

/// The bytes each wallet signs for the one-line text W (DESIGN.md, "Signatures made with the keys
/// people already hold"). Pure byte builders: hashing and signing happen in `WalletSignature`.
public enum WalletMessages {
    /// EIP-191 version 0x45 (`personal_sign`): Keccak-256(0x19 ‖ "Ethereum Signed Message:\n" ‖
    /// decimal byte length of `text` ‖ `text`).
    public static func eip191Digest(_ text: [UInt8]) -> [UInt8] {
        Keccak256.hash([0x19] + Array("Ethereum Signed Message:\n\(text.count)".utf8) + text)
    }

    /// The Cosmos ADR-036 amino sign doc (sorted keys, compact JSON) for `data` signed by the
    /// bech32 account address `signer`, as Keplr's `signArbitrary` and the Cosmos Ledger app sign it.
    ///
    /// Throws `CryptoError` (`.invalidKey`) when `signer` holds a character that would need JSON escaping
    /// (a bech32 address never does).
    public static func adr036SignDoc(data: [UInt8], signer: String) throws -> [UInt8] {
        guard !signer.isEmpty, signer.utf8.allSatisfy({ (0x21...0x7e).contains($0) && $0 != 0x22 && $0 != 0x5c }) else {
            throw CryptoError(.invalidKey, "the ADR-036 signer must be a bech32 account address")
        }
        let text = #"{"account_number":"0","chain_id":"","fee":{"amount":[],"gas":"0"},"memo":"","msgs":[{"type":"sign/MsgSignData","value":{"data":""#
            + Base64.encode(data) + #"","signer":""# + signer + #""}}],"sequence":"0"}"#
        return Array(text.utf8)
    }

    /// The NEP-413 tag: 2^31 + 413, written as a little-endian u32 before the borsh payload.
    public static let nep413Tag: UInt32 = (1 << 31) + 413

    /// SHA-256(u32le(2^31 + 413) ‖ borsh({message, nonce, recipient, callbackUrl: None})): what a
    /// NEAR wallet's `signMessage` signs with Ed25519 (NEP-413).
    ///
    /// Throws `CryptoError` (`.invalidSignature`) for a nonce that is not 32 bytes.
    public static func nep413Hash(message: [UInt8], nonce: [UInt8], recipient: String, callbackURL: String? = nil) throws -> [UInt8] {
        guard nonce.count == 32 else { throw CryptoError(.invalidSignature, "a NEP-413 nonce is 32 bytes, found \(nonce.count)") }
        var bytes = littleEndian(nep413Tag)
        bytes += borshString(message)
        bytes += nonce
        bytes += borshString(Array(recipient.utf8))
        if let callbackURL {
            bytes += [1] + borshString(Array(callbackURL.utf8))
        } else {
            bytes.append(0)
        }
        return Digest.sha256(bytes)
    }

    private static func borshString(_ bytes: [UInt8]) -> [UInt8] { littleEndian(UInt32(bytes.count)) + bytes }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xff), UInt8(value >> 8 & 0xff), UInt8(value >> 16 & 0xff), UInt8(value >> 24)]
    }
}
