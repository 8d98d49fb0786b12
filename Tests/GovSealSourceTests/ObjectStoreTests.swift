import Foundation
import GovSealCrypto
import Testing
@testable import GovSealSource

@Suite("Native object store: packs, deltas, hostile bytes")
struct ObjectStoreTests {
    @Test("Exports of packed repositories equal git's checkout byte for byte", arguments: PackLayout.all)
    func packedExportsEqualGit(layout: PackLayout) throws {
        let repository = try PackedRepository(format: layout.format, deltas: layout.deltas)
        defer { repository.folder.remove() }
        #expect(try Files.entries(repository.folder("repo/.git/objects")).allSatisfy { $0 == "pack" || $0 == "info" },
                "every object is packed")
        #expect(try repository.longestChain() >= 20, "the pack holds long delta chains")
        let source = try SourceRepository(path: repository.path)
        for (step, commit) in repository.commits.enumerated() where step % 9 == 0 || step == repository.commits.count - 1 {
            let out = repository.folder("export-\(step)")
            let exported = try source.export(commit: commit, to: out)
            #expect(exported.tree == (try repository.git("rev-parse", "\(commit)^{tree}")))
            #expect(try Snapshot.take(out) == (try repository.gitSnapshot(commit)), "commit \(step)")
        }
    }

    @Test("A corrupted byte in a pack or index never yields a wrong export", arguments: PackLayout.all)
    func mutatedPacksNeverLie(layout: PackLayout) throws {
        let repository = try PackedRepository(format: layout.format, deltas: layout.deltas)
        defer { repository.folder.remove() }
        let head = repository.commits.last!
        let expected = try repository.gitSnapshot(head)
        let files = try repository.packFiles()
        let original = [files.index: try [UInt8](Data(contentsOf: URL(fileURLWithPath: files.index))),
                        files.pack: try [UInt8](Data(contentsOf: URL(fileURLWithPath: files.pack)))]
        var generator = SeededGenerator(state: layout.format == .sha1 ? 12 : 256)
        var refused = 0
        var exported = 0
        for round in 0..<120 {
            let path = Int.random(in: 0..<4, using: &generator) == 0 ? files.index : files.pack
            var bytes = original[path]!
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[position] ^= UInt8.random(in: 1...255, using: &generator)
            try Files.write(path, bytes, mode: 0o444)
            defer { try? Files.write(path, original[path]!, mode: 0o444) }
            let out = repository.folder("mutated-\(round)")
            let place = "round \(round): byte \(position) of \((path as NSString).lastPathComponent)"
            do {
                try SourceRepository(path: repository.path).export(commit: head, to: out)
                #expect(try Snapshot.take(out) == expected, "\(place) exported something else")
                exported += 1
            } catch let error as SourceError {
                #expect(!Files.exists(out), "\(place): a failed export left \(out) behind (\(error))")
                refused += 1
            }
        }
        #expect(refused > 0 && exported > 0, "the mutations reach both used and unused bytes")
    }

    @Test("A truncated index makes the commit absent, naming the unreadable pack", arguments: GitObjectFormat.allCases)
    func truncatedIndex(format: GitObjectFormat) throws {
        let repository = try PackedRepository(format: format, deltas: .offset)
        defer { repository.folder.remove() }
        let index = try repository.packFiles().index
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: index)))
        try Files.write(index, Array(bytes.prefix(bytes.count / 2)), mode: 0o444)
        let source = try SourceRepository(path: repository.path)
        let error = try #require(throws: SourceError.self) { try source.commit(repository.commits[3]) }
        #expect(error.code == .unknownCommit)
        #expect(error.reason.contains("unreadable packs"), "\(error.reason)")
        #expect(error.reason.contains("index is unusable"), "\(error.reason)")
    }
}

/// A malformed delta and the refusal it must get.
struct MalformedDelta: Sendable, CustomTestStringConvertible {
    let name: String
    let delta: [UInt8]
    let reason: String
    var testDescription: String { name }

