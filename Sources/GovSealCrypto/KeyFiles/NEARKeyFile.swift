import GovSealJSON
import GovSealEncoding

/// NEAR key JSON (as near-cli writes it): `account_id`, `public_key` `ed25519:<base58>` and
/// `secret_key` (or `private_key`, never both) `ed25519:<base58 of seed‖public key>`. Ed25519 only.
/// The stored public key must match the secret.
enum NEARKeyFile {
    static let prefix = "ed25519:"

    static func parse(_ object: JSONObject) throws -> LoadedKey {
        let secretText = try KeyJSON.string(object, "secret_key", in: "NEAR key file: ")
        let privateText = try KeyJSON.string(object, "private_key", in: "NEAR key file: ")
        // nearcore's KeyFile has `secret_key` with the alias `private_key`: serde refuses a file
        // with both ("duplicate field"), and so does govseal, even when they are equal.
        if secretText != nil, privateText != nil {
            throw CryptoError(.invalidKeyFile, "NEAR key file: has both secret_key and private_key (nearcore refuses such a file; keep one)")
        }
        guard let text = secretText ?? privateText else {
            throw CryptoError(.invalidKeyFile, "NEAR key file: secret_key is missing")
        }
        let member = secretText != nil ? "secret_key" : "private_key"
        guard text.hasPrefix(prefix) else {
            let curve = text.split(separator: ":", maxSplits: 1).first.map { String($0) } ?? ""
            throw CryptoError(.invalidKeyFile, "NEAR key file: \(member) must start with \"ed25519:\""
                + (text.contains(":") && curve == "secp256k1" ? " (\"secp256k1\" keys are not supported)" : ""))  // never quote the member: it may be the secret
        }
        var secret: [UInt8]
        do {
            secret = try Base58.decode(text.dropFirst(prefix.count))
        } catch {
            throw CryptoError(.invalidKeyFile, "NEAR key file: \(member) is not valid base58")
        }
        defer { wipe(&secret) }
        guard secret.count == 64 else {
            throw CryptoError(.invalidKeyFile, "NEAR key file: \(member) holds 64 bytes (seed and public key), "
                + "found \(secret.count)")
        }
        var seed = Array(secret[0..<32])
        defer { wipe(&seed) }
        let key = try PrivateKey(curve: .ed25519, rawRepresentation: seed)
        let publicKey = try key.publicKey(for: .ed25519).rawRepresentation
        guard Array(secret[32..<64]) == publicKey else {
            throw CryptoError(.invalidKeyFile, "NEAR key file: the public half of \(member) does not match its seed")
        }
        if let stored = try KeyJSON.string(object, "public_key", in: "NEAR key file: ") {
            guard stored.hasPrefix(prefix), let bytes = try? Base58.decode(stored.dropFirst(prefix.count)) else {
                throw CryptoError(.invalidKeyFile, "NEAR key file: public_key is not \"ed25519:<base58>\"")
            }
            guard bytes == publicKey else {
                throw CryptoError(.invalidKeyFile, "NEAR key file: public_key does not match \(member)")
            }
        }
        return .secret(key, format: .near)
    }

    static func serialize(_ key: PrivateKey) throws -> [UInt8] {
        guard key.curve == .ed25519 else {
            throw CryptoError(.unsupportedAlgorithm, "NEAR key files hold Ed25519 keys; use pem, hex or cometbft for secp256k1")
        }
        let publicKey = try key.publicKey(for: .ed25519).rawRepresentation
        var secret = key.withSecretBytes { $0 + publicKey }
        defer { wipe(&secret) }
        let text = "{\"account_id\":\"\(Hex.encode(publicKey))\",\"public_key\":\"\(prefix)\(Base58.encode(publicKey))\","
            + "\"secret_key\":\"\(prefix)\(Base58.encode(secret))\"}\n"
        return Array(text.utf8)
    }
}
