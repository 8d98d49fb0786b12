/// The five kinds of govseal document.
public enum DocumentType: String, Sendable, CaseIterable, Hashable {
    case blessing, nomination, reveal, attestation, policy

    /// The DSSE payload type signed over (DESIGN.md, "What is signed").
    public var payloadType: String {
        switch self {
        case .attestation: "application/vnd.in-toto+json"
        default: "application/vnd.govseal.\(rawValue).v1+json"
        }
    }

    /// The document type a DSSE payload type stands for, if any.
    public init?(payloadType: String) {
        guard let type = DocumentType.allCases.first(where: { $0.payloadType == payloadType }) else { return nil }
        self = type
    }
}
