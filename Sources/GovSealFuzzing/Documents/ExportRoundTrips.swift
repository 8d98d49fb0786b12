import GovSealDocuments
import GovSealExport

/// Export formats that govseal also reads back: what it writes, it must accept unchanged.
enum ExportRoundTrips {
    static let target = FuzzTarget.document

    /// A document's DSSE envelope imports to the same type, payload and signatures. Only a
    /// signature that no verifier could accept (an invalid point, r or s zero) may make the
    /// import fail, and then the error must name that signature.
    static func envelope(_ document: Document) throws(PropertyViolation) {
        guard let envelope = try? DSSE.envelopeBytes(for: document) else { return }
        let imported: Document
        do {
            imported = try DSSEImport.document(from: envelope)
        } catch let error as ExportError {
            try target.require(error.place.hasPrefix("signatures["),
                               "a document's DSSE envelope imports, unless a signature is unusable", "\(error)")
            return
        } catch {
            throw PropertyViolation(target, "DSSE import throws ExportError", "\(error)")
        }
        try target.require(imported.type == document.type, "a DSSE round trip keeps the type")
        try target.require(imported.payload == document.payload, "a DSSE round trip keeps the payload")
        try target.require(imported.signatures == document.signatures, "a DSSE round trip keeps the signatures")
    }

    /// A blessing's SHA256SUMS text parses back to its artifacts' names and digests, in order.
    static func checksums(_ blessing: Blessing) throws(PropertyViolation) {
        let text: [UInt8]
        let entries: [(name: String, sha256: String)]
        do {
            text = try SHA256SUMS.text(for: blessing)  // a parsed blessing's names are always writable
            entries = try SHA256SUMS.parse(text, file: "SHA256SUMS")
        } catch {
            throw PropertyViolation(target, "a blessing's SHA256SUMS export parses", "\(error)")
        }
        let expected = blessing.artifacts.map { ($0.name, $0.sha256) }
        try target.require(entries.elementsEqual(expected) { $0.name.utf8.elementsEqual($1.0.utf8) && $0.sha256 == $1.1 },
                           "a blessing's SHA256SUMS export parses back to its artifacts", excerpt(text))
    }
}
