import GovSealDocuments
import GovSealExport
import GovSealJSON

/// FuzzDocument: the same bytes as a document file and as a DSSE envelope. Parsing, body
/// validation, signature checks and verification (with an empty context: no files, no
/// processes) must never crash; a parsed document's file form must re-parse to the same
/// payload, type and signatures.
enum DocumentFuzzTarget {
    static let target = FuzzTarget.document

    /// A fixed "now", so that a replayed input behaves as it did under the fuzzer.
    static let context = VerificationContext(now: Timestamp(secondsSinceEpoch: 1_800_000_000))

    static func check(_ bytes: [UInt8]) throws(PropertyViolation) -> FuzzOutcome {
        var outcome = FuzzOutcome.rejected
        if let document = try? Document(bytes: bytes) {
            outcome = .accepted
            try examine(document)
            try fileRoundTrip(document, origin: "a document file")
            try ExportRoundTrips.envelope(document)
        }
        if let imported = try? DSSEImport.document(from: bytes) {
            outcome = .accepted
            try examine(imported)
            try fileRoundTrip(imported, origin: "an imported DSSE envelope")
        }
        return outcome
    }

    /// Body validation, signature checks, verification and the report's renderings.
    static func examine(_ document: Document) throws(PropertyViolation) {
        let checks = document.checkSignatures()
        try target.require(checks.count == document.signatures.count, "checkSignatures() gives one verdict per signature",
                           "\(checks.count) verdicts for \(document.signatures.count) signatures")
        let body = Result { try DocumentBody(document) }
        let report = Result { try Verifier.verify(document, file: "fuzz", context: context) }
        switch (body, report) {
        case (.failure, .success):
            throw PropertyViolation(target, "Verifier.verify throws for a malformed body")
        case (.success, .failure(let error)):
            throw PropertyViolation(target, "Verifier.verify throws only when the body is malformed", "\(error)")
        case (.success(let body), .success(let report)):
            _ = body.warnings
            _ = body.chain
            _ = body.expires
            try examine(report)
            if case .blessing(let blessing) = body {
                try ExportRoundTrips.checksums(blessing)
            }
        case (.failure, .failure):
            break
        }
    }

    /// The report renders, and its JSON (`verify --json`) is strict JSON that reads back unchanged.
    static func examine(_ report: VerificationReport) throws(PropertyViolation) {
        _ = report.lines
        _ = report.passed
        let json = report.json
        let text = JSONWriter.pretty(json)
        let parsed = try? JSONReader.parse(text, limits: .general)
        try target.require(parsed == json, "the report's JSON reads back unchanged", excerpt(text))
    }

    /// serialized() re-parses to the same type, payload and signatures, and is a fixed point.
    static func fileRoundTrip(_ document: Document, origin: String) throws(PropertyViolation) {
        let file = document.serialized()
        guard file.count <= Document.maxSize else { return }  // pretty printing can outgrow the limit
        let again: Document
        do {
            again = try Document(bytes: file)
        } catch {
            throw PropertyViolation(target, "the file form of \(origin) parses as a document", "\(error)")
        }
        try target.require(again.type == document.type, "the file form of \(origin) keeps its type")
        try target.require(again.payload == document.payload, "the file form of \(origin) keeps its payload",
                           "\(excerpt(document.payload)) became \(excerpt(again.payload))")
        try target.require(again.signatures == document.signatures, "the file form of \(origin) keeps its signatures")
        try target.require(again.serialized() == file, "serialized() of a re-parsed document is unchanged")
    }
}
