internal import CZlib
import GovSealCrypto
import GovSealEncoding

/// The native object reader seen from the rest of this package (the fuzz targets and tests):
/// `package` access only, never public API. Everything goes through the same verified paths as
/// `SourceRepository`.
package struct UntrustedObjectStore {
    private let store: GitObjectStore

    /// Opens the object folder `objectsPath` (not a symbolic link) of a repository in `format`.
    /// Throws `SourceError` (`.notARepository`, `.io`).
    package init(objectsPath: String, format: GitObjectFormat) throws {
        store = try GitObjectStore(objectsPath: objectsPath, format: format)
    }

    /// The object `id` (lowercase hex) as kind name and content, verified against its id; nil when
    /// absent. Throws `SourceError.corruptObject` when copies exist but none is intact.
    package func object(_ id: String) throws -> (kind: String, content: [UInt8])? {
        guard let object = try store.object(id) else { return nil }
        return (object.kind.name, object.content)
    }

    /// Every id the readable pack indexes list (at most `limit`), in index order; unverified.
    package func packedIDs(limit: Int) throws -> [String] {
        var ids: [String] = []
        for pack in try store.readablePacks() {
            for position in 0..<pack.index.count where ids.count < limit {
                ids.append(Hex.encode(pack.index.id(atPosition: position)))
            }
        }
        return ids
    }

    /// Why packs were skipped (after `object` or `packedIDs` opened them).
    package var skippedPacks: [String] { store.skippedPacks }

    /// The loose object stored under `id`'s path, parsed but not verified against `id`; nil when
    /// there is none or it is unreadable.
    package func unverifiedLooseObject(_ id: String) -> (kind: String, content: [UInt8])? {
        guard GitReference.isFullID(id, format: store.format), let object = try? store.looseObject(id) else { return nil }
        return (object.kind.name, object.content)
    }
}

/// Stateless pieces of the object reader, for the fuzz targets and tests of this package.
package enum GitObjectCodec {
    /// Applies git delta `delta` to `base` (`Delta.apply`); the result may not exceed `limit` bytes.
    /// Throws `SourceError.corruptObject` naming what is malformed.
    package static func applyDelta(_ delta: [UInt8], to base: [UInt8], limit: Int) throws -> [UInt8] {
        do {
            return try Delta.apply(delta, to: base, limit: limit)
        } catch let failure as Delta.Malformed {
            throw SourceError(.corruptObject, "the delta is malformed: \(failure.reason)")
        }
    }

    /// The id (lowercase hex) git gives an object of `kind` (`blob`, `tree`, `commit`, `tag`) and
    /// `content`, or nil for another kind.
    package static func objectID(kind: String, content: [UInt8], format: GitObjectFormat) -> String? {
        guard let kind = GitObjectKind(name: Array(kind.utf8)) else { return nil }
        return Hex.encode(GitObject(kind: kind, content: content).id(format: format))
    }

    /// The bytes of a loose object file as git writes it: zlib of `<kind> <size>\0<content>`.
    /// Throws `SourceError.io` when zlib fails.
    package static func looseObjectFile(kind: String, content: [UInt8]) throws -> [UInt8] {
        try deflate(Array("\(kind) \(content.count)\u{0}".utf8) + content)
    }

    /// One zlib stream holding `bytes` (as in loose objects and pack entries). Throws
    /// `SourceError.io` when zlib fails.
    package static func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { compress2(out.baseAddress, &length, $0.baseAddress, uLong($0.count), Z_BEST_SPEED) }
        }
        guard status == Z_OK else { throw SourceError(.io, "zlib could not compress (error \(status))") }
        return Array(output.prefix(Int(length)))
    }
}
