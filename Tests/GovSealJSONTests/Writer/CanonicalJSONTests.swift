import GovSealJSON
import Testing

@Suite("CanonicalJSON")
struct CanonicalJSONTests {
    @Test("Members sort by UTF-16 code units, not by Unicode scalars")
    func utf16Order() throws {
        let privateUse = "\u{E000}"
        let emoji = "\u{1F600}"
        // The test only means something if the two orders disagree.
        #expect(privateUse.unicodeScalars.first!.value < emoji.unicodeScalars.first!.value)
        #expect(Array(emoji.utf16).lexicographicallyPrecedes(Array(privateUse.utf16)))
        let object = JSONObject([(privateUse, .integer(1)), (emoji, .integer(2)), ("z", .integer(3))])
        #expect(CanonicalJSON.encode(.object(object)).text == "{\"z\":3,\"\(emoji)\":2,\"\(privateUse)\":1}")
    }

    @Test("Sorting ignores locale and normalisation; shorter prefixes sort first")
    func orderingRules() {
        let object = JSONObject([("b", .null), ("a\u{301}", .null), ("\u{E1}", .null), ("a", .null), ("B", .null), ("", .null)])
        #expect(CanonicalJSON.encode(.object(object)).text
            == "{\"\":null,\"B\":null,\"a\":null,\"a\u{301}\":null,\"b\":null,\"\u{E1}\":null}")
    }

    @Test("Numbers: integers as digits, doubles in ES6 form, integers beyond 2^53 as the nearest double")
    func numbers() {
        let value = JSONValue.array([
            .integer(-9_007_199_254_740_992), .integer(0), .double(-0.0), .double(56), .double(1e21), .double(0.1),
            .integer(9_007_199_254_740_993), .double(.nan),
        ])
        #expect(CanonicalJSON.encode(value).text == "[-9007199254740992,0,0,56,1e+21,0.1,9007199254740992,null]")
    }
}

/// Random values: canonicalisation is idempotent through the reader, writers round trip,
/// and member order never changes canonical bytes.
@Suite("Canonicalisation properties")
struct CanonicalisationPropertyTests {
    /// Scalars from the ranges that matter: controls, ASCII, Latin-1, combining marks, the
    /// private-use area, astral characters, and the ends of the code space.
    static let scalarRanges: [ClosedRange<UInt32>] = [
        0x00...0x1F, 0x20...0x7F, 0x80...0xFF, 0x300...0x36F, 0x2028...0x2029, 0xE000...0xE00F,
        0xFFF0...0xFFFF, 0x1F600...0x1F64F, 0x10FFF0...0x10FFFF,
    ]

    struct Generator {
        var random: SplitMix64

        mutating func string() -> String {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...8, using: &random) {
                let range = CanonicalisationPropertyTests.scalarRanges.randomElement(using: &random)!
                scalars.append(Unicode.Scalar(UInt32.random(in: range, using: &random))!)
            }
            return String(scalars)
        }

        mutating func double() -> Double {
            switch Int.random(in: 0..<4, using: &random) {
            case 0: return Double(Int64.random(in: -1_000_000...1_000_000, using: &random))
            case 1: return Double.random(in: -1...1, using: &random)
            default:
                while true {
                    let value = Double(bitPattern: random.next())
                    if value.isFinite { return value }
                }
            }
        }

        mutating func value(depth: Int) -> JSONValue {
            let kind = Int.random(in: 0..<(depth >= 5 ? 5 : 7), using: &random)
            switch kind {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &random))
            case 2: return .integer(Int64.random(in: -(1 << 53)...(1 << 53), using: &random))
            case 3: return .double(double())
            case 4: return .string(string())
            case 5: return .array((0..<Int.random(in: 0...5, using: &random)).map { _ in value(depth: depth + 1) })
            default:
                var object = JSONObject()
                for _ in 0..<Int.random(in: 0...6, using: &random) { object[string()] = value(depth: depth + 1) }
                return .object(object)
            }
        }
    }

    /// `value` with the members of every object in reversed and rotated order.
    static func reordered(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements): return .array(elements.map(reordered))
        case .object(let object):
            var members = object.members.reversed().map { ($0.name, reordered($0.value)) }
            if !members.isEmpty { members.append(members.removeFirst()) }
            return .object(JSONObject(members))
        default: return value
        }
    }

    @Test("Random values", arguments: 0..<40)
    func properties(seed: UInt64) throws {
        var generator = Generator(random: SplitMix64(seed: seed))
        for _ in 0..<25 {
            let value = generator.value(depth: 0)
            let canonical = CanonicalJSON.encode(value)
            let reread = try JSONReader.parse(canonical, limits: .general)
            #expect(CanonicalJSON.encode(reread) == canonical)
            #expect(try JSONReader.parse(JSONWriter.pretty(value), limits: .general) == value)
            #expect(try JSONReader.parse(JSONWriter.compact(value), limits: .general) == value)
            #expect(CanonicalJSON.encode(Self.reordered(value)) == canonical)
        }
    }

    @Test("Mutated inputs never crash: each either parses (and canonicalises stably) or throws JSONError",
          arguments: 0..<20)
    func mutations(seed: UInt64) {
        var generator = Generator(random: SplitMix64(seed: seed ^ 0xA5A5))
        let interesting: [UInt8] = [0x00, 0x22, 0x2C, 0x2D, 0x2E, 0x30, 0x31, 0x3A, 0x5B, 0x5C, 0x5D, 0x65, 0x75, 0x7B,
                                    0x7D, 0x80, 0xBF, 0xC0, 0xE0, 0xED, 0xF0, 0xF4, 0xFF]
        for _ in 0..<100 {
            var bytes = JSONWriter.pretty(generator.value(depth: 0))
            for _ in 0..<Int.random(in: 1...4, using: &generator.random) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &generator.random)
                switch Int.random(in: 0..<3, using: &generator.random) {
                case 0: bytes[index] = interesting.randomElement(using: &generator.random)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(interesting.randomElement(using: &generator.random)!, at: index)
                }
            }
            do {
                let value = try JSONReader.parse(bytes, limits: .general)
                let canonical = CanonicalJSON.encode(value)
                #expect(CanonicalJSON.encode(try JSONReader.parse(canonical, limits: .general)) == canonical)
            } catch let error as JSONError {
                #expect(error.line >= 1 && error.column >= 1 && !error.reason.isEmpty)
            } catch {
                Issue.record("unexpected error type: \(error)")
            }
        }
    }
}
