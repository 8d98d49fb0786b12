import GovSealEncoding

/// OpenSSH key files: the unencrypted `openssh-key-v1` private key format (PROTOCOL.key) as
/// `ssh-keygen -t ed25519` writes it, and one-line public keys (`ssh-ed25519 AAAA… comment`).
///
/// Only `ssh-ed25519` keys are govseal keys: NIST ECDSA (`ssh-keygen -t ecdsa`), RSA and
/// security-key types are refused by name. Errors never quote key material.
enum OpenSSHKeyFile {
    static let privateLabel = "OPENSSH PRIVATE KEY"
    private static let authMagic = Array("openssh-key-v1".utf8) + [0]

    /// True when `bytes` look like a one-line OpenSSH public key (`<type> <base64> [comment]`).
    static func isPublicKeyLine(_ bytes: ArraySlice<UInt8>) -> Bool {
        let prefixes = ["ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-"].map { Array($0.utf8) }
        return prefixes.contains { bytes.starts(with: $0) }
    }

    static func parsePublicKeyLine(_ bytes: [UInt8]) throws -> LoadedKey {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        guard lines.count == 1 else {
            throw CryptoError(.invalidKeyFile, "an OpenSSH public key file holds one line, found \(lines.count)")
        }
        let fields = lines[0].split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 2 else {
            throw CryptoError(.invalidKeyFile, "an OpenSSH public key line is \"<type> <base64> [comment]\"")
        }
        let blob: [UInt8]
        do {
            blob = try Base64.decode(fields[1])
        } catch {
            throw CryptoError(.invalidKeyFile, "the OpenSSH public key is not valid base64")
        }
        let key = try ed25519Key(fromBlob: blob)
        var reader = SSHWireReader(blob, what: "OpenSSH public key")
        guard try reader.name("key type") == String(fields[0]) else {
            throw CryptoError(.invalidKeyFile, "the OpenSSH public key's type \(printable(String(fields[0]))) "
                + "does not match the key inside it")
        }
        return .publicOnly(try PublicKey(algorithm: .ed25519, rawRepresentation: key), format: .openssh)
    }

    static func parsePrivateKey(_ bytes: [UInt8]) throws -> LoadedKey {
        var decoded = try pemBody(bytes)
        defer { wipe(&decoded) }
        var reader = SSHWireReader(decoded, what: "OpenSSH private key")
        guard try reader.raw(authMagic.count, "magic") == authMagic else {
            throw CryptoError(.invalidKeyFile, "OpenSSH private key: missing the openssh-key-v1 magic")
        }
        let cipher = try reader.name("cipher")
        let kdf = try reader.name("kdf")
        _ = try reader.string("kdf options")
        guard cipher == "none", kdf == "none" else {
            throw CryptoError(.invalidKeyFile, "the OpenSSH private key is encrypted (\(printable(cipher))): "
                + "sign with --ssh-key (ssh-keygen and your agent unlock it), or remove the passphrase of a copy "
                + "(ssh-keygen -p -N \"\" -f COPY)")
        }
        let count = try reader.uint32("number of keys")
        guard count == 1 else {
            throw CryptoError(.invalidKeyFile, "OpenSSH private key: holds \(count) keys, expected 1")
        }
        let publicBlob = try reader.string("public key")
        let publicKey = try ed25519Key(fromBlob: publicBlob)
        var section = try reader.string("private section")
        defer { wipe(&section) }
        guard reader.isAtEnd else { throw CryptoError(.invalidKeyFile, "OpenSSH private key: trailing bytes") }

        var inner = SSHWireReader(section, what: "OpenSSH private key")
        let check1 = try inner.uint32("check")
        let check2 = try inner.uint32("check")
        guard check1 == check2 else {
            throw CryptoError(.invalidKeyFile, "OpenSSH private key: the check numbers differ (corrupt or wrongly decrypted)")
        }
        guard try inner.name("key type") == SSHSignature.ed25519KeyType else {
            throw CryptoError(.invalidKeyFile, "OpenSSH private key: the private key's type differs from the public key's")
        }
        guard try inner.string("public key") == publicKey else {
            throw CryptoError(.invalidKeyFile, "OpenSSH private key: the private section's public key differs from the file's")
        }
        var secret = try inner.string("private key")
        defer { wipe(&secret) }
        guard secret.count == 64 else {
            throw CryptoError(.invalidKeyFile, "OpenSSH private key: an ssh-ed25519 private key is 64 bytes, found \(secret.count)")
        }
        _ = try inner.string("comment")
        let padding = inner.rest()
        guard padding.count < 8, padding.enumerated().allSatisfy({ $0.element == UInt8($0.offset + 1) }) else {
            throw CryptoError(.invalidKeyFile, "OpenSSH private key: malformed padding")
        }
        var seed = Array(secret[0..<32])
        defer { wipe(&seed) }
        let key = try PrivateKey(curve: .ed25519, rawRepresentation: seed)
        guard Array(secret[32..<64]) == publicKey, try key.publicKey(for: .ed25519).rawRepresentation == publicKey else {
            throw CryptoError(.invalidKeyFile, "OpenSSH private key: the public key does not match the private key")
        }
        return .secret(key, format: .openssh)
    }

    /// The Ed25519 key of an SSH public key blob, as a key-file error.
    private static func ed25519Key(fromBlob blob: [UInt8]) throws -> [UInt8] {
        do {
            return try SSHSignature.ed25519Key(fromBlob: blob)
        } catch let error as CryptoError {
            throw CryptoError(error.code == .unsupportedAlgorithm ? .invalidKeyFile : .invalidKey, error.reason)
        }
    }

    /// The base64 body between the BEGIN and END lines of the OpenSSH private key block.
    private static func pemBody(_ bytes: [UInt8]) throws -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.filter { $0 != " " && $0 != "\t" } }
        guard let begin = lines.firstIndex(of: "-----BEGIN\(privateLabel.filter { $0 != " " })-----"),
              let end = lines[begin...].firstIndex(of: "-----END\(privateLabel.filter { $0 != " " })-----")
        else {
            throw CryptoError(.invalidKeyFile, "OpenSSH private key: no complete BEGIN/END OPENSSH PRIVATE KEY block")
        }
        do {
            return try Base64.decode(lines[(begin + 1)..<end].joined())
        } catch {
            throw CryptoError(.invalidKeyFile, "OpenSSH private key: the block is not valid base64")
        }
    }
}
