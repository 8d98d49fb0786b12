import Foundation
import Testing
@testable import GovSealFuzzing

/// One input file of `Fuzz/Corpus/<Target>/` or `Fuzz/Crashes/<Target>/`.
struct FuzzInput: Sendable, CustomTestStringConvertible {
    let target: FuzzTarget
    let url: URL
    var testDescription: String { "\(url.deletingLastPathComponent().deletingLastPathComponent().lastPathComponent)/\(target.rawValue)/\(url.lastPathComponent)" }
}

enum FuzzFolders {
    /// The package's `Fuzz/` folder, found from this file's path (Tests/GovSealFuzzingTests/…).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ kind: String, _ target: FuzzTarget) -> [FuzzInput] {
        let folder = root.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map {
            FuzzInput(target: target, url: folder.appendingPathComponent($0))
        }
    }

    static func all(_ kind: String) -> [FuzzInput] { FuzzTarget.allCases.flatMap { inputs(kind, $0) } }
}

@Suite("Fuzz corpus replay")
struct CorpusReplayTests {
    @Test("Every target has a corpus", arguments: FuzzTarget.allCases)
    func corpusExists(target: FuzzTarget) {
        #expect(FuzzFolders.inputs("Corpus", target).count >= 5, "Fuzz/Corpus/\(target.rawValue) is missing or nearly empty")
    }

    @Test("Corpus inputs keep every property", arguments: FuzzFolders.all("Corpus"))
    func replayCorpus(input: FuzzInput) throws {
        let bytes = try [UInt8](Data(contentsOf: input.url))
        let outcome = try input.target.check(bytes)
        if input.url.lastPathComponent.hasPrefix("valid-") {
            #expect(outcome == .accepted, "a seed named valid-… must be accepted by its parser")
        }
    }

    @Test("Former crashes keep every property", arguments: FuzzFolders.all("Crashes"))
    func replayCrashes(input: FuzzInput) throws {
        _ = try input.target.check(try [UInt8](Data(contentsOf: input.url)))
    }
}