    static let base = Array("0123456789abcdef".utf8)
    static func header(_ result: Int, base: Int = 16) -> [UInt8] { PackBuilder.varint(base) + PackBuilder.varint(result) }
    static let all = [
        MalformedDelta(name: "copy past the end of the base", delta: header(8) + [0x91, 12, 8], reason: "past the end of its base"),
        MalformedDelta(name: "copy at an offset past the base", delta: header(1) + [0x91, 16, 1], reason: "past the end of its base"),
        MalformedDelta(name: "copy of 64 KiB (size 0) from a small base", delta: header(0x10000) + [0x80], reason: "past the end of its base"),
        MalformedDelta(name: "reserved opcode 0", delta: header(2) + [0, 2, 0x41, 0x42], reason: "reserved instruction 0"),
        MalformedDelta(name: "wrong base size", delta: header(1, base: 15) + [1, 0x41], reason: "expects a 15-byte base"),
        MalformedDelta(name: "result shorter than declared", delta: header(3) + [1, 0x41], reason: "produces 1 of its 3 bytes"),
        MalformedDelta(name: "result longer than declared", delta: header(1) + [2, 0x41, 0x42], reason: "exceed the declared size"),
        MalformedDelta(name: "copy longer than declared", delta: header(4) + [0x90, 8], reason: "exceed the declared size"),
        MalformedDelta(name: "insert cut short", delta: header(5) + [5, 0x41], reason: "insert instruction is cut short"),
        MalformedDelta(name: "copy instruction cut short", delta: header(5) + [0x93, 1], reason: "copy instruction is cut short"),
        MalformedDelta(name: "header cut short", delta: [0x90], reason: "header is cut short"),
        MalformedDelta(name: "header size over 63 bits", delta: [UInt8](repeating: 0xff, count: 10) + [1, 0], reason: "too long"),
        MalformedDelta(name: "result over the limit", delta: header(1 << 40) + [0x80], reason: "would exceed"),
    ]
}

@Suite("Native object store: malformed deltas and crafted packs")
struct CraftedPackTests {
    @Test("Malformed deltas are refused", arguments: MalformedDelta.all)
    func malformedDelta(_ vector: MalformedDelta) {
        let error = #expect(throws: SourceError.self) {
            try GitObjectCodec.applyDelta(vector.delta, to: MalformedDelta.base, limit: 1 << 20)
        }
        #expect(error?.code == .corruptObject)
        #expect(error?.reason.contains(vector.reason) == true, "\(error?.reason ?? "")")
    }

    @Test("A well-formed delta copies and inserts")
    func wellFormedDelta() throws {
        let delta = MalformedDelta.header(7) + [0x91, 10, 3] + [4] + Array("WXYZ".utf8)
        #expect(try GitObjectCodec.applyDelta(delta, to: MalformedDelta.base, limit: 1 << 20) == Array("abcWXYZ".utf8))
    }

    /// A bare repository holding only the crafted pack.
    static func store(_ builder: PackBuilder, in folder: TemporaryFolder) throws -> UntrustedObjectStore {
        let (index, pack) = builder.files()
        try Files.write(folder("repo/objects/pack/pack-crafted.idx"), index)
        try Files.write(folder("repo/objects/pack/pack-crafted.pack"), pack)
        try Files.write(folder("repo/HEAD"), "ref: refs/heads/main\n")
        return try UntrustedObjectStore(objectsPath: folder("repo/objects"), format: builder.format)
    }

    static func refused(_ store: UntrustedObjectStore, _ id: [UInt8], _ reason: String) {
        let error = #expect(throws: SourceError.self) { try store.object(Digests.hex(id)) }
        #expect(error?.code == .corruptObject)
        #expect(error?.reason.contains(reason) == true, "\(error?.reason ?? "")")
    }

    @Test("Ref deltas that name each other, or themselves, are refused without a hang", arguments: GitObjectFormat.allCases)
    func refDeltaLoops(format: GitObjectFormat) throws {
        let folder = try TemporaryFolder("loop")
        defer { folder.remove() }
        var builder = PackBuilder(format: format)
        let (first, second, alone) = ([UInt8](repeating: 0x11, count: format.idByteCount),
                                      [UInt8](repeating: 0x22, count: format.idByteCount),
                                      [UInt8](repeating: 0x33, count: format.idByteCount))
        let copyAll = MalformedDelta.header(16) + [0x90, 16]
        try builder.add(id: first, type: 7, between: second, payload: copyAll)
        try builder.add(id: second, type: 7, between: first, payload: copyAll)
        try builder.add(id: alone, type: 7, between: alone, payload: copyAll)
        let store = try Self.store(builder, in: folder)
        Self.refused(store, first, "delta chain is longer than \(GitObjectStore.maximumDeltaDepth)")
        Self.refused(store, alone, "delta chain is longer than \(GitObjectStore.maximumDeltaDepth)")
    }

    @Test("Lying entries are refused: huge sizes, bases outside the pack, wrong ids", arguments: GitObjectFormat.allCases)
    func lyingEntries(format: GitObjectFormat) throws {
        let folder = try TemporaryFolder("lies")
        defer { folder.remove() }
        var builder = PackBuilder(format: format)
        let content = Array("0123456789abcdef".utf8)
        let blob = builder.id("blob", content)
        let base = try builder.add(id: blob, type: 3, payload: content)
        let huge = builder.id("blob", Array("huge".utf8))
        try builder.add(id: huge, type: 3, declared: 1 << 40, payload: content)
        let selfDelta = builder.id("blob", Array("self".utf8))
        try builder.add(id: selfDelta, type: 6, between: PackBuilder.distance(0), payload: MalformedDelta.header(1) + [1, 0x41])
        let beyond = builder.id("blob", Array("beyond".utf8))
        try builder.add(id: beyond, type: 6, between: PackBuilder.distance(1 << 20), payload: MalformedDelta.header(1) + [1, 0x41])
        let lie = builder.id("blob", Array("what the index claims".utf8))
        try builder.add(id: lie, type: 3, payload: Array("something else".utf8))
        let bomb = builder.id("blob", Array("bomb".utf8))
        try builder.add(id: bomb, type: 6, between: PackBuilder.distance(builder.pack.count - base),
                        payload: MalformedDelta.header(1 << 29) + [UInt8](repeating: 0x80, count: 64))
        let store = try Self.store(builder, in: folder)
        #expect(try store.object(Digests.hex(blob))?.content == content)
        Self.refused(store, huge, "larger than")
        Self.refused(store, selfDelta, "names a base outside the pack")
        Self.refused(store, beyond, "names a base outside the pack")
        Self.refused(store, lie, "does not hash to its id")
        Self.refused(store, bomb, "past the end of its base")
    }

    @Test("Delta chains of the longest allowed depth are read; one more is refused")
    func deepChains() throws {
        let folder = try TemporaryFolder("deep")
        defer { folder.remove() }
        var builder = PackBuilder(format: .sha1)
        var content = Array("base\n".utf8)
        var offset = try builder.add(id: builder.id("blob", content), type: 3, payload: content)
        var ids = [builder.id("blob", content)]
        for step in 1...(GitObjectStore.maximumDeltaDepth + 1) {
            let delta = MalformedDelta.header(content.count + 1, base: content.count)
                + [0xb0, UInt8(content.count & 0xff), UInt8(content.count >> 8), 1, UInt8(0x41 + step % 26)]
            content.append(UInt8(0x41 + step % 26))
            ids.append(builder.id("blob", content))
            offset = try builder.add(id: ids[step], type: 6, between: PackBuilder.distance(builder.pack.count - offset), payload: delta)
        }
        let store = try Self.store(builder, in: folder)
        #expect(try store.object(Digests.hex(ids[GitObjectStore.maximumDeltaDepth]))?.content.count == content.count - 1)
        // A fresh store: the first one caches the bases it has read, which shortens the recursion.
        let fresh = try UntrustedObjectStore(objectsPath: folder("repo/objects"), format: .sha1)
        Self.refused(fresh, ids[GitObjectStore.maximumDeltaDepth + 1], "longer than")
    }
}

