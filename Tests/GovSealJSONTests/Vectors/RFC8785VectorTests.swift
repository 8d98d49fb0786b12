import GovSealJSON
import Testing

/// The cyberphone/json-canonicalization test data (RFC 8785's reference implementation).
@Suite("RFC 8785 vectors")
struct RFC8785VectorTests {
    static let names = ["arrays.json", "french.json", "structures.json", "unicode.json", "values.json", "weird.json"]

    @Test("The fixture folder holds exactly the six input/output pairs")
    func fixtureSetIsComplete() {
        #expect(Fixtures.names(in: "jcs/input") == Self.names)
        #expect(Fixtures.names(in: "jcs/output") == Self.names)
    }

    @Test("Input canonicalises to the expected bytes", arguments: names)
    func canonicalisesInput(name: String) throws {
        let input = try Fixtures.bytes(name, in: "jcs/input")
        let expected = try Fixtures.bytes(name, in: "jcs/output")
        let value = try JSONReader.parse(input, limits: .general)
        let canonical = CanonicalJSON.encode(value)
        #expect(canonical == expected, "got \(canonical.text)")
    }

    @Test("The expected output is a fixed point of canonicalisation", arguments: names)
    func outputIsFixedPoint(name: String) throws {
        let expected = try Fixtures.bytes(name, in: "jcs/output")
        #expect(CanonicalJSON.encode(try JSONReader.parse(expected, limits: .general)) == expected)
    }

    @Test("Pretty and compact forms of each input read back to the same value", arguments: names)
    func writersRoundTrip(name: String) throws {
        let value = try JSONReader.parse(try Fixtures.bytes(name, in: "jcs/input"), limits: .general)
        #expect(try JSONReader.parse(JSONWriter.pretty(value), limits: .general) == value)
        #expect(try JSONReader.parse(JSONWriter.compact(value), limits: .general) == value)
    }
}
