import Foundation
import GovSealCrypto
import GovSealEncoding
import Testing

/// Streaming file hashing against `sha256sum` / `sha512sum` run on the same files.
@Suite("File hashing")
struct FileHasherTests {
    /// Sizes around the 1 MiB read buffer: empty, one byte, one buffer plus one byte.
    @Test("digests equal sha256sum and sha512sum", arguments: [0, 1, (1 << 20) + 1])
    func matchesCoreutils(size: Int) throws {
        let folder = try TemporaryFolder()
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let path = try folder.file("input.bin", bytes, mode: 0o644)
        var reported: [UInt64] = []
        let result = try FileHasher.hash(path: path, algorithms: [.sha256, .sha512]) { reported.append($0) }

        #expect(result.size == UInt64(size))
        let sha256sum = String(decoding: try Tool.output("sha256sum", [path]), as: UTF8.self)
        let sha512sum = String(decoding: try Tool.output("sha512sum", [path]), as: UTF8.self)
        #expect(sha256sum == "\(Hex.encode(try #require(result.digests[.sha256])))  \(path)\n")
        #expect(sha512sum == "\(Hex.encode(try #require(result.digests[.sha512])))  \(path)\n")
        #expect(reported == reported.sorted())
        #expect(reported.last ?? 0 == UInt64(size))
    }

    @Test("a missing file or a folder is an io error naming it")
    func unreadable() throws {
        let folder = try TemporaryFolder()
        let missing = folder.path + "/missing.bin"
        let error = try #require(throws: CryptoError.self) { try FileHasher.hash(path: missing, algorithms: [.sha256]) }
        #expect(error == .io)
        #expect(error.reason.contains(missing))
        #expect(throws: CryptoError.io) { try FileHasher.hash(path: folder.path, algorithms: [.sha256]) }
    }
}
