import GovSealCrypto
import GovSealFiles

/// Reading and writing document files: bounded reads, crash-safe writes, locked signing.
public enum DocumentFile {
    /// Reads and parses a document file (at most 16 MiB). Throws `FileError` or `DocumentError`.
    public static func read(_ path: String) throws -> Document {
        try Document(bytes: try AtomicFile.read(path, limit: Document.maxSize))
    }

    /// Writes a document atomically (temporary file, fsync, rename). Without `overwrite`, an
    /// existing file is left alone and `FileError.exists` is thrown.
    public static func write(_ document: Document, to path: String, overwrite: Bool = false) throws {
        try AtomicFile.write(document.serialized(), to: path, mode: 0o644, overwrite: overwrite)
    }

    /// Adds one signature to the document at `path` in place: takes an exclusive lock, re-reads
    /// the file, adds the signature made by `sign`, and replaces the file atomically. Concurrent
    /// signers on the same file therefore never lose each other's signatures.
    @discardableResult
    public static func sign(_ path: String, _ sign: (Document) throws -> Document) throws -> Document {
        let lock = try FileLock(path: path)
        defer { withExtendedLifetime(lock) {} }
        let document = try read(path)
        let signed = try sign(document)
        try write(signed, to: path, overwrite: true)
        return signed
    }
}