@Suite("Native object store: descriptors")
struct ObjectStoreDescriptorTests {
    /// A pack whose header is refused used to be closed twice (once by the refusal, once by
    /// `deinit`, which Swift runs for an object that throws after it is fully initialised): the
    /// second close could hit a descriptor another thread had just been given.
    @Test("A refused pack closes its descriptor exactly once")
    func refusedPackClosesOnce() throws {
        let folder = try TemporaryFolder("fd")
        defer { folder.remove() }
        var builder = PackBuilder(format: .sha1)
        let content = Array("content".utf8)
        let id = builder.id("blob", content)
        try builder.add(id: id, type: 3, payload: content)
        let (index, pack) = builder.files()
        try Files.write(folder("repo/objects/pack/pack-bad.idx"), index)
        try Files.write(folder("repo/objects/pack/pack-bad.pack"), Array("PACK\0\0\0\u{9}".utf8) + pack.dropFirst(8))
        let objects = folder("repo/objects")
        let done = Atomic(false)
        let opener = Thread {
            for _ in 0..<8000 {
                let store = try? UntrustedObjectStore(objectsPath: objects, format: .sha1)
                _ = try? store?.object(Digests.hex(id))
            }
            done.set(true)
        }
        opener.start()
        // Descriptors opened here live for a few iterations each: one handed out between the two
        // closes is found closed.
        var lost = 0
        var ring: [Int32] = []
        while !done.get() {
            let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
            if fd >= 0 { ring.append(fd) }
            for held in ring where fcntl(held, F_GETFD) == -1 { lost += 1 }
            ring.removeAll { fcntl($0, F_GETFD) == -1 }
            if ring.count > 8 { close(ring.removeFirst()) }
        }
        ring.forEach { close($0) }
        #expect(lost == 0, "\(lost) descriptors of this thread were closed by the pack reader")
        let store = try UntrustedObjectStore(objectsPath: objects, format: .sha1)
        #expect(try store.object(Digests.hex(id)) == nil)
        #expect(store.skippedPacks.contains { $0.contains("not a version 2 or 3 pack") })
    }
}

/// A flag shared between two threads of a test.
final class Atomic: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Bool
    init(_ value: Bool) { self.value = value }
    func get() -> Bool { lock.withLock { value } }
    func set(_ new: Bool) { lock.withLock { value = new } }
}

