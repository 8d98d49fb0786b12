import GovSealJSON
import GovSealEncoding

/// Reading and writing key files (DESIGN.md, "Key files read").
///
/// Secret bytes never appear in an error, a description or a log.
public enum KeyFile {
    /// Key files are small; anything larger is refused before parsing.
    static let maximumSize = 64 * 1024

    /// Reads and parses a key file (an Ethereum keystore is opened with `passphrase`).
    ///
    /// Refuses a secret key file that its group or others may read (mode & 0o077 ≠ 0), as ssh
    /// does, with `CryptoError` code `.insecureKeyFile`. `curve` is needed only for a raw hex
    /// secret (32 bytes do not tell their curve). Throws `.io` when the file cannot be read,
    /// `.invalidKeyFile` for contents that are not a key file, `.invalidKey` for a bad key.
    public static func load(path: String, curve: KeyCurve? = nil, passphrase: [UInt8]? = nil) throws -> LoadedKey {
        let (bytes, mode) = try KeyFileIO.readFile(path: path, limit: maximumSize)
        var contents = bytes
        defer { wipe(&contents) }
        let key = try parse(contents, curve: curve, passphrase: passphrase)
        if case .secret = key, mode & 0o077 != 0 {
            let octal = String(mode & 0o777, radix: 8)
            throw CryptoError(.insecureKeyFile, "permissions 0\(octal) for '\(path)' are too open: a secret key file "
                + "must be readable by its owner only; run chmod 600 \(path)")
        }
        return key
    }

    /// Parses key file contents: PEM (PKCS#8, SEC1, SubjectPublicKeyInfo, the legacy dfx
    /// `identity.pem`), DER, OpenSSH (private key or `.pub` line), CometBFT `priv_validator_key.json`,
    /// NEAR key JSON, an Ethereum keystore v3 (opened with `passphrase`), or 64 hex digits with or
    /// without `0x` (then `curve` is required).
    ///
    /// Throws `CryptoError` (`.invalidKeyFile`) naming what is wrong, (`.invalidKey`) for a key
    /// that is not valid on its curve.
    public static func parse(_ bytes: [UInt8], curve: KeyCurve? = nil, passphrase: [UInt8]? = nil) throws -> LoadedKey {
        guard bytes.count <= maximumSize else {
            throw CryptoError(.invalidKeyFile, "not a key file: \(bytes.count) bytes is too large (at most \(maximumSize))")
        }
        let start = bytes.firstIndex { !isWhitespace($0) } ?? bytes.endIndex
        let body = bytes[start...]
        if body.first == UInt8(ascii: "{") {
            return try parseJSON(bytes, passphrase: passphrase)
        }
        if DERKeyFile.looksLikeDER(bytes) {
            return try DERKeyFile.parse(bytes)
        }
        if body.starts(with: Array("-----BEGIN \(OpenSSHKeyFile.privateLabel)-----".utf8)) {
            return try OpenSSHKeyFile.parsePrivateKey(bytes)
        }
        if OpenSSHKeyFile.isPublicKeyLine(body) {
            return try OpenSSHKeyFile.parsePublicKeyLine(bytes)
        }
        // PEM, possibly after explanatory text (as `openssl pkey -text` or PKCS#12 exports write).
        if body.starts(with: pemMarker) || bytes.firstRange(of: [0x0a] + pemMarker) != nil {
            return try PEMKeyFile.parse(bytes)
        }
        let digits = HexKeyFile.hasPrefix(body) ? body.dropFirst(2) : body
        if !digits.isEmpty, digits.allSatisfy({ isHexDigit($0) || isWhitespace($0) }) {
            return try HexKeyFile.parse(bytes, curve: curve)
        }
        throw CryptoError(.invalidKeyFile, "not a key file: expected PEM, DER, OpenSSH, CometBFT priv_validator_key.json, "
            + "NEAR key JSON, Ethereum keystore or hex")
    }

    /// Writes a secret key file with mode 0600, atomically: a temporary file in the same
    /// folder created 0600, written and fsynced, then linked into place. Never overwrites:
    /// an existing `path` is an error (`.io`).
    public static func write(_ key: PrivateKey, format: KeyFileFormat, to path: String) throws {
        var bytes = try serialize(key, format: format)
        defer { wipe(&bytes) }
        try KeyFileIO.writeNew(path: path, bytes: bytes)
    }

    /// The file contents of `key` in `format`.
    ///
    /// Throws `CryptoError` (`.unsupportedAlgorithm`) for a format that cannot hold the key's
    /// curve (NEAR holds Ed25519 keys only).
    public static func serialize(_ key: PrivateKey, format: KeyFileFormat) throws -> [UInt8] {
        switch format {
        case .pem: try PEMKeyFile.serialize(key)
        case .cometbft: try CometBFTKeyFile.serialize(key)
        case .near: try NEARKeyFile.serialize(key)
        case .hex: HexKeyFile.serialize(key)
        case .openssh, .der, .keystore:
            throw CryptoError(.unsupportedAlgorithm, "govseal reads \(format.rawValue) key files but does not write them; "
                + "use pem, cometbft, near or hex")
        }
    }

    // MARK: - Helpers

    private static let pemMarker = Array("-----BEGIN ".utf8)

    private static func parseJSON(_ bytes: [UInt8], passphrase: [UInt8]?) throws -> LoadedKey {
        let object = try KeyJSON.object(bytes)
        if object["crypto"] != nil || object["Crypto"] != nil {
            return try EthereumKeystore.parse(object, passphrase: passphrase)
        }
        if object["priv_key"] != nil || object["pub_key"] != nil {
            return try CometBFTKeyFile.parse(object)
        }
        if object["secret_key"] != nil || object["private_key"] != nil {
            return try NEARKeyFile.parse(object)
        }
        throw CryptoError(.invalidKeyFile, "not a key file: JSON without \"priv_key\" (CometBFT) or "
            + "\"secret_key\"/\"private_key\" (NEAR)")
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
    }
}
