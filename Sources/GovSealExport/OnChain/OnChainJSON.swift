import GovSealDocuments
import GovSealJSON

/// One JSON object of a chain's proposal with its path, read strictly: a member govseal relies
/// on must be present with the JSON type the chain's tools print, else
/// `ExportError.malformedOnChain` names the path. Members govseal does not read are ignored
/// (chains add their own).
struct OnChainObject {
    let object: JSONObject
    let path: String

    /// `value` as an object at `path`.
    init(_ value: JSONValue, path: String) throws {
        guard case .object(let object) = value else {
            throw Self.fail(path, "expected an object, found \(value.typeDescription)")
        }
        self.object = object
        self.path = path
    }

    static func fail(_ place: String, _ reason: String) -> ExportError {
        ExportError(.malformedOnChain, place: place.isEmpty ? "top level" : place, reason)
    }

    func member(_ name: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }

    /// The member's value; nil when absent or JSON null.
    func raw(_ name: String) -> JSONValue? {
        guard let value = object[name], value != .null else { return nil }
        return value
    }

    func require(_ name: String) throws -> JSONValue {
        guard let value = raw(name) else { throw Self.fail(member(name), "required member is missing (or null)") }
        return value
    }

    func child(_ name: String) throws -> OnChainObject {
        try OnChainObject(try require(name), path: member(name))
    }

    func string(_ name: String) throws -> String {
        guard case .string(let text) = try require(name) else {
            throw Self.fail(member(name), "expected a string, found \(object[name]?.typeDescription ?? "nothing")")
        }
        return text
    }

    func optionalString(_ name: String) throws -> String? {
        guard raw(name) != nil else { return nil }
        return try string(name)
    }

    /// An array of objects (each with its own path).
    func objects(_ name: String) throws -> [OnChainObject] {
        guard case .array(let items) = try require(name) else {
            throw Self.fail(member(name), "expected an array, found \(object[name]?.typeDescription ?? "nothing")")
        }
        return try items.enumerated().map { try OnChainObject($1, path: "\(member(name))[\($0)]") }
    }

    /// An array of strings; an absent or null member is an empty array.
    func strings(_ name: String) throws -> [String] {
        guard let value = raw(name) else { return [] }
        guard case .array(let items) = value else {
            throw Self.fail(member(name), "expected an array of strings, found \(value.typeDescription)")
        }
        return try items.enumerated().map { index, item in
            guard case .string(let text) = item else {
                throw Self.fail("\(member(name))[\(index)]", "expected a string, found \(item.typeDescription)")
            }
            return text
        }
    }

    /// A non-negative integer printed as Go's protobuf JSON prints 64-bit integers (a string of
    /// decimal digits), or as a JSON integer.
    func unsigned(_ name: String) throws -> UInt64 {
        switch try require(name) {
        case .integer(let number) where number >= 0:
            return UInt64(number)
        case .string(let text):
            guard !text.isEmpty, text.utf8.count <= 20, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                  text == "0" || !text.hasPrefix("0"), let number = UInt64(text) else {
                throw Self.fail(member(name), "expected a non-negative integer (decimal digits), found '\(OnChainText.excerpt(text))'")
            }
            return number
        case let other:
            throw Self.fail(member(name), "expected a non-negative integer, found \(other.typeDescription)")
        }
    }

    /// Seconds since the epoch as the IC dashboard prints them (a JSON integer; 0 = not yet).
    func seconds(_ name: String) throws -> Timestamp? {
        guard let value = raw(name) else { return nil }
        guard case .integer(let seconds) = value, (0...253_402_300_799).contains(seconds) else {
            throw Self.fail(member(name), "expected whole seconds since 1970 (up to year 9999), found \(value.typeDescription)")
        }
        return seconds == 0 ? nil : Timestamp(secondsSinceEpoch: seconds)
    }

    /// An RFC 3339 time as Go's protobuf JSON prints a Timestamp; nil when absent or null.
    func time(_ name: String) throws -> Timestamp? {
        guard raw(name) != nil else { return nil }
        let text = try string(name)
        // Go's zero time, as protobuf JSON prints an unset non-nullable Timestamp.
        if text == "0001-01-01T00:00:00Z" { return nil }
        do {
            return try Timestamp(parsing: text)
        } catch {
            throw Self.fail(member(name), "not an RFC 3339 UTC time: '\(OnChainText.excerpt(text))'")
        }
    }
}

/// Text from a chain's proposal as govseal quotes it in a check: at most 120 characters, so that
/// a long summary cannot flood a report (control characters are escaped when printed, by
/// `TerminalText`).
enum OnChainText {
    static func excerpt(_ text: String, limit: Int = 120) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(limit))) + "…"
    }
}
