/// RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes govseal signs and hashes.
public enum CanonicalJSON {
    /// The RFC 8785 canonical UTF-8 bytes of `value`: no whitespace, object members sorted by
    /// the UTF-16 code units of their names (never by Unicode normalisation or locale),
    /// numbers in ECMAScript form (`ES6Number`), strings with the minimal escaping of §3.2.2.2.
    ///
    /// Integers within ±2^53 are written as their digits. Integers beyond that range (which
    /// the strict reader never produces) are written as the nearest double, as every RFC 8785
    /// implementation reads them; non-finite doubles, which JSON cannot hold, are written as
    /// `null`, as ECMAScript's `JSON.stringify` does.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        append(value, to: &output)
        return output
    }

    private static func append(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null, .bool, .string:
            JSONScalarWriter.append(value, to: &output)
        case .integer(let integer):
            if integer.magnitude <= JSONNumberRange.maxSafeInteger {
                output.append(contentsOf: String(integer).utf8)
            } else {
                output.append(contentsOf: ES6Number.format(Double(integer)).utf8)
            }
        case .double(let double):
            output.append(contentsOf: (double.isFinite ? ES6Number.format(double) : "null").utf8)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                append(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (position, index) in sortedMemberIndices(object).enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                let member = object.members[index]
                JSONStringEscaper.appendQuoted(member.name, to: &output)
                output.append(UInt8(ascii: ":"))
                append(member.value, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// The indices of `object`'s members in RFC 8785 order: lexicographic over the UTF-16 code
    /// units of the names (so U+1F600, whose first unit is 0xD83D, sorts before U+E000).
    ///
    /// When no name holds a scalar at or above U+E000 (no UTF-8 byte ≥ 0xEE), UTF-16 order is
    /// code point order, which is UTF-8 byte order: names are then compared as bytes, without
    /// converting them. Otherwise they are compared as UTF-16.
    static func sortedMemberIndices(_ object: JSONObject) -> [Int] {
        let members = object.members
        if members.count < 2 { return Array(members.indices) }
        let byteOrderHolds = members.allSatisfy { member in
            member.name.utf8.withContiguousStorageIfAvailable { !$0.contains { $0 >= 0xEE } } ?? false
        }
        if byteOrderHolds {
            return members.indices.sorted { members[$0].name.utf8Precedes(members[$1].name) }
        }
        let keys = members.map { Array($0.name.utf16) }
        return keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
    }
}

extension String {
    /// Lexicographic order of the UTF-8 bytes.
    fileprivate func utf8Precedes(_ other: String) -> Bool {
        let fast = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs in lhs.lexicographicallyPrecedes(rhs) }
        }
        if let fast, let precedes = fast { return precedes }
        return utf8.lexicographicallyPrecedes(other.utf8)
    }
}

/// The I-JSON safe integer range, ±(2^53).
enum JSONNumberRange {
    static let maxSafeInteger: UInt64 = 1 << 53
}

/// Writes the leaf values `null`, booleans and strings (strings `terminalSafe` in JSONWriter's text,
/// see `JSONStringEscaper`; never in the canonical form).
enum JSONScalarWriter {
    static func append(_ value: JSONValue, to output: inout [UInt8], terminalSafe: Bool = false) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .string(let string): JSONStringEscaper.appendQuoted(string, to: &output, terminalSafe: terminalSafe)
        default: preconditionFailure("JSONScalarWriter handles null, booleans and strings only")
        }
    }
}
