import GovSealJSON
import Testing

/// `ES6Number.format` against the first 10,000 lines of cyberphone's es6testfile (numgen.js).
@Suite("ES6 number form")
struct ES6NumberTests {
    struct Line: Sendable {
        let number: Int
        let bits: UInt64
        let expected: String
    }

    static let chunkSize = 100

    /// The lines of `es6testfile10k.txt`, parsed once.
    static let lines: [Line] = {
        guard let bytes = try? Fixtures.bytes("es6testfile10k.txt", in: "jcs/numbers") else { return [] }
        return bytes.text.split(separator: "\n").enumerated().compactMap { offset, line in
            let fields = line.split(separator: ",")
            guard fields.count == 2, let bits = UInt64(fields[0], radix: 16) else { return nil }
            return Line(number: offset + 1, bits: bits, expected: String(fields[1]))
        }
    }()

    @Test("The number file has 10,000 well-formed lines")
    func fileIsComplete() {
        #expect(Self.lines.count == 10_000)
        #expect(Self.lines.last?.number == 10_000)
    }

    @Test("Each line formats as expected", arguments: 0..<100)
    func formatsChunk(chunk: Int) throws {
        let lines = Self.lines.dropFirst(chunk * Self.chunkSize).prefix(Self.chunkSize)
        try #require(lines.count == Self.chunkSize)
        for line in lines {
            let value = Double(bitPattern: line.bits)
            let actual = ES6Number.format(value)
            #expect(actual == line.expected, "line \(line.number) (\(String(line.bits, radix: 16)))")
        }
    }

    @Test("The ES6 form reads back to the same double", arguments: 0..<20)
    func roundTrips(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<500 {
            let value = Double(bitPattern: random.next())
            guard value.isFinite else { continue }
            let text = ES6Number.format(value)
            #expect(Double(text) == value, "\(value) gave \(text)")
        }
    }

    @Test("RFC 8785 and ECMAScript layout rules", arguments: [
        (0.0, "0"), (-0.0, "0"), (1.0, "1"), (-1.5, "-1.5"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
        (1.2345678901234568e20, "123456789012345680000"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"),
        (0.000001, "0.000001"), (4.5, "4.5"), (0.002, "0.002"), (1e30, "1e+30"),
        (333333333.33333329, "333333333.3333333"), (9007199254740992, "9007199254740992"),
        (.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
    ] as [(Double, String)])
    func layout(value: Double, expected: String) {
        #expect(ES6Number.format(value) == expected)
    }

    @Test("Non-finite values give ECMAScript's names")
    func nonFinite() {
        #expect(ES6Number.format(.nan) == "NaN")
        #expect(ES6Number.format(.infinity) == "Infinity")
        #expect(ES6Number.format(-.infinity) == "-Infinity")
    }
}
