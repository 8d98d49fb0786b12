import GovSealJSON
import GovSealSource

/// How archive member differences read, in text and JSON (shared by `rebuild` and `rebuild --vary`).
enum MemberDifferenceText {
    /// At most this many differing members are printed per artifact in text (JSON has them all).
    static let shownMembers = 12

    /// Lines naming each differing member, where it differs and which header fields differ;
    /// `reference` names the left side ("published", "control").
    static func lines(_ differences: [MemberDifference], reference: String, indent: String) -> [String] {
        var out: [String] = []
        for d in differences.prefix(shownMembers) {
            let ref = d.reference.map { "\($0.size) bytes \($0.sha256.prefix(16))" } ?? "absent"
            let got = d.rebuilt.map { "\($0.size) bytes \($0.sha256.prefix(16))" } ?? "absent"
            if d.contentDiffers {
                out.append("\(indent)member \(d.path): \(reference) \(ref), rebuilt \(got)")
            } else {
                out.append("\(indent)member \(d.path): same content, header differs")
            }
            if let detail = d.detail { out.append(indent + "  " + describe(detail, reference: reference)) }
            for change in d.metadata {
                out.append("\(indent)  \(change.field): \(reference) \(change.reference), rebuilt \(change.rebuilt)")
            }
            out += lines(d.nested, reference: reference, indent: indent + "  ")
        }
        if differences.count > shownMembers {
            out.append("\(indent)… and \(differences.count - shownMembers) more differing members (--json lists them all)")
        }
        return out
    }

    static func describe(_ detail: ContentDetail, reference: String) -> String {
        switch detail {
        case .text(let line, let left, let right):
            let a = left.map { "\"\($0)\"" } ?? "(end of file)"
            let b = right.map { "\"\($0)\"" } ?? "(end of file)"
            return "line \(line): \(reference) \(a), rebuilt \(b)"
        case .binary(let offset, let left, let right):
            return "byte \(offset): \(reference) \(ByteText.spaced(left)), rebuilt \(ByteText.spaced(right))"
        }
    }

    static func json(_ differences: [MemberDifference], reference: String) -> JSONValue {
        .array(differences.map { d in
            var m = JSONObject([("path", .string(d.path))])
            m[reference] = d.reference.map { .object(JSONObject([("size", .integer(Int64($0.size))), ("sha256", .string($0.sha256))])) } ?? .null
            m["rebuilt"] = d.rebuilt.map { .object(JSONObject([("size", .integer(Int64($0.size))), ("sha256", .string($0.sha256))])) } ?? .null
            m["content_differs"] = .bool(d.contentDiffers)
            switch d.detail {
            case .text(let line, let left, let right)?:
                m["first_difference"] = .object(JSONObject([("kind", .string("text")), ("line", .integer(Int64(line))),
                                                            (reference, left.map { .string($0) } ?? .null),
                                                            ("rebuilt", right.map { .string($0) } ?? .null)]))
            case .binary(let offset, let left, let right)?:
                m["first_difference"] = .object(JSONObject([("kind", .string("binary")), ("offset", .integer(Int64(offset))),
                                                            (reference, .string(ByteText.spaced(left))), ("rebuilt", .string(ByteText.spaced(right)))]))
            case nil:
                break
            }
            if !d.metadata.isEmpty {
                m["metadata"] = .array(d.metadata.map {
                    .object(JSONObject([("field", .string($0.field)), (reference, .string($0.reference)), ("rebuilt", .string($0.rebuilt))]))
                })
            }
            if !d.nested.isEmpty { m["nested"] = json(d.nested, reference: reference) }
            return .object(m)
        })
    }
}

private enum ByteText {
    static func spaced(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
    }
}
