/// The single-pass parser behind `JSONReader`: byte indices over an unsafe buffer, a path
/// stack kept only to name the place of an error, recursion bounded by `limits.maxDepth`.
struct JSONParser {
    let input: UnsafeBufferPointer<UInt8>
    let limits: JSONLimits
    var position = 0
    var depth = 0
    /// The place of the value being parsed, for error messages.
    var path: [JSONPath.Component] = []
    /// Reused buffer for strings with escapes.
    var scratch: [UInt8] = []

    init(input: UnsafeBufferPointer<UInt8>, limits: JSONLimits) {
        self.input = input
        self.limits = limits
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        guard input.count <= limits.maxBytes else {
            throw error(.tooLarge, at: limits.maxBytes,
                        "input is \(input.count) bytes, more than the limit of \(limits.maxBytes)")
        }
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF {
            throw error(.syntax, at: 0, "a UTF-8 byte order mark is not allowed")
        }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard position == input.count else {
            if let invalid = invalidUTF8(at: position) { throw invalid }
            throw error(.trailingData, at: position,
                        "unexpected \(describeByte(at: position)) after the JSON value")
        }
        return value
    }

    // MARK: Values

    mutating func parseValue() throws(JSONError) -> JSONValue {
        guard position < input.count else {
            throw error(.syntax, at: position, "expected a value, found end of input")
        }
        switch input[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        default: throw unexpected(at: position, expected: "a value")
        }
    }

    private mutating func parseLiteral(_ word: StaticString) throws(JSONError) {
        let count = word.utf8CodeUnitCount
        let matches = position + count <= input.count && (0..<count).allSatisfy {
            input[position + $0] == word.utf8Start[$0]
        }
        guard matches else {
            if let invalid = invalidUTF8(at: position) { throw invalid }
            throw error(.syntax, at: position, "invalid literal: expected '\(word)'")
        }
        position += count
    }

    private mutating func enterContainer() throws(JSONError) {
        depth += 1
        guard depth <= limits.maxDepth else {
            throw error(.tooDeep, at: position, "arrays and objects nest deeper than \(limits.maxDepth) levels")
        }
        position += 1
        skipWhitespace()
    }

    private mutating func parseArray() throws(JSONError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        if position < input.count, input[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            path.append(.index(elements.count))
            elements.append(try parseValue())
            path.removeLast()
            skipWhitespace()
            guard position < input.count else { throw unexpected(at: position, expected: "',' or ']'") }
            let byte = input[position]
            position += 1
            if byte == UInt8(ascii: "]") { break }
            guard byte == UInt8(ascii: ",") else { throw unexpected(at: position - 1, expected: "',' or ']'") }
            skipWhitespace()
        }
        depth -= 1
        return .array(elements)
    }

    private mutating func parseObject() throws(JSONError) -> JSONValue {
        try enterContainer()
        var members = MemberList()
        if position < input.count, input[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(JSONObject())
        }
        while true {
            guard position < input.count, input[position] == UInt8(ascii: "\"") else {
                throw unexpected(at: position, expected: "a member name (a string)")
            }
            let nameStart = position
            let name = try parseString()
            guard !members.contains(name) else {
                path.append(.member(name))
                throw error(.duplicateMember, at: nameStart, "duplicate member name \(Self.quoted(name))")
            }
            skipWhitespace()
            guard position < input.count, input[position] == UInt8(ascii: ":") else {
                throw unexpected(at: position, expected: "':' after the member name")
            }
            position += 1
            skipWhitespace()
            path.append(.member(name))
            members.append(name, try parseValue())
            path.removeLast()
            skipWhitespace()
            guard position < input.count else { throw unexpected(at: position, expected: "',' or '}'") }
            let byte = input[position]
            position += 1
            if byte == UInt8(ascii: "}") { break }
            guard byte == UInt8(ascii: ",") else { throw unexpected(at: position - 1, expected: "',' or '}'") }
            skipWhitespace()
        }
        depth -= 1
        return .object(JSONObject(uniqueMembers: members.members))
    }

    mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }
}

/// The members of an object being read, with a duplicate check by exact UTF-8 bytes that is
/// a short scan for small objects and a hash set beyond that (never quadratic).
private struct MemberList {
    private static let linearLimit = 8
    var members: [(name: String, value: JSONValue)] = []
    private var names: Set<ExactName> = []

    func contains(_ name: String) -> Bool {
        if members.count <= Self.linearLimit {
            return members.contains { $0.name.hasSameUTF8(as: name) }
        }
        return names.contains(ExactName(name))
    }

    mutating func append(_ name: String, _ value: JSONValue) {
        members.append((name, value))
        if members.count == Self.linearLimit + 1 {
            names = Set(members.map { ExactName($0.name) })
        } else if members.count > Self.linearLimit + 1 {
            names.insert(ExactName(name))
        }
    }
}

/// A name hashed and compared by its exact UTF-8 bytes (Swift's `String` equality and hash
/// treat canonically equivalent strings as equal, which would merge distinct members).
private struct ExactName: Hashable {
    let name: String
    init(_ name: String) { self.name = name }

    static func == (lhs: ExactName, rhs: ExactName) -> Bool { lhs.name.hasSameUTF8(as: rhs.name) }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = name.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil {
            for byte in name.utf8 { hasher.combine(byte) }
        }
        hasher.combine(name.utf8.count)
    }
}
