import Foundation
import GovSealEncoding
import GovSealExport
import Testing

/// Go's own net/url as the oracle (Fixtures/go-net-url, see SOURCES.md): for every URL there,
/// (1) `CosmovisorReader` reads the same first `checksum` value as Go, and (2) any URL that
/// `ArtifactURL` accepts is, once govseal appends its checksum, read by Go as exactly
/// `sha256:<blessed>`: no accepted URL can make go-getter check another digest or none.
@Suite("Go net/url as oracle")
struct GoNetURLOracleTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let url: String
        let goParses: Bool
        let goChecksum: [UInt8]
        let appended: String
        let goParsesAppended: Bool
        let goChecksumAppended: [UInt8]
        var testDescription: String { String(url.unicodeScalars.prefix(80).map { $0.isASCII && $0.value >= 0x20 ? Character($0) : "?" }) }
    }

    static let blessed = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"

    static func rows() throws -> [Row] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/go-net-url/go-net-url.tsv")
        let text = try String(contentsOf: path, encoding: .utf8)
        func decode(_ field: Substring) throws -> [UInt8] { field == "-" ? [] : try Hex.decode(field) }
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(f.count == 6, "malformed fixture line")
            return Row(url: String(decoding: try decode(f[0]), as: UTF8.self), goParses: f[1] == "1", goChecksum: try decode(f[2]),
                       appended: String(decoding: try decode(f[3]), as: UTF8.self), goParsesAppended: f[4] == "1",
                       goChecksumAppended: try decode(f[5]))
        }
    }

    @Test("the fixture covers the attacks and ordinary URLs")
    func fixtureLoads() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 60)
        #expect(rows.contains { $0.goChecksumAppended != Array("sha256:\(Self.blessed)".utf8) }, "some URLs do fool Go")
    }

    @Test("CosmovisorReader reads the first checksum value exactly as Go 1.19 does", arguments: try rows())
    func readerAgreesWithGo(_ row: Row) throws {
        for (url, parses, value) in [(row.url, row.goParses, row.goChecksum), (row.appended, row.goParsesAppended, row.goChecksumAppended)] {
            guard parses else { continue }
            #expect((CosmovisorReader.checksumParameter(ofURL: url) ?? []) == value, "\(url)")
        }
    }

    @Test("every URL ArtifactURL accepts is read by Go as exactly the blessed checksum once exported", arguments: try rows())
    func acceptedMeansBlessed(_ row: Row) throws {
        guard let parsed = try? ArtifactURL(parsing: row.url, place: "u", artifact: "a") else {
            return  // refused: nothing is exported
        }
        #expect(parsed.withChecksum(sha256: Self.blessed) == row.appended, "the fixture appended as govseal does")
        #expect(row.goParsesAppended)
        #expect(row.goChecksumAppended == Array("sha256:\(Self.blessed)".utf8), "Go reads another checksum for \(row.url)")
    }
}
