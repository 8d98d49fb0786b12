import GovSealEncoding

/// OpenSSH's SSHSIG signatures (PROTOCOL.sshsig), as `ssh-keygen -Y sign` makes them and
/// `ssh-keygen -Y verify` checks them, for `ssh-ed25519` keys.
///
/// The signed data is `"SSHSIG" ‖ string(namespace) ‖ string("") ‖ string(hash) ‖ string(H(message))`;
/// the blob is `"SSHSIG" ‖ uint32(1) ‖ string(public key blob) ‖ string(namespace) ‖ string("") ‖
/// string(hash) ‖ string(string("ssh-ed25519") ‖ string(64-byte Ed25519 signature))`.
public enum SSHSignature {
    /// The namespace of govseal's signatures (`ssh-keygen -Y sign -n govseal`).
    public static let govsealNamespace = "govseal"
    /// The SSH key type govseal verifies.
    public static let ed25519KeyType = "ssh-ed25519"
    /// string("ssh-ed25519") ‖ string(32-byte key).
    public static let ed25519KeyBlobLength = 4 + 11 + 4 + 32
    /// An SSHSIG blob for an `ssh-ed25519` key, namespace `govseal`, hash `sha256` or `sha512`.
    public static let govsealEd25519SignatureLength = 6 + 4 + (4 + ed25519KeyBlobLength) + (4 + 7) + 4 + (4 + 6)
        + (4 + 4 + 11 + 4 + 64)

    private static let magic = Array("SSHSIG".utf8)

    /// A parsed SSHSIG blob.
    public struct Blob: Sendable, Equatable {
        public let publicKeyBlob: [UInt8]
        public let namespace: String
        public let hashAlgorithm: String
        /// The key type named inside the signature field.
        public let signatureType: String
        public let signature: [UInt8]
    }

    /// The wire blob `string("ssh-ed25519") ‖ string(key)` of a 32-byte Ed25519 key.
    public static func ed25519KeyBlob(_ key: [UInt8]) -> [UInt8] {
        var writer = SSHWireWriter()
        writer.string(ed25519KeyType)
        writer.string(key)
        return writer.bytes
    }

    /// The 32-byte Ed25519 key of an `ssh-ed25519` wire blob.
    ///
    /// Throws `CryptoError` (`.invalidKey`) for another key type or trailing bytes; (`.unsupportedAlgorithm`)
    /// for a key type govseal does not sign with (RSA, NIST ECDSA, security keys), naming it.
    public static func ed25519Key(fromBlob blob: [UInt8]) throws -> [UInt8] {
        var reader = SSHWireReader(blob, what: "SSH public key")
        let type: String
        do { type = try reader.name("key type") } catch { throw CryptoError(.invalidKey, "not an SSH public key blob") }
        guard type == ed25519KeyType else {
            throw CryptoError(.unsupportedAlgorithm, "SSH key type \(printable(type)) is not one govseal signs with "
                + "(ssh-ed25519; NIST ECDSA, RSA and security-key types are not govseal curves)")
        }
        guard let key = try? reader.string("key"), key.count == 32, reader.isAtEnd else {
            throw CryptoError(.invalidKey, "an ssh-ed25519 public key blob holds one 32-byte key")
        }
        return key
    }

    /// Parses an SSHSIG blob (binary). Throws `CryptoError` (`.invalidSignature`) naming what is wrong.
    public static func parse(_ bytes: [UInt8]) throws -> Blob {
        do {
            var reader = SSHWireReader(bytes, what: "SSH signature")
            guard try reader.raw(6, "preamble") == magic else {
                throw CryptoError(.invalidSignature, "SSH signature: missing the SSHSIG preamble")
            }
            let version = try reader.uint32("version")
            guard version == 1 else { throw CryptoError(.invalidSignature, "SSH signature: version \(version), expected 1") }
            let publicKey = try reader.string("public key")
            let namespace = try reader.name("namespace")
            _ = try reader.string("reserved")
            let hash = try reader.name("hash algorithm")
            var inner = SSHWireReader(try reader.string("signature"), what: "SSH signature")
            guard reader.isAtEnd else { throw CryptoError(.invalidSignature, "SSH signature: trailing bytes") }
            let type = try inner.name("signature type")
            let signature = try inner.string("signature bytes")
            guard inner.isAtEnd else { throw CryptoError(.invalidSignature, "SSH signature: trailing bytes in the signature") }
            return Blob(publicKeyBlob: publicKey, namespace: namespace, hashAlgorithm: hash, signatureType: type, signature: signature)
        } catch let error as CryptoError where error.code == .invalidKeyFile {
            throw CryptoError(.invalidSignature, error.reason)
        }
    }

