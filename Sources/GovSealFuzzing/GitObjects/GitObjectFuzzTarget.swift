import Foundation
import GovSealCrypto
import GovSealEncoding
import GovSealSource

/// FuzzGitObjects: the native reader of disclosed repositories, the most hostile input govseal
/// reads. The first byte picks the reader (bits 0–1) and the object format (bit 2 set: sha256):
///
/// - 0, a delta against a fixed base: govseal's `Delta` and an independent reading of git's
///   `patch_delta` accept the same deltas with the same result;
/// - 1, a pack index and its pack: two bytes (big-endian) give the index's length, the index
///   follows, the pack is the rest. Every object the index lists is read: what is returned hashes
///   to its id; a commit is exported;
/// - 2, a loose object file stored under a fixed id: never returned for that id; when it parses,
///   stored under its real id it is returned unchanged; a tree is exported;
/// - 3, a tree object's content, in a repository that also holds a few fixed blobs and a subtree:
///   the commit naming it is exported.
///
/// Every export either equals the commit's tree (hashed again from the disk) or fails with
/// nothing left behind, and writes nothing outside its folder. Every error is a `SourceError`.
enum GitObjectFuzzTarget {
    static let target = FuzzTarget.gitObjects
    /// The largest delta result and the fixed base of the delta reader.
    static let deltaLimit = 1 << 20
    static let deltaBase = Array((0..<40).map { "line \($0) of the fixed delta base\n" }.joined().utf8)

    static func check(_ bytes: [UInt8]) throws(PropertyViolation) -> FuzzOutcome {
        guard let selector = bytes.first else { return .rejected }
        let format: GitObjectFormat = selector & 4 == 0 ? .sha1 : .sha256
        let input = Array(bytes.dropFirst())
        if selector & 3 == 0 { return try delta(input) }
        let sandbox: Sandbox
        do { sandbox = try Sandbox(format: format) } catch { return .rejected }  // the machine, not the input
        defer { sandbox.remove() }
        switch selector & 3 {
        case 1: return try pack(input, in: sandbox)
        case 2: return try loose(input, in: sandbox)
        default: return try tree(input, in: sandbox)
        }
    }

    // MARK: The four readers

    static func delta(_ delta: [UInt8]) throws(PropertyViolation) -> FuzzOutcome {
        let expected = ReferenceDelta.apply(delta, to: deltaBase, limit: deltaLimit)
        do {
            let result = try GitObjectCodec.applyDelta(delta, to: deltaBase, limit: deltaLimit)
            try target.require(result == expected, "a delta govseal applies gives git's result",
                               expected == nil ? "git's reading refuses it" : "the results differ")
            return .accepted
        } catch let error as SourceError {
            try target.require(expected == nil, "a delta git's reading applies is applied", error.description)
            return .rejected
        } catch {
            throw PropertyViolation(target, "every error is a SourceError", "\(error)")
        }
    }

    static func pack(_ input: [UInt8], in sandbox: Sandbox) throws(PropertyViolation) -> FuzzOutcome {
        guard input.count >= 2 else { return .rejected }
        let indexLength = min(Int(input[0]) << 8 | Int(input[1]), input.count - 2)
        let index = input[2..<(2 + indexLength)]
        let pack = input[(2 + indexLength)...]
        var outcome = FuzzOutcome.rejected
        try guarded {
            try sandbox.write("objects/pack/pack-fuzz.idx", index)
            try sandbox.write("objects/pack/pack-fuzz.pack", pack)
            let store = try sandbox.store()
            var exported = false
            for id in try store.packedIDs(limit: 64) {
                let object: (kind: String, content: [UInt8])?
                do { object = try store.object(id) } catch let error as SourceError where error.code == .corruptObject { continue }
                guard let object else { continue }
                outcome = .accepted
                try sandbox.requireHashes(object, to: id, "an object read from a pack hashes to its id")
                if object.kind == "commit", !exported {
                    exported = true
                    try sandbox.exportCheck(commit: id)
                }
            }
        }
        return outcome
    }

    static func loose(_ file: [UInt8], in sandbox: Sandbox) throws(PropertyViolation) -> FuzzOutcome {
        var outcome = FuzzOutcome.rejected
        try guarded {
            let fixed = String(repeating: "1", count: sandbox.format.idHexLength)
            try sandbox.write(sandbox.loosePath(fixed), file[...])
            let store = try sandbox.store()
            do {
                try target.require(try store.object(fixed) == nil, "a loose object is never returned for an id it does not hash to")
            } catch let error as SourceError where error.code == .corruptObject {}
            guard let parsed = store.unverifiedLooseObject(fixed) else { return }
            guard let id = GitObjectCodec.objectID(kind: parsed.kind, content: parsed.content, format: sandbox.format) else {
                throw PropertyViolation(target, "a parsed loose object has a known kind", parsed.kind)
            }
            try sandbox.requireHashes(parsed, to: id, "govseal's object id is git's")
            try sandbox.write(sandbox.loosePath(id), file[...])
            let read = try store.object(id)
            try target.require(read?.kind == parsed.kind && read?.content == parsed.content,
                               "a loose object stored under its id is returned unchanged")
            outcome = .accepted
            if parsed.kind == "tree" {
                try sandbox.exportCheck(commit: try sandbox.writeCommit(tree: id))
            }
        }
        return outcome
    }

    static func tree(_ content: [UInt8], in sandbox: Sandbox) throws(PropertyViolation) -> FuzzOutcome {
        var outcome = FuzzOutcome.rejected
        try guarded {
            for (kind, content) in Sandbox.fixedObjects(sandbox.format) { _ = try sandbox.writeLoose(kind, content) }
            let tree = try sandbox.writeLoose("tree", content)
            if try sandbox.exportCheck(commit: try sandbox.writeCommit(tree: tree)) { outcome = .accepted }
        }
        return outcome
    }

    /// Runs `body`, where a `SourceError` is an accepted refusal and any other error a violation.
    private static func guarded(_ body: () throws -> Void) throws(PropertyViolation) {
        do {
            try body()
        } catch let violation as PropertyViolation {
            throw violation
        } catch is SourceError {
        } catch {
            throw PropertyViolation(target, "every error is a SourceError", "\(type(of: error)): \(error)")
        }
    }
}
