import GovSealCrypto
import GovSealEncoding

/// FuzzKeyFile: `KeyFile.parse` (every reader: PEM, DER, OpenSSH, hex with or without `0x`,
/// CometBFT, NEAR, Ethereum keystore with a fixed passphrase, legacy dfx) with no curve, Ed25519
/// and secp256k1 must never crash and never quote secret material in an error or a description;
/// a parsed secret key must serialise (in its format, or PEM for read-only formats) and parse
/// back to the same key. `WalletSignatureText.parse` and `SSHSignature.parse` of the same bytes
/// must never crash either.
///
/// Violations name the property and offsets only, never key bytes.
enum KeyFileFuzzTarget {
    static let target = FuzzTarget.keyFile

    /// The passphrase keystores are opened with (a fuzzed keystore can only match it by chance,
    /// but every parameter check before the MAC runs).
    static let passphrase = Array("fuzz".utf8)

    static func check(_ bytes: [UInt8]) throws(PropertyViolation) -> FuzzOutcome {
        let fileScan = SecretLeakScan(keyFile: bytes)
        var outcome = FuzzOutcome.rejected
        _ = try? SSHSignature.parse(bytes)
        _ = try? WalletSignatureText.parse(String(decoding: bytes, as: UTF8.self))
        for curve in [nil, KeyCurve.ed25519, .secp256k1] {
            let loaded: LoadedKey
            do {
                loaded = try KeyFile.parse(bytes, curve: curve, passphrase: passphrase)
            } catch {
                try requireNoLeak(fileScan, in: String(describing: error), what: "an error")
                continue
            }
            outcome = .accepted
            _ = try? loaded.publicKeys()
            guard case .secret(let key, let format) = loaded else { continue }
            let parsedScan = SecretLeakScan(secretTexts: key.withSecretBytes { secret in
                [Hex.encode(secret), Base64.encode(secret), Base58.encode(secret)].map { Array($0.utf8) }
            })
            for (what, text) in [("description", String(describing: loaded)), ("debugDescription", String(reflecting: loaded)),
                                 ("the key's description", String(describing: key))] {
                try requireNoLeak(fileScan, in: text, what: what)
                try requireNoLeak(parsedScan, in: text, what: what)
            }
            try roundTrip(key, format: format, loaded: loaded)
        }
        return outcome
    }

    /// serialize(key, format) parses back (with the key's curve) to a secret of the same format and keys;
    /// a read-only format (OpenSSH, DER, keystore) round-trips through PEM.
    static func roundTrip(_ key: PrivateKey, format readFormat: KeyFileFormat, loaded: LoadedKey) throws(PropertyViolation) {
        let format = readFormat.isWritable ? readFormat : .pem
        let again: LoadedKey
        do {
            again = try KeyFile.parse(KeyFile.serialize(key, format: format), curve: key.curve)
        } catch {
            throw PropertyViolation(target, "a parsed \(format.rawValue) secret key serialises and parses back", "\(error)")
        }
        guard case .secret(_, let againFormat) = again else {
            throw PropertyViolation(target, "a serialised \(format.rawValue) secret key parses as a secret key")
        }
        try target.require(againFormat == format, "a serialised key file keeps its format",
                           "\(format.rawValue) became \(againFormat.rawValue)")
        let keys = try? loaded.publicKeys().filter(\.algorithm.isNative), againKeys = try? again.publicKeys()
        try target.require(keys != nil && keys == againKeys, "a serialised key file holds the same key")
    }

    static func requireNoLeak(_ scan: SecretLeakScan, in text: String, what: String) throws(PropertyViolation) {
        if let offset = scan.leak(in: text) {
            throw PropertyViolation(target, "\(what) never quotes secret key material",
                                    "\(SecretLeakScan.windowLength) characters from offset \(offset) of a secret appear in it")
        }
    }
}