    /// The binary blob inside an armored `-----BEGIN SSH SIGNATURE-----` text (what `ssh-keygen -Y sign` prints).
    ///
    /// Throws `CryptoError` (`.invalidSignature`) when the armor or its base64 is malformed.
    public static func dearmor(_ text: [UInt8]) throws -> [UInt8] {
        let lines = String(decoding: text, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
        guard lines.first == "-----BEGIN SSH SIGNATURE-----", lines.last == "-----END SSH SIGNATURE-----", lines.count >= 3 else {
            throw CryptoError(.invalidSignature, "not an armored SSH signature (-----BEGIN SSH SIGNATURE-----)")
        }
        do {
            return try Base64.decode(lines.dropFirst().dropLast().joined())
        } catch {
            throw CryptoError(.invalidSignature, "the armored SSH signature is not valid base64")
        }
    }

    /// The bytes the key signs for `message` under `namespace` and `hashAlgorithm` (`sha256` or `sha512`).
    static func signedData(message: [UInt8], namespace: String, hashAlgorithm: String) throws -> [UInt8] {
        let digest: [UInt8]
        switch hashAlgorithm {
        case "sha256": digest = Digest.sha256(message)
        case "sha512": digest = Digest.sha512(message)
        default: throw CryptoError(.invalidSignature, "SSH signature: hash \(printable(hashAlgorithm)) is not sha256 or sha512")
        }
        var writer = SSHWireWriter()
        writer.raw(magic)
        writer.string(namespace)
        writer.string([UInt8]())
        writer.string(hashAlgorithm)
        writer.string(digest)
        return writer.bytes
    }

    /// Signs `message` as `ssh-keygen -Y sign -n namespace` does with an Ed25519 key (hash sha512).
    static func sign(seed: [UInt8], message: [UInt8], namespace: String = govsealNamespace) throws -> [UInt8] {
        let key = try Ed25519.publicKey(seed: seed)
        let signature = try Ed25519.sign(seed: seed, message: signedData(message: message, namespace: namespace, hashAlgorithm: "sha512"))
        var inner = SSHWireWriter()
        inner.string(ed25519KeyType)
        inner.string(signature)
        var writer = SSHWireWriter()
        writer.raw(magic)
        writer.uint32(1)
        writer.string(ed25519KeyBlob(key))
        writer.string(namespace)
        writer.string([UInt8]())
        writer.string("sha512")
        writer.string(inner.bytes)
        return writer.bytes
    }

    /// Verifies an SSHSIG blob over `message`: the blob's key must be `publicKeyBlob` exactly, its
    /// namespace `namespace`, its hash sha256 or sha512, its signature type `ssh-ed25519`, and the
    /// Ed25519 signature valid (with the small-order and canonical-key rules of `Ed25519.verify`).
    ///
    /// Returns false for anything malformed; never traps.
    public static func verify(_ blob: [UInt8], publicKeyBlob: [UInt8], message: [UInt8],
                              namespace: String = govsealNamespace) -> Bool {
        guard let parsed = try? parse(blob), parsed.publicKeyBlob == publicKeyBlob, parsed.namespace == namespace,
              parsed.signatureType == ed25519KeyType, parsed.signature.count == 64,
              let key = try? ed25519Key(fromBlob: publicKeyBlob),
              let data = try? signedData(message: message, namespace: namespace, hashAlgorithm: parsed.hashAlgorithm)
        else { return false }
        return Ed25519.verify(publicKey: key, signature: parsed.signature, message: data)
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return String(result)
    }
}
