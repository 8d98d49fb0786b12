/// A JSON value as govseal documents hold it.
///
/// Numbers are kept as the exact integer when the source text is an integer within ±2^53
/// (I-JSON's safe range), otherwise as a `Double`; document readers reject `.double` where
/// DESIGN.md requires integers. Objects keep their members in source order; member names
/// are compared by their exact Unicode scalars (never normalised).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Structural equality where strings compare by their exact UTF-8 bytes (never by Swift's
    /// canonical equivalence, so "é" and "e\u{301}" differ), and numbers by case and value.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(l), .bool(r)): l == r
        case let (.integer(l), .integer(r)): l == r
        case let (.double(l), .double(r)): l == r
        case let (.string(l), .string(r)): l.hasSameUTF8(as: r)
        case let (.array(l), .array(r)): l == r
        case let (.object(l), .object(r)): l == r
        default: false
        }
    }
}

/// A JSON object: members in source order, names unique (by exact code units).
public struct JSONObject: Sendable, Equatable {
    public private(set) var members: [(name: String, value: JSONValue)]

    public init() { members = [] }

    /// Builds an object; a later duplicate name replaces the earlier one's value.
    public init(_ members: [(String, JSONValue)]) {
        self.members = []
        for (name, value) in members { self[name] = value }
    }

    /// The value of member `name`, compared by exact UTF-8 bytes.
    public subscript(name: String) -> JSONValue? {
        get {
            members.first { $0.name.hasSameUTF8(as: name) }?.value
        }
        set {
            if let index = members.firstIndex(where: { $0.name.hasSameUTF8(as: name) }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((name, newValue))
            }
        }
    }

    public var names: [String] { members.map(\.name) }
    public var count: Int { members.count }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (l, r) in zip(lhs.members, rhs.members) {
            guard l.name.hasSameUTF8(as: r.name), l.value == r.value else { return false }
        }
        return true
    }
}

extension JSONValue {
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var integerValue: Int64? { if case .integer(let i) = self { i } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }

    /// A short name of the value's JSON type, for error messages ("an object", "a string").
    public var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .double: "a non-integer number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension JSONObject {
    /// Wraps members whose names the caller has already checked to be distinct (by exact
    /// UTF-8 bytes), without the per-member search of `init(_:)`; the strict reader uses it.
    init(uniqueMembers: [(name: String, value: JSONValue)]) {
        self.init()
        self.members = uniqueMembers
    }
}