@Suite("Native object store: kinds")
struct ObjectKindTests {
    /// A tree whose folder `a` and file `b` name the same tree object: the file's content is not
    /// in the repository (no blob has that id), so the source is not intact. `verifyTree` once
    /// skipped `b` because it had already verified the id, as a tree.
    @Test("A file entry naming a tree object fails verifyTree as it fails the export", arguments: GitObjectFormat.allCases)
    func fileNamingATree(format: GitObjectFormat) throws {
        let folder = try TemporaryFolder("kinds")
        defer { folder.remove() }
        let objects = folder("repo/objects")
        try Files.write(folder("repo/HEAD"), "ref: refs/heads/main\n")
        func store(_ kind: String, _ content: [UInt8]) throws -> String {
            let id = try #require(GitObjectCodec.objectID(kind: kind, content: content, format: format))
            try Files.write(objects + "/\(id.prefix(2))/\(id.dropFirst(2))", try GitObjectCodec.looseObjectFile(kind: kind, content: content))
            return id
        }
        func raw(_ hex: String) -> [UInt8] {
            let digits = Array(hex.utf8)
            return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)! }
        }
        let blob = try store("blob", Array("hello\n".utf8))
        let inner = try store("tree", Array("100644 hello.txt\0".utf8) + raw(blob))
        let root = try store("tree", Array("40000 a\0".utf8) + raw(inner) + Array("100644 b\0".utf8) + raw(inner))
        let person = "A <a@example.org> 1700000000 +0000"
        let commitID = try store("commit", Array("tree \(root)\nauthor \(person)\ncommitter \(person)\n\nkinds\n".utf8))
        let repository = try SourceRepository(path: folder("repo"))
        let commit = try repository.commit(commitID)
        let exportError = #expect(throws: SourceError.self) { try repository.export(commit: commitID, to: folder("out")) }
        #expect(exportError?.code == .corruptObject)
        let verifyError = #expect(throws: SourceError.self) { try repository.verifyTree(of: commit) }
        #expect(verifyError?.code == .corruptObject)
        #expect(verifyError?.reason.contains("is a tree, not a blob") == true, "\(verifyError?.reason ?? "")")
    }

    /// Trees git never writes (entries out of git's order, an empty subfolder) are refused by
    /// `verifyTree` exactly as the export refuses them: `verify --source` and `rebuild` agree.
    @Test("Unsorted trees and empty subtrees fail verifyTree as they fail the export", arguments: ["unsorted", "folder-order", "empty"])
    func nonCanonicalTrees(variant: String) throws {
        let format = GitObjectFormat.sha1
        let folder = try TemporaryFolder("kinds")
        defer { folder.remove() }
        try Files.write(folder("repo/HEAD"), "ref: refs/heads/main\n")
        func store(_ kind: String, _ content: [UInt8]) throws -> String {
            let id = try #require(GitObjectCodec.objectID(kind: kind, content: content, format: format))
            try Files.write(folder("repo/objects") + "/\(id.prefix(2))/\(id.dropFirst(2))", try GitObjectCodec.looseObjectFile(kind: kind, content: content))
            return id
        }
        func raw(_ hex: String) -> [UInt8] {
            let digits = Array(hex.utf8)
            return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)! }
        }
        func entry(_ mode: String, _ name: String, _ id: String) -> [UInt8] { Array("\(mode) \(name)\0".utf8) + raw(id) }
        let blob = try store("blob", Array("hello\n".utf8))
        let inner = try store("tree", entry("100644", "x", blob))
        let root: String
        switch variant {
        case "unsorted": root = try store("tree", entry("100644", "b", blob) + entry("100644", "a", blob))
        // git sorts folder "a" as "a/", after file "a.txt" ("." < "/"): folder first is not git's order.
        case "folder-order": root = try store("tree", entry("40000", "a", inner) + entry("100644", "a.txt", blob))
        default: root = try store("tree", entry("40000", "empty", try store("tree", [])) + entry("100644", "f", blob))
        }
        let person = "A <a@example.org> 1700000000 +0000"
        let commitID = try store("commit", Array("tree \(root)\nauthor \(person)\ncommitter \(person)\n\nodd\n".utf8))
        let repository = try SourceRepository(path: folder("repo"))
        let commit = try repository.commit(commitID)
        let exportError = #expect(throws: SourceError.self) { try repository.export(commit: commitID, to: folder("out")) }
        #expect(exportError?.code == .unsupportedEntry, "\(exportError?.reason ?? "")")
        let verifyError = #expect(throws: SourceError.self) { try repository.verifyTree(of: commit) }
        #expect(verifyError?.code == .unsupportedEntry, "\(verifyError?.reason ?? "")")
        #expect(!FileManager.default.fileExists(atPath: folder("out")))
    }
}
