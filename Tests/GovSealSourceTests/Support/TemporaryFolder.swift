import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fresh folder under the system temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init(_ label: String = "test") throws {
        var template = Array("\(NSTemporaryDirectory())/govseal-source-\(label)-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw TestFailure("mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        path = URL(fileURLWithPath: String(cString: made)).standardizedFileURL.path
    }

    func callAsFunction(_ relative: String) -> String { path + "/" + relative }

    func remove() {
        _ = try? Shell.run("/bin/chmod", ["-R", "u+rwx", path])
        try? FileManager.default.removeItem(atPath: path)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Writing fixture trees byte for byte (names are passed to C unnormalised, so NFC and NFD differ).
enum Files {
    static func write(_ path: String, _ content: String, mode: mode_t = 0o644) throws {
        try write(path, Array(content.utf8), mode: mode)
    }

    static func write(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws {
        try makeFolder((path as NSString).deletingLastPathComponent)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw TestFailure("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard fchmod(fd, mode) == 0 else { throw TestFailure("chmod \(path) failed") }
    }

    static func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    static func symlink(_ path: String, to target: String) throws {
        try makeFolder((path as NSString).deletingLastPathComponent)
        guard Glibc.symlink(target, path) == 0 else { throw TestFailure("symlink \(path) failed") }
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw TestFailure("cannot read \(path)") }
        return [UInt8](data)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func entries(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}
