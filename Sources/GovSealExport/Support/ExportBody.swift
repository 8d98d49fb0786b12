import GovSealDocuments

/// Decoding a document's body for an export that needs a particular type.
enum ExportBody {
    /// The blessing in `document`; throws `ExportError.unsupportedDocument` for another type
    /// and `DocumentError` for a malformed body.
    static func blessing(_ document: Document, format: String) throws -> Blessing {
        guard case .blessing(let blessing) = try DocumentBody(document) else {
            throw ExportError(.unsupportedDocument, place: "type",
                              "'\(format)' exports a blessing, not a \(document.type.rawValue)")
        }
        return blessing
    }

    /// The chain id's reference when it is in `namespace` (`cosmos:agoric-3` → `agoric-3`).
    static func reference(of chain: String, namespace: String, format: String) throws -> String {
        let prefix = namespace + ":"
        guard chain.hasPrefix(prefix) else {
            throw ExportError(.wrongChain, place: "body.chain",
                              "'\(format)' is for \(namespace):* chains, and this document is for '\(chain)'")
        }
        return String(chain.dropFirst(prefix.count))
    }
}
