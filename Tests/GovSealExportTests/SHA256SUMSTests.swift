import Foundation
import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealExport
import Testing

/// SHA256SUMS checked with the real `sha256sum` (GNU coreutils) as the oracle: its output
/// format is `<hex>  <name>` (text) or `<hex> *<name>` (binary), a line starting with `\`
/// when the name holds a backslash or newline (coreutils manual, "md5sum invocation").
@Suite("SHA256SUMS")
struct SHA256SUMSTests {
    static let files: [(name: String, content: String)] = [
        ("gaiad-linux-amd64", "first binary\n"), ("name with spaces.tar.gz", "second"), ("back\\slash.bin", "third"),
        ("ünïcode.txt", ""),
    ]

    /// A folder holding the files, and a signed blessing of them.
    static func workspace() throws -> (directory: URL, document: Document) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("govseal-sums-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in files {
            try Data(file.content.utf8).write(to: directory.appendingPathComponent(file.name))
        }
        let artifacts = files.map { TestDocuments.artifact($0.name, content: $0.content, urls: []) }
        return (directory, try TestDocuments.signedBlessing(TestDocuments.blessing(artifacts: artifacts), by: [.ed25519]))
    }

    static func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("sha256sum -c accepts the export beside the real files, and catches a changed file")
    func sha256sumAccepts() throws {
        let (directory, document) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(try SHA256SUMS.text(for: document)).write(to: directory.appendingPathComponent("SHA256SUMS"))
        let ok = try Self.run(["sha256sum", "--strict", "-c", "SHA256SUMS"], in: directory)
        #expect(ok.status == 0, "\(ok.output)")
        #expect(ok.output.components(separatedBy: ": OK").count - 1 == Self.files.count, "\(ok.output)")

        try Data("tampered".utf8).write(to: directory.appendingPathComponent(Self.files[1].name))
        let bad = try Self.run(["sha256sum", "-c", "SHA256SUMS"], in: directory)
        #expect(bad.status == 1)
        #expect(bad.output.contains("FAILED"))
    }

    @Test("parse reads what sha256sum writes, in text and binary mode", arguments: ["-t", "-b"])
    func parsesSha256sumOutput(mode: String) throws {
        let (directory, _) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.run(["sha256sum", mode, "--"] + Self.files.map(\.name), in: directory)
        try #require(result.status == 0)
        let entries = try SHA256SUMS.parse(Array(result.output.utf8), file: "SHA256SUMS")
        #expect(entries.map(\.name) == Self.files.map(\.name))
        #expect(entries.map(\.sha256) == Self.files.map { Hex.encode(Digest.sha256(Array($0.content.utf8))) })
    }

    @Test("export then parse gives back the blessing's names and digests")
    func roundTrip() throws {
        let (directory, document) = try Self.workspace()
        try? FileManager.default.removeItem(at: directory)
        guard case .blessing(let blessing) = try DocumentBody(document) else { Issue.record("not a blessing"); return }
        let entries = try SHA256SUMS.parse(try SHA256SUMS.text(for: document), file: "SUMS")
        #expect(entries.map(\.name) == blessing.artifacts.map(\.name))
        #expect(entries.map(\.sha256) == blessing.artifacts.map(\.sha256))
    }

    static let hex = String(repeating: "ab", count: 32)

    @Test("accepted forms", arguments: [
        ("\(hex)  a.bin\n", "a.bin", hex),
        ("\(hex) *a.bin\n", "a.bin", hex),
        ("\(hex)  a.bin", "a.bin", hex),
        ("\(hex.uppercased())  a.bin\n", "a.bin", hex),
        ("\\\(hex)  a\\\\b\n", "a\\b", hex),
        ("\(hex)  with  two spaces\n", "with  two spaces", hex),
    ])
    func accepts(text: String, name: String, sha256: String) throws {
        let entries = try SHA256SUMS.parse(Array(text.utf8), file: "SUMS")
        #expect(entries.count == 1)
        #expect(entries.first?.name == name)
        #expect(entries.first?.sha256 == sha256)
    }

    @Test("malformed files are rejected, naming the line", arguments: [
        ("", "SUMS"),
        ("\n", "SUMS:1"),
        ("abc  a.bin\n", "SUMS:1"),
        ("\(hex)a  a.bin\n", "SUMS:1"),
        (String(hex.dropLast()) + "g  a.bin\n", "SUMS:1"),
        ("\(hex) a.bin\n", "SUMS:1"),
        ("\(hex)\ta.bin\n", "SUMS:1"),
        ("\(hex)  \n", "SUMS:1"),
        ("\(hex)  dir/a.bin\n", "SUMS:1"),
        ("\(hex)  ..\n", "SUMS:1"),
        ("\(hex)  a.bin\r\n", "SUMS:1"),
        ("\(hex)  a\u{1}b\n", "SUMS:1"),
        ("SHA256 (a.bin) = \(hex)\n", "SUMS:1"),
        ("\\\(hex)  a\\tb\n", "SUMS:1"),
        ("\\\(hex)  a\\nb\n", "SUMS:1"),
        ("\(hex)  a.bin\n\n\(hex)  b.bin\n", "SUMS:2"),
        ("\(hex)  a.bin\n\(hex)  b.bin\n\(hex)  a.bin\n", "SUMS:3"),
        ("\(hex)  a.bin\n\(hex)  b.bin\nnot a line\n", "SUMS:3"),
        ("\(hex)  " + String(repeating: "n", count: 256) + "\n", "SUMS:1"),
    ])
    func rejects(text: String, place: String) throws {
        let error = try #require(throws: ExportError.self) { try SHA256SUMS.parse(Array(text.utf8), file: "SUMS") }
        #expect(error.code == .malformedChecksums)
        #expect(error.place == place, "\(error)")
    }

    @Test("a name that is not UTF-8 is rejected")
    func invalidUTF8() throws {
        let bytes = Array("\(Self.hex)  a".utf8) + [0xff, 0x0a]
        let error = try #require(throws: ExportError.self) { try SHA256SUMS.parse(bytes, file: "SUMS") }
        #expect(error.place == "SUMS:1")
    }

    @Test("only blessings export")
    func onlyBlessings() throws {
        #expect(throws: ExportError(.unsupportedDocument, "")) { try SHA256SUMS.text(for: try TestDocuments.signedNomination()) }
    }
}
