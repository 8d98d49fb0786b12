import GovSealJSON

/// FuzzJSON: the strict reader must never crash under either limits; what it accepts must
/// survive canonicalisation and both writers unchanged.
enum JSONFuzzTarget {
    static let target = FuzzTarget.json

    static func check(_ bytes: [UInt8]) throws(PropertyViolation) -> FuzzOutcome {
        let strict = try? JSONReader.parse(bytes, limits: .document)
        let general = try? JSONReader.parse(bytes, limits: .general)
        if let strict {
            try target.require(general == strict,
                               "a text the .document limits accept reads to the same value under .general")
            try roundTrips(strict, limits: .document)
        }
        if let general {
            try roundTrips(general, limits: .general)
        }
        return general == nil ? .rejected : .accepted
    }

    /// canonical(read(canonical(x))) == canonical(x), and read(pretty(x)) == read(compact(x)) == x.
    static func roundTrips(_ value: JSONValue, limits: JSONLimits) throws(PropertyViolation) {
        // The writers may lengthen a text (`1e20` is canonically 21 digits): only the size limit is lifted.
        let rereading = JSONLimits(maxBytes: .max, maxDepth: limits.maxDepth, integersOnly: limits.integersOnly)
        let canonical = CanonicalJSON.encode(value)
        let reread: JSONValue
        do {
            reread = try JSONReader.parse(canonical, limits: rereading)
        } catch {
            throw PropertyViolation(target, "the canonical form of an accepted value reads back", "\(error); canonical: \(excerpt(canonical))")
        }
        let again = CanonicalJSON.encode(reread)
        try target.require(again == canonical, "canonical(read(canonical(x))) == canonical(x)",
                           "\(excerpt(canonical)) became \(excerpt(again))")

        for (writer, text) in [("pretty", JSONWriter.pretty(value)), ("compact", JSONWriter.compact(value))] {
            let parsed: JSONValue
            do {
                parsed = try JSONReader.parse(text, limits: rereading)
            } catch {
                throw PropertyViolation(target, "JSONWriter.\(writer)(x) reads back", "\(error); text: \(excerpt(text))")
            }
            try target.require(parsed == value, "read(JSONWriter.\(writer)(x)) == x", "text: \(excerpt(text))")
        }
    }
}
