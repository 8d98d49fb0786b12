#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The machine a rebuild ran on, as an attestation records it (`platform`).
public struct BuildPlatform: Sendable, Equatable {
    /// The operating system, lowercase (`linux`).
    public let os: String
    /// The machine architecture (`x86_64`, `aarch64`).
    public let arch: String
    /// The kernel release (`uname -r`).
    public let kernel: String
    /// The distribution (`PRETTY_NAME` of os-release, e.g. `Debian GNU/Linux 12 (bookworm)`), or `unknown`.
    public let distribution: String

    /// A platform from its four parts.
    public init(os: String, arch: String, kernel: String, distribution: String) {
        self.os = os
        self.arch = arch
        self.kernel = kernel
        self.distribution = distribution
    }

    /// The platform this process runs on (`uname` and `/etc/os-release`, else `/usr/lib/os-release`).
    public static func current() -> BuildPlatform {
        var names = utsname()
        uname(&names)
        func field<T>(_ value: inout T) -> String {
            withUnsafeBytes(of: &value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let distribution = ["/etc/os-release", "/usr/lib/os-release"].lazy.compactMap(osRelease).first ?? "unknown"
        return BuildPlatform(os: field(&names.sysname).lowercased(), arch: field(&names.machine),
                             kernel: field(&names.release), distribution: distribution)
    }

    /// `PRETTY_NAME` (else `NAME VERSION_ID`) of an os-release file; nil when unreadable.
    static func osRelease(_ path: String) -> String? {
        guard let text = smallRegularFile(path) else { return nil }
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            var value = line[line.index(after: equals)...]
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = value.dropFirst().dropLast()
            }
            values[String(line[..<equals])] = String(value)
        }
        if let pretty = values["PRETTY_NAME"], !pretty.isEmpty { return pretty }
        let parts = [values["NAME"], values["VERSION_ID"]].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The content of a regular file of at most `limit` bytes (64 KiB), opened without blocking.
    static func smallRegularFile(_ path: String, limit: Int = 64 << 10) -> String? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, POSIX.isRegular(info), info.st_size <= limit else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count >= 0 else { return nil }
        return String(decoding: bytes.prefix(count), as: UTF8.self)
    }
}
