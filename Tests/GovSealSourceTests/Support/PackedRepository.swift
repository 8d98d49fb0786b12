import Foundation
import GovSealCrypto
import Testing
@testable import GovSealSource

/// A repository whose history edits one file 40 times (long delta chains), fully packed by git.
struct PackedRepository {
    enum Deltas: String, CaseIterable, Sendable { case offset, reference }

    let folder: TemporaryFolder
    let git: Git
    let commits: [String]
    let format: GitObjectFormat

    init(format: GitObjectFormat, deltas: Deltas) throws {
        folder = try TemporaryFolder("packed")
        git = try Git.initialize(folder("repo"), format: format.rawValue)
        self.format = format
        var lines = (0..<60).map { "line \($0): the quick brown fox jumps over the lazy dog\n" }
        var commits: [String] = []
        try Files.write(folder("repo/bin/tool"), "#!/bin/sh\necho tool\n", mode: 0o755)
        try Files.write(folder("repo/docs/deep/nested/page.md"), "# page\n")
        _ = symlink("../README", folder("repo/docs/readme-link"))
        for step in 0..<40 {
            lines[(step * 7) % lines.count] = "line \(step): edited in commit \(step)\n"
            try Files.write(folder("repo/notes.txt"), lines.joined())
            try Files.write(folder("repo/README"), "readme, version \(step)\n" + lines.prefix(20).joined())
            commits.append(try git.commitAll("commit \(step)", date: 1_700_000_000 + step))
        }
        self.commits = commits
        var repack = ["repack", "-adf", "--depth=100", "--window=100"]
        if deltas == .reference { repack = ["-c", "repack.useDeltaBaseOffset=false"] + repack }
        try git.run(repack)
    }

    var path: String { folder("repo") }
    var packFolder: String { folder("repo/.git/objects/pack") }

    /// The pack's files (`.idx`, `.pack`), as paths.
    func packFiles() throws -> (index: String, pack: String) {
        let name = try Files.entries(packFolder).first { $0.hasSuffix(".idx") }.map { String($0.dropLast(4)) }
        guard let name else { throw TestFailure("no pack in \(packFolder)") }
        return (packFolder + "/" + name + ".idx", packFolder + "/" + name + ".pack")
    }

    /// The longest delta chain git reports for the pack.
    func longestChain() throws -> Int {
        let report = try git("verify-pack", "-v", try packFiles().index)
        return report.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("chain length = ") else { return nil }
            return Int(line.dropFirst("chain length = ".count).prefix { $0.isNumber })
        }.max() ?? 0
    }

    /// What git itself checks out for `commit` (`git archive`, extracted), as a snapshot.
    func gitSnapshot(_ commit: String) throws -> [String: Snapshot.Entry] {
        let target = folder("expected-\(commit.prefix(12))")
        if !Files.exists(target) {
            try Files.makeFolder(target)
            try git("archive", "--format=tar", "-o", folder("archive.tar"), commit)
            try Shell.run("/bin/tar", ["-xf", folder("archive.tar"), "-C", target])
        }
        return try Snapshot.take(target)
    }
}

/// A folder's content as a map from relative path to kind, executable bit and bytes.
enum Snapshot {
    enum Entry: Equatable, CustomStringConvertible {
        case file(executable: Bool, bytes: [UInt8])
        case link(target: String)
        case folder

        var description: String {
            switch self {
            case .file(let executable, let bytes): "file(\(executable ? "755" : "644"), \(bytes.count) bytes)"
            case .link(let target): "link(\(target))"
            case .folder: "folder"
            }
        }
    }

    static func take(_ root: String) throws -> [String: Entry] {
        var result: [String: Entry] = [:]
        func walk(_ relative: String) throws {
            let path = relative.isEmpty ? root : root + "/" + relative
            for name in try Files.entries(path) {
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(root + "/" + child, &info) == 0 else { throw TestFailure("lstat \(child)") }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    result[child] = .folder
                    try walk(child)
                case S_IFLNK:
                    result[child] = .link(target: try FileManager.default.destinationOfSymbolicLink(atPath: root + "/" + child))
                default:
                    result[child] = .file(executable: info.st_mode & 0o100 != 0,
                                          bytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: root + "/" + child))))
                }
            }
        }
        try walk("")
        return result
    }
}

/// A small deterministic generator (SplitMix64), so that a failing mutation can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

struct PackLayout: Sendable, CustomTestStringConvertible {
    let format: GitObjectFormat
    let deltas: PackedRepository.Deltas
    var testDescription: String { "\(format.rawValue), \(deltas.rawValue) deltas" }
    static let all = GitObjectFormat.allCases.flatMap { format in
        PackedRepository.Deltas.allCases.map { PackLayout(format: format, deltas: $0) }
    }
}
