import GovSealEncoding
import GovSealJSON

/// Reads the members of one JSON object with path-aware errors, and remembers which members
/// were read so the rest can be reported as unknown (DESIGN.md: unknown body members are kept,
/// signed over and reported as warnings).
struct FieldReader {
    let object: JSONObject
    let path: String
    /// Which members (by index) were read; names compare by exact UTF-8 bytes.
    private var known: [Bool]

    init(_ value: JSONValue, path: String) throws {
        guard case .object(let object) = value else {
            throw DocumentError(.invalidDocument, path: path, "expected an object, found \(value.typeDescription)")
        }
        self.object = object
        self.path = path
        known = [Bool](repeating: false, count: object.members.count)
    }

    func childPath(_ name: String) -> String {
        BodyPath.member(name, of: path)
    }

    mutating func raw(_ name: String) -> JSONValue? {
        guard let i = object.members.firstIndex(where: { $0.name.utf8.elementsEqual(name.utf8) }) else { return nil }
        known[i] = true
        return object.members[i].value
    }

    /// Marks the member at `position` as read (for readers that walk every member in order).
    mutating func markRead(_ position: Int) {
        known[position] = true
    }

    mutating func require(_ name: String) throws -> JSONValue {
        guard let value = raw(name) else {
            throw DocumentError(.invalidDocument, path: childPath(name), "required member is missing")
        }
        return value
    }

    mutating func string(_ name: String, nonEmpty: Bool = true, maxLength: Int = 1 << 20) throws -> String {
        try Self.string(try require(name), path: childPath(name), nonEmpty: nonEmpty, maxLength: maxLength)
    }

    mutating func optionalString(_ name: String, nonEmpty: Bool = true) throws -> String? {
        guard let value = raw(name) else { return nil }
        return try Self.string(value, path: childPath(name), nonEmpty: nonEmpty, maxLength: 1 << 20)
    }

    mutating func integer(_ name: String, range: ClosedRange<Int64>) throws -> Int64 {
        try Self.integer(try require(name), path: childPath(name), range: range)
    }

    mutating func optionalInteger(_ name: String, range: ClosedRange<Int64>) throws -> Int64? {
        guard let value = raw(name) else { return nil }
        return try Self.integer(value, path: childPath(name), range: range)
    }

    mutating func timestamp(_ name: String) throws -> Timestamp {
        try Timestamp(parsing: try string(name), path: childPath(name))
    }

    mutating func optionalTimestamp(_ name: String) throws -> Timestamp? {
        guard let text = try optionalString(name) else { return nil }
        return try Timestamp(parsing: text, path: childPath(name))
    }

    mutating func bool(_ name: String) throws -> Bool? {
        guard let value = raw(name) else { return nil }
        guard case .bool(let b) = value else {
            throw DocumentError(.invalidDocument, path: childPath(name), "expected a boolean, found \(value.typeDescription)")
        }
        return b
    }

    mutating func array(_ name: String, nonEmpty: Bool = true) throws -> [JSONValue] {
        let value = try require(name)
        guard case .array(let items) = value else {
            throw DocumentError(.invalidDocument, path: childPath(name), "expected an array, found \(value.typeDescription)")
        }
        if nonEmpty, items.isEmpty {
            throw DocumentError(.invalidValue, path: childPath(name), "must not be empty")
        }
        return items
    }

    mutating func object(_ name: String) throws -> FieldReader {
        try FieldReader(try require(name), path: childPath(name))
    }

    mutating func optionalObject(_ name: String) throws -> FieldReader? {
        guard let value = raw(name) else { return nil }
        return try FieldReader(value, path: childPath(name))
    }

    /// Lowercase hex of exactly one of `lengths` bytes.
    mutating func hex(_ name: String, lengths: [Int]) throws -> String {
        let text = try string(name)
        try Self.checkHex(text, lengths: lengths, path: childPath(name))
        return text
    }

    mutating func optionalHex(_ name: String, lengths: [Int]) throws -> String? {
        guard let text = try optionalString(name) else { return nil }
        try Self.checkHex(text, lengths: lengths, path: childPath(name))
        return text
    }

    /// The paths of members that were never read.
    func unknownMembers() -> [String] {
        object.members.indices.filter { !known[$0] }.map { childPath(object.members[$0].name) }
    }

    /// Fails on any member that was never read (for the envelope, where unknown members are errors).
    func rejectUnknown() throws {
        if let first = unknownMembers().first {
            throw DocumentError(.invalidDocument, path: first, "unknown member")
        }
    }

    static func string(_ value: JSONValue, path: @autoclosure () -> String, nonEmpty: Bool = true, maxLength: Int = 1 << 20) throws -> String {
        guard case .string(let text) = value else {
            throw DocumentError(.invalidDocument, path: path(), "expected a string, found \(value.typeDescription)")
        }
        if nonEmpty, text.isEmpty {
            throw DocumentError(.invalidValue, path: path(), "must not be empty")
        }
        if text.utf8.count > maxLength {
            throw DocumentError(.invalidValue, path: path(), "longer than \(maxLength) bytes")
        }
        return text
    }

    static func integer(_ value: JSONValue, path: @autoclosure () -> String, range: ClosedRange<Int64>) throws -> Int64 {
        guard case .integer(let n) = value else {
            throw DocumentError(.invalidDocument, path: path(), "expected an integer, found \(value.typeDescription)")
        }
        guard range.contains(n) else {
            throw DocumentError(.invalidValue, path: path(), "\(n) is out of range \(range.lowerBound)...\(range.upperBound)")
        }
        return n
    }

    static func checkHex(_ text: String, lengths: [Int], path: @autoclosure () -> String) throws {
        guard lengths.contains(where: { Hex.isLowercase(text, length: $0) }) else {
            let want = lengths.map { "\($0 * 2)" }.joined(separator: " or ")
            let why: String
            do {
                _ = try Hex.decode(text, lowercaseOnly: true)
                why = "has \(text.utf8.count) digits"
            } catch {
                why = String(describing: error)
            }
            throw DocumentError(.invalidValue, path: path(), "expected \(want) lowercase hex digits: \(why)")
        }
    }
}

/// String paths for error messages, formatted by `GovSealJSON.JSONPath` (so a name that is not
/// an identifier prints as `["like this"]`).
enum BodyPath {
    static func member(_ name: String, of parent: String) -> String {
        let step = JSONPath([.member(name)]).description
        return parent.isEmpty || step.hasPrefix("[") ? parent + step : parent + "." + step
    }

    static func index(_ i: Int, of parent: String) -> String { "\(parent)[\(i)]" }
}
