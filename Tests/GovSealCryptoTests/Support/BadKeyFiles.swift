import GovSealCrypto
import GovSealEncoding
import Testing

/// One malformed key file and the error code it must give.
struct BadKeyFile: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let curve: KeyCurve?
    let code: CryptoError.Code

    var testDescription: String { name }

    init(_ name: String, _ text: String, curve: KeyCurve? = nil, _ code: CryptoError.Code) {
        self.name = name
        bytes = Array(text.utf8)
        self.curve = curve
        self.code = code
    }

    static let seed = KeyFileTests.seed
    static let publicKey = KeyFileTests.publicKey
    static let secretBase58 = "ed25519:" + Base58.encode(seed + publicKey)
    static let publicBase58 = "ed25519:" + Base58.encode(publicKey)
    static let otherPublicBase58 = "ed25519:" + Base58.encode([UInt8](repeating: 7, count: 32))
    static let cometAddress = Hex.encode(Digest.sha256(publicKey).prefix(20)).uppercased()

    static func comet(address: String = cometAddress, publicValue: String = Base64.encode(publicKey),
                      publicType: String = "tendermint/PubKeyEd25519", privateType: String = "tendermint/PrivKeyEd25519",
                      privateValue: String = Base64.encode(seed + publicKey)) -> String {
        """
        {"address":"\(address)","pub_key":{"type":"\(publicType)","value":"\(publicValue)"},\
        "priv_key":{"type":"\(privateType)","value":"\(privateValue)"}}
        """
    }

    static let all: [BadKeyFile] = [
        .init("empty file", "", .invalidKeyFile),
        .init("plain text", "hello, I am not a key\n", .invalidKeyFile),
        .init("malformed PEM body", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5!!\n-----END PRIVATE KEY-----\n", .invalidKeyFile),
        .init("PEM without END line", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMRESc\n", .invalidKeyFile),
        .init("PEM certificate, not a key", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", .invalidKeyFile),
        .init("encrypted PKCS#8 PEM", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
              .invalidKeyFile),
        .init("wrong curve: EC prime256v1 PEM", """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgpxm36g21EYCpxv2Z
            lXsztUTapRQfqkEWeI6tAq1OZcWhRANCAASFv19bEY8ueQQ6QiYFuxDGhgVnfyqr
            SE5oHlT2ewe5/BFTcIkTOt/iBPaDg7VBmU8f6B5oqkp+Pe2HWcegiv4E
            -----END PRIVATE KEY-----

            """, .invalidKeyFile),
        .init("wrong key type: X25519 PEM", """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VuBCIEIJDCRXTRIQP1GxE6WAQN3ldwO1zzFMcIhP/4XDlPyTBj
            -----END PRIVATE KEY-----

            """, .invalidKeyFile),
        .init("hex of 31 bytes", String(repeating: "ab", count: 31), curve: .ed25519, .invalidKeyFile),
        .init("hex of 33 bytes (a public key)", "02" + String(repeating: "ab", count: 32), curve: .secp256k1, .invalidKeyFile),
        .init("odd-length hex", String(repeating: "a", count: 63), curve: .ed25519, .invalidKeyFile),
        .init("hex without a curve", Hex.encode(seed), .invalidKeyFile),
        .init("hex secp256k1 scalar zero", String(repeating: "00", count: 32), curve: .secp256k1, .invalidKey),
        .init("hex secp256k1 scalar ≥ n", String(repeating: "ff", count: 32), curve: .secp256k1, .invalidKey),
        .init("truncated JSON", String(comet().dropLast(20)), .invalidKeyFile),
        .init("JSON array", "[1, 2]", .invalidKeyFile),
        .init("JSON with a duplicate member", "{\"priv_key\": {}, " + String(comet().dropFirst()), .invalidKeyFile),
        .init("JSON without a key", "{\"address\": \"AB\"}", .invalidKeyFile),
        .init("CometBFT: pub_key does not match", comet(publicValue: Base64.encode([UInt8](repeating: 7, count: 32))),
              .invalidKeyFile),
        .init("CometBFT: public half of priv_key does not match",
              comet(privateValue: Base64.encode(seed + [UInt8](repeating: 7, count: 32))), .invalidKeyFile),
        .init("CometBFT: address does not match", comet(address: String(repeating: "A", count: 40)), .invalidKeyFile),
        .init("CometBFT: pub_key type of another curve", comet(publicType: "tendermint/PubKeySecp256k1"), .invalidKeyFile),
        .init("CometBFT: unknown priv_key type", comet(privateType: "tendermint/PrivKeySr25519"), .invalidKeyFile),
        .init("CometBFT: priv_key not base64", comet(privateValue: "***"), .invalidKeyFile),
        .init("CometBFT: 32-byte Ed25519 priv_key", comet(privateValue: Base64.encode(seed)), .invalidKeyFile),
        .init("CometBFT: priv_key value is a number", "{\"priv_key\":{\"type\":\"tendermint/PrivKeyEd25519\",\"value\":5}}",
              .invalidKeyFile),
        .init("NEAR: public_key does not match",
              "{\"public_key\":\"\(otherPublicBase58)\",\"secret_key\":\"\(secretBase58)\"}", .invalidKeyFile),
        .init("NEAR: secret_key and private_key differ",
              "{\"secret_key\":\"\(secretBase58)\",\"private_key\":\"ed25519:\(Base58.encode([UInt8](repeating: 1, count: 64)))\"}",
              .invalidKeyFile),
        .init("NEAR: public half of secret_key does not match",
              "{\"secret_key\":\"ed25519:\(Base58.encode(seed + [UInt8](repeating: 7, count: 32)))\"}", .invalidKeyFile),
        .init("NEAR: secp256k1 key", "{\"secret_key\":\"secp256k1:\(Base58.encode(seed))\"}", .invalidKeyFile),
        .init("NEAR: not base58", "{\"secret_key\":\"ed25519:0OIl\"}", .invalidKeyFile),
        .init("NEAR: 32-byte secret", "{\"secret_key\":\"ed25519:\(Base58.encode(seed))\"}", .invalidKeyFile),
    ]
}
