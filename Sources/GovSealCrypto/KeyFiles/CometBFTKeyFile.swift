import GovSealJSON
import GovSealEncoding

/// CometBFT / Tendermint `priv_validator_key.json`: `address`, `pub_key` and `priv_key`, each key
/// `{"type": …, "value": <base64>}`. Ed25519 secrets are 64 bytes `seed‖public key`;
/// secp256k1 secrets are the 32-byte scalar. The stored public key and address must match the secret.
enum CometBFTKeyFile {
    static let ed25519PrivateType = "tendermint/PrivKeyEd25519"
    static let ed25519PublicType = "tendermint/PubKeyEd25519"
    static let secp256k1PrivateType = "tendermint/PrivKeySecp256k1"
    static let secp256k1PublicType = "tendermint/PubKeySecp256k1"
    /// The amino name prefixes of CometBFT and of forks that renamed the key types
    /// (`cometbft/PrivKeySecp256k1`), read as the Tendermint names.
    static let typePrefixes = ["tendermint/", "cometbft/"]

    /// The Tendermint name of a key type written under any known prefix, e.g.
    /// `cometbft/PrivKeySecp256k1` → `tendermint/PrivKeySecp256k1`; other names unchanged.
    static func canonicalType(_ type: String) -> String {
        for prefix in typePrefixes where type.hasPrefix(prefix) {
            return "tendermint/" + type.dropFirst(prefix.count)
        }
        return type
    }

    static func parse(_ object: JSONObject) throws -> LoadedKey {
        guard let privateMember = try KeyJSON.object(object, "priv_key") else {
            throw CryptoError(.invalidKeyFile, "CometBFT key file: priv_key is missing (a public-only file is not a key file)")
        }
        let type = canonicalType(try KeyJSON.requiredString(privateMember, "type", in: "CometBFT key file: priv_key."))
        let encoded = try KeyJSON.requiredString(privateMember, "value", in: "CometBFT key file: priv_key.")
        var secret: [UInt8]
        do {
            secret = try Base64.decode(encoded)
        } catch {
            throw CryptoError(.invalidKeyFile, "CometBFT key file: priv_key.value is not valid base64")
        }
        defer { wipe(&secret) }

        let key: PrivateKey
        let publicKey: [UInt8]
        switch type {
        case ed25519PrivateType:
            guard secret.count == 64 else {
                throw CryptoError(.invalidKeyFile, "CometBFT key file: an Ed25519 priv_key.value is 64 bytes "
                    + "(seed and public key), found \(secret.count)")
            }
            var seed = Array(secret[0..<32])
            defer { wipe(&seed) }
            key = try PrivateKey(curve: .ed25519, rawRepresentation: seed)
            publicKey = try key.publicKey(for: .ed25519).rawRepresentation
            guard Array(secret[32..<64]) == publicKey else {
                throw CryptoError(.invalidKeyFile, "CometBFT key file: the public half of priv_key.value does not match its seed")
            }
        case secp256k1PrivateType:
            guard secret.count == 32 else {
                throw CryptoError(.invalidKeyFile, "CometBFT key file: a secp256k1 priv_key.value is 32 bytes, found \(secret.count)")
            }
            key = try PrivateKey(curve: .secp256k1, rawRepresentation: secret)
            publicKey = try key.publicKey(for: .ecdsaSecp256k1).rawRepresentation
        default:
            throw CryptoError(.invalidKeyFile, "CometBFT key file: unsupported priv_key.type \"\(printable(type))\" "
                + "(expected \(ed25519PrivateType) or \(secp256k1PrivateType), also under the cometbft/ prefix)")
        }
        try checkPublicKey(object, expected: publicKey, curve: key.curve)
        try checkAddress(object, publicKey: publicKey, curve: key.curve)
        return .secret(key, format: .cometbft)
    }

    static func serialize(_ key: PrivateKey) throws -> [UInt8] {
        let publicKey = try key.publicKey(for: key.curve.defaultAlgorithm).rawRepresentation
        let (privateType, publicType) = key.curve == .ed25519
            ? (ed25519PrivateType, ed25519PublicType) : (secp256k1PrivateType, secp256k1PublicType)
        var secret = key.withSecretBytes { key.curve == .ed25519 ? $0 + publicKey : $0 }
        defer { wipe(&secret) }
        let text = """
            {
              "address": "\(address(of: publicKey, curve: key.curve))",
              "pub_key": {
                "type": "\(publicType)",
                "value": "\(Base64.encode(publicKey))"
              },
              "priv_key": {
                "type": "\(privateType)",
                "value": "\(Base64.encode(secret))"
              }
            }

            """
        return Array(text.utf8)
    }

    /// CometBFT's address: upper-case hex of SHA-256(key)[0..<20] (Ed25519) or
    /// RIPEMD-160(SHA-256(key)) (secp256k1).
    static func address(of publicKey: [UInt8], curve: KeyCurve) -> String {
        let hash = curve == .ed25519
            ? Array(Digest.sha256(publicKey).prefix(20)) : Digest.ripemd160(Digest.sha256(publicKey))
        return Hex.encode(hash).uppercased()
    }

    private static func checkPublicKey(_ object: JSONObject, expected: [UInt8], curve: KeyCurve) throws {
        guard let member = try KeyJSON.object(object, "pub_key") else { return }
        let type = canonicalType(try KeyJSON.requiredString(member, "type", in: "CometBFT key file: pub_key."))
        let expectedType = curve == .ed25519 ? ed25519PublicType : secp256k1PublicType
        guard type == expectedType else {
            throw CryptoError(.invalidKeyFile, "CometBFT key file: pub_key.type \"\(printable(type))\" does not match "
                + "the private key (expected \(expectedType))")
        }
        let value = try KeyJSON.requiredString(member, "value", in: "CometBFT key file: pub_key.")
        guard let stored = try? Base64.decode(value) else {
            throw CryptoError(.invalidKeyFile, "CometBFT key file: pub_key.value is not valid base64")
        }
        guard stored == expected else {
            throw CryptoError(.invalidKeyFile, "CometBFT key file: pub_key.value does not match the private key")
        }
    }

    private static func checkAddress(_ object: JSONObject, publicKey: [UInt8], curve: KeyCurve) throws {
        guard let stored = try KeyJSON.string(object, "address", in: "CometBFT key file: ") else { return }
        let expected = address(of: publicKey, curve: curve)
        guard stored.uppercased() == expected else {
            throw CryptoError(.invalidKeyFile, "CometBFT key file: address \(printable(stored)) does not match "
                + "the key (expected \(expected))")
        }
    }
}

/// A short, single-line, printable rendering of untrusted text for an error message.
func printable(_ text: String) -> String {
    let cleaned = String(text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7f ? Character($0) : "?" })
    return cleaned.count > 60 ? String(cleaned.prefix(60)) + "…" : cleaned
}
