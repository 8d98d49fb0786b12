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
    /// signers on the same file therefore never lose each other's signatures. The file keeps its
    /// permission bits (a 0600 draft stays 0600). When `path` is a symbolic link, the file it
    /// names is signed (temporary file and rename in that file's folder) and the link is kept;
    /// it is never replaced by a copy.
    @discardableResult
    public static func sign(_ path: String, _ sign: (Document) throws -> Document) throws -> Document {
        let target = try AtomicFile.resolvingSymbolicLink(path)
        let lock = try FileLock(path: target)
        defer { withExtendedLifetime(lock) {} }
        let document = try read(target)
        let signed = try sign(document)
        try AtomicFile.replace(signed.serialized(), at: target)
        return signed
    }
}
