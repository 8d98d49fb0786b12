import Foundation
import Testing

/// Loads files from this target's `Fixtures/` folder (copied from `vectors/`, see SOURCES.md there).
enum Fixtures {
    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "fixture \(name) is not in the test bundle" }
    }

    /// The bytes of `Fixtures/<subdirectory>/<name>`.
    static func bytes(_ name: String, in subdirectory: String) throws -> [UInt8] {
        let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/\(subdirectory)")
        guard let url else { throw Missing(name: "\(subdirectory)/\(name)") }
        return Array(try Data(contentsOf: url))
    }

    /// The names of the files in `Fixtures/<subdirectory>`, sorted.
    static func names(in subdirectory: String) -> [String] {
        guard let root = Bundle.module.resourceURL,
              let names = try? FileManager.default.contentsOfDirectory(
                  atPath: root.appendingPathComponent("Fixtures/\(subdirectory)").path)
        else { return [] }
        return names.sorted()
    }
}

/// A small deterministic generator (SplitMix64), so random cases are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array where Element == UInt8 {
    /// The bytes as text, for messages.
    var text: String { String(decoding: self, as: UTF8.self) }
}
