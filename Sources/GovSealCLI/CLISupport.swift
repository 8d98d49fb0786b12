import ArgumentParser
import GovSealChains
import GovSealEncoding
import GovSealCrypto
import GovSealDocuments
import GovSealExport
import GovSealFiles
import GovSealJSON
#if canImport(Glibc)
import Glibc
#endif

/// Helpers shared by the commands: reading documents and keys with the file named in errors,
/// `NAME=VALUE` options, times, and output.
enum CLI {
    /// Reads a govseal document, or a DSSE envelope exported by `govseal export dsse`.
    static func readDocument(_ path: String) throws -> Document {
        try reading(path) {
            let bytes = try AtomicFile.read(path, limit: Document.maxSize)
            let json: JSONValue
            do {
                json = try JSONReader.parse(bytes, limits: .document)
            } catch let error as JSONError {
                throw DocumentError(.malformedJSON, path: error.path, "\(error.reason) (line \(error.line), column \(error.column))")
            }
            return try dsseReader(json) ?? Document(json: json)
        }
    }

    /// Reads a DSSE envelope as the document it carries; nil for anything else.
    static let dsseReader: DocumentSet.AlternateReader = { json in
        DSSE.looksLikeEnvelope(json) ? try DSSEImport.document(from: json) : nil
    }

    /// Loads a secret key for signing; `algorithm` picks ecdsa-secp256k1 or bip340 for a
    /// secp256k1 key (and the curve of a raw hex key).
    static func loadSecretKey(_ path: String, algorithm: SignatureAlgorithm?, passphraseFile: String? = nil) throws -> PrivateKey {
        try loadSecretKeyFile(path, algorithm: algorithm, passphraseFile: passphraseFile).key
    }

    /// The passphrase in `path` (one trailing newline removed), for an Ethereum keystore. Read from a
    /// file, never from an argument, which other users can see in the process list.
    static func readPassphrase(_ path: String) throws -> [UInt8] {
        try reading(path) {
            var bytes = try AtomicFile.read(path, limit: 4096)
            if bytes.last == 0x0a { bytes.removeLast() }
            if bytes.last == 0x0d { bytes.removeLast() }
            return bytes
        }
    }

    /// `loadSecretKey`, also giving the file's format (a CometBFT `priv_validator_key.json`
    /// holds a consensus key).
    static func loadSecretKeyFile(_ path: String, algorithm: SignatureAlgorithm?,
                                  passphraseFile: String? = nil) throws -> (key: PrivateKey, format: KeyFileFormat) {
        let passphrase = try passphraseFile.map(readPassphrase)
        return try reading(path) {
            switch try KeyFile.load(path: path, curve: algorithm?.curve, passphrase: passphrase) {
            case .secret(let key, let format):
                if let algorithm, algorithm.curve != key.curve {
                    throw InputError(file: path, "a \(key.curve.rawValue) key cannot sign with \(algorithm.rawValue)")
                }
                return (key, format)
            case .publicOnly:
                throw InputError(file: path, "holds only a public key; signing needs the secret key file")
            }
        }
    }

    /// A public key from a key file (secret or public) or `ALG:HEX`.
    static func loadPublicKey(_ source: String, algorithm: SignatureAlgorithm?) throws -> PublicKey {
        if let colon = source.firstIndex(of: ":"), let alg = SignatureAlgorithm(rawValue: String(source[..<colon])) {
            return try reading(source) {
                try PublicKey(algorithm: alg, rawRepresentation: try Hex.decode(String(source[source.index(after: colon)...])))
            }
        }
        return try reading(source) {
            switch try KeyFile.load(path: source, curve: algorithm?.curve) {
            case .secret(let key, _):
                return try key.publicKey(for: algorithm ?? key.curve.defaultAlgorithm)
            case .publicOnly(let key, _):
                if let algorithm, algorithm != key.algorithm {
                    throw InputError(file: source, "holds a \(key.algorithm.rawValue) key, not \(algorithm.rawValue)")
                }
                return key
            }
        }
    }

    /// Splits `NAME=VALUE`; a usage error names the option when `=` is missing.
    static func pair(_ text: String, option: String, form: String = "NAME=VALUE") throws -> (String, String) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw UsageError("\(option) takes \(form), got '\(text)'")
        }
        return (String(text[..<eq]), String(text[text.index(after: eq)...]))
    }

    /// A number of days for an option such as --expires-days: 1 to 36,500 (100 years).
    static func days(_ value: Int64, option: String) throws -> Int64 {
        guard (1...36_500).contains(value) else { throw UsageError("\(option) takes 1 to 36500 days, got \(value)") }
        return value
    }

    static func timestamp(_ text: String, option: String) throws -> Timestamp {
        do {
            return try Timestamp(parsing: text)
        } catch {
            throw UsageError("\(option): \(error)")
        }
    }

    /// Writes a new document, refusing to replace an existing file unless `force`.
    static func write(_ document: Document, to path: String, force: Bool) throws {
        try reportingWriteErrors(path) { try DocumentFile.write(document, to: path, overwrite: force) }
    }

    /// Writes bytes (an export) atomically, refusing to replace an existing file unless `force`.
    static func write(_ bytes: [UInt8], to path: String, force: Bool) throws {
        try reportingWriteErrors(path) { try AtomicFile.write(bytes, to: path, mode: 0o644, overwrite: force) }
    }

    /// Runs a write, turning its errors into one-line input errors naming `path`.
    private static func reportingWriteErrors(_ path: String, _ write: () throws -> Void) throws {
        do {
            try write()
        } catch let error as FileError where error.code == .exists {
            throw InputError(file: path, "already exists; pass --force to replace it")
        } catch let error as FileError {
            throw InputError(file: path, error.reason)
        } catch {
            throw InputError(file: path, "\(error)")
        }
    }

    /// Checks a `--bech32-prefix` value (1–40 lowercase letters and digits, starting with a
    /// letter); a malformed one is a usage error (64).
    static func bech32Prefix(_ text: String?) throws -> String? {
        guard let text else { return nil }
        do {
            return try Cosmos.bech32Prefix(chainID: "", override: text)
        } catch {
            throw UsageError("--bech32-prefix: \(error)")
        }
    }

    /// True when `path` names a folder (following symbolic links).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Prints one human-readable line on stdout with every control character escaped
    /// (`TerminalText`): the only way commands print text that may come from a document.
    static func say(_ line: String) {
        print(TerminalText.escape(line))
    }

    static func printJSON(_ value: JSONValue) {
        print(String(decoding: JSONWriter.pretty(value), as: UTF8.self), terminator: "")
    }
}

