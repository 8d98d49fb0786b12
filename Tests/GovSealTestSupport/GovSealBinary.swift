import Foundation

/// Finds the built `govseal` executable for end-to-end tests. SwiftPM puts every product of a
/// build in one folder, so it is searched upwards from the running test binary
/// (`/proc/self/exe`, `CommandLine.arguments[0]`, `Bundle.main`).
public enum GovSealBinary {
    public struct NotFound: Error, CustomStringConvertible {
        public let searched: [String]
        public var description: String {
            "the govseal binary was not found beside the tests; searched: \(searched.joined(separator: ", "))"
        }
    }

    /// The path of the executable, found once.
    public static let path: Result<String, NotFound> = {
        var starts: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { starts.append(exe) }
        if let first = CommandLine.arguments.first { starts.append(URL(fileURLWithPath: first).standardizedFileURL.path) }
        if let executable = Bundle.main.executableURL { starts.append(executable.path) }
        starts.append(Bundle.main.bundleURL.path)
        var searched: [String] = []
        for start in starts {
            var folder = URL(fileURLWithPath: start).deletingLastPathComponent()
            while folder.path != "/" && !folder.path.isEmpty {
                let candidate = folder.appendingPathComponent("govseal").path
                searched.append(folder.path)
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate) {
                    return .success(candidate)
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        return .failure(NotFound(searched: Array(Set(searched)).sorted()))
    }()
}
