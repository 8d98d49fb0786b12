import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fresh temporary folder for one test, removed when the value goes away. Commands run in it
/// with `TMPDIR` set to its `.test-tmp` folder.
final class Workspace {
    let path: String

    /// An empty workspace, or a copy (`cp -a`: modes, symbolic links and `.git` included) of `template`.
    init(copying template: String? = nil) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("govseal-rel-" + UUID().uuidString).path
        if let template {
            try Shell.run("/bin/cp", ["-a", template, path])
        } else {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        try FileManager.default.createDirectory(atPath: path + "/.test-tmp", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The absolute path of `name`.
    func url(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name` with `mode`, creating parent folders.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8], mode: Int = 0o644) throws -> String {
        let target = url(name)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        try chmod(name, mode)
        return target
    }

    @discardableResult
    func write(_ name: String, _ text: String, mode: Int = 0o644) throws -> String {
        try write(name, Array(text.utf8), mode: mode)
    }

    func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: url(name)))) }
    func text(_ name: String) throws -> String { String(decoding: try read(name), as: UTF8.self) }
    func exists(_ name: String) -> Bool {
        var info = stat()
        return lstat(url(name), &info) == 0
    }

    func chmod(_ name: String, _ mode: Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url(name))
    }

    func mode(_ name: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: url(name))[.posixPermissions] as? Int ?? -1
    }

    func symlink(_ name: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: url(name), withDestinationPath: destination)
    }

    func mkdir(_ name: String) throws {
        try FileManager.default.createDirectory(atPath: url(name), withIntermediateDirectories: true)
    }

    func remove(_ name: String) throws { try FileManager.default.removeItem(atPath: url(name)) }

    /// Replaces `old` by `new` in the text of `source` and writes the result to `target`;
    /// throws when `old` does not occur (so a case never silently tests an unchanged file).
    func edit(_ source: String, to target: String, replacing old: String, with new: String) throws {
        let text = try self.text(source)
        guard text.contains(old) else { throw SetupError("\(source) does not contain \(old)") }
        try write(target, text.replacingOccurrences(of: old, with: new))
    }

    /// Every name and its content (bytes, link target, mode) below the workspace.
    func snapshot() throws -> FolderSnapshot { try FolderSnapshot(path) }

    /// `govseal arguments` run in this workspace.
    func govseal(_ arguments: [String], timeout: Double = 120, environment: [String: String] = [:]) throws -> RunResult {
        try Govseal.run(arguments, in: path, timeout: timeout, environment: environment)
    }
}

/// A folder's names, kinds, permission bits and contents, compared before and after a command.
struct FolderSnapshot: Equatable, Sendable {
    enum Entry: Equatable, Sendable {
        case file(mode: Int, bytes: [UInt8])
        case folder(mode: Int)
        case link(String)
        case other(mode: Int)
    }

    let entries: [String: Entry]

    init(_ root: String) throws {
        var entries: [String: Entry] = [:]
        let manager = FileManager.default
        func walk(_ relative: String) throws {
            let full = relative.isEmpty ? root : root + "/" + relative
            for name in try manager.contentsOfDirectory(atPath: full).sorted() {
                let child = relative.isEmpty ? name : relative + "/" + name
                let childPath = root + "/" + child
                var info = stat()
                guard lstat(childPath, &info) == 0 else { throw SetupError("cannot lstat \(childPath)") }
                let mode = Int(info.st_mode & 0o7777)
                switch info.st_mode & S_IFMT {
                case S_IFREG: entries[child] = .file(mode: mode, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: childPath))))
                case S_IFDIR:
                    entries[child] = .folder(mode: mode)
                    try walk(child)
                case S_IFLNK: entries[child] = .link(try manager.destinationOfSymbolicLink(atPath: childPath))
                default: entries[child] = .other(mode: mode)
                }
            }
        }
        try walk("")
        self.entries = entries
    }

    /// Names added, removed or changed from `self` to `other`, for messages.
    func differences(to other: FolderSnapshot) -> [String] {
        let names = Set(entries.keys).union(other.entries.keys).sorted()
        return names.compactMap { name in
            switch (entries[name], other.entries[name]) {
            case (nil, _): "added \(name)"
            case (_, nil): "removed \(name)"
            case let (a, b) where a != b: "changed \(name)"
            default: nil
            }
        }
    }

    /// Names that look like leftover temporary files of a crash-safe write: `.NAME.tmp-*`
    /// (documents, exports) and `.govseal-key-*.tmp` (key files).
    var temporaryFiles: [String] {
        entries.keys.filter {
            let name = ($0 as NSString).lastPathComponent
            return name.contains(".tmp-") || (name.hasPrefix(".govseal-key-") && name.hasSuffix(".tmp"))
        }.sorted()
    }
}

struct SetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs helper tools (git, openssl, cp) for fixtures; any failure throws with its output.
enum Shell {
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in directory: String? = nil,
                    environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.hasPrefix("/") ? tool : "/usr/bin/env")
        process.arguments = tool.hasPrefix("/") ? arguments : [tool] + arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw SetupError("\(tool) \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(text)")
        }
        return text
    }
}
