import Foundation
import GovSealCrypto
import GovSealEncoding
import GovSealSource

extension GitObjectFuzzTarget {
    /// A fresh temporary folder holding a bare repository (`repo/HEAD`, `repo/objects/`) and the
    /// place of an export (`out`); removed after each input.
    struct Sandbox {
        let root: String
        let format: GitObjectFormat
        var repository: String { root + "/repo" }
        var objects: String { root + "/repo/objects" }
        var exportFolder: String { root + "/out" }

        init(format: GitObjectFormat) throws {
            // A memory file system when there is one: every input writes and removes a repository.
            let parent = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
            var template = Array((parent + "/govseal-fuzz-git-XXXXXX").utf8CString)
            guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
                throw SourceError(.io, "mkdtemp failed")
            }
            root = String(cString: made)
            self.format = format
            try FileManager.default.createDirectory(atPath: root + "/repo/objects/pack", withIntermediateDirectories: true)
            try write("HEAD", Array("ref: refs/heads/main\n".utf8)[...])
        }

        func remove() {
            try? FileManager.default.removeItem(atPath: root)
        }

        /// Writes `bytes` at `relative` under the repository, creating folders (plain `write`, no
        /// `fsync`: Foundation's atomic writes made an input cost tens of milliseconds).
        func write(_ relative: String, _ bytes: ArraySlice<UInt8>) throws {
            let path = repository + "/" + relative
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw SourceError(.io, "cannot write \(path)") }
            defer { close(fd) }
            let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            guard written == bytes.count else { throw SourceError(.io, "cannot write \(path)") }
        }

        func loosePath(_ id: String) -> String { "objects/\(id.prefix(2))/\(id.dropFirst(2))" }

        /// Stores a loose object as git does and returns its id.
        func writeLoose(_ kind: String, _ content: [UInt8]) throws -> String {
            guard let id = GitObjectCodec.objectID(kind: kind, content: content, format: format) else {
                throw SourceError(.io, "unknown kind \(kind)")
            }
            try write(loosePath(id), try GitObjectCodec.looseObjectFile(kind: kind, content: content)[...])
            return id
        }

        /// Stores a commit of `tree` with fixed dates and returns its id.
        func writeCommit(tree: String) throws -> String {
            let person = "Fuzz <fuzz@example.org> 1700000000 +0000"
            return try writeLoose("commit", Array("tree \(tree)\nauthor \(person)\ncommitter \(person)\n\nfuzz\n".utf8))
        }

        func store() throws -> UntrustedObjectStore { try UntrustedObjectStore(objectsPath: objects, format: format) }

        /// Blobs (a text, a script, a link target) and a subtree holding the text, which trees in the
        /// corpus name by id.
        static func fixedObjects(_ format: GitObjectFormat) -> [(String, [UInt8])] {
            let text = Array("hello\n".utf8)
            let textID = GitObjectCodec.objectID(kind: "blob", content: text, format: format) ?? ""
            let subtree = Array("100644 hello.txt\u{0}".utf8) + ((try? Hex.decode(textID)) ?? [])
            return [("blob", text), ("blob", Array("#!/bin/sh\necho hi\n".utf8)), ("blob", Array("hello.txt".utf8)),
                    ("tree", subtree)]
        }

        /// The hash of `object` computed here (OpenSSL, not govseal's reader) equals `id`.
        func requireHashes(_ object: (kind: String, content: [UInt8]), to id: String, _ property: String) throws(PropertyViolation) {
            let algorithm: DigestAlgorithm = format == .sha1 ? .sha1 : .sha256
            let hashed = Hex.encode(Digest.hash(algorithm, Array("\(object.kind) \(object.content.count)\u{0}".utf8) + object.content))
            try target.require(hashed == id, property, "\(object.kind) hashes to \(hashed), read for \(id)")
        }

        /// Exports `commit` and checks the outcome: the written folder hashes to the commit's tree
        /// and `verifyTree` agrees, or the export failed and left no folder; nothing is written
        /// beside the repository and the export folder. An export never finds a missing or corrupt
        /// object that `verifyTree` did not (they read the same objects, one with a cache of what it
        /// has verified). Returns whether the export succeeded.
        @discardableResult
        func exportCheck(commit: String) throws -> Bool {
            let repository = try SourceRepository(path: self.repository)
            var verified = false
            if let parsed = try? repository.commit(commit) {
                verified = (try? repository.verifyTree(of: parsed)) != nil
            }
            var succeeded = false
            do {
                let exported = try repository.export(commit: commit, to: exportFolder)
                let written = try TreeHash.compute(directory: exportFolder, format: format)
                try target.require(written == exported.tree, "an export hashes to the commit's tree", "\(written) != \(exported.tree)")
                do {
                    _ = try repository.verifyTree(of: exported)
                } catch {
                    throw PropertyViolation(target, "a tree that exports is verified", "\(error)")
                }
                succeeded = true
            } catch let error as SourceError {
                try target.require(!FileManager.default.fileExists(atPath: exportFolder),
                                   "a failed export leaves nothing behind", error.description)
                try target.require(!verified || (error.code != .corruptObject && error.code != .missingObject),
                                   "an object an export refuses is refused by verifyTree", error.description)
            }
            let entries = Set((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            try target.require(entries.isSubset(of: ["repo", "out"]), "an export writes only inside its folder",
                               entries.sorted().joined(separator: ", "))
            if succeeded { try FileManager.default.removeItem(atPath: exportFolder) }
            return succeeded
        }
    }
}
