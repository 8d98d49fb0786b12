import GovSealJSON

/// A document's body, decoded and validated according to its type.
public enum DocumentBody: Sendable {
    case blessing(Blessing)
    case nomination(Nomination)
    case reveal(Reveal)
    case attestation(Attestation)
    case policy(Policy)

    /// Validates `document.body` against its type; throws `DocumentError` with the path.
    public init(_ document: Document) throws {
        switch document.type {
        case .blessing: self = .blessing(try Blessing(body: document.body))
        case .nomination: self = .nomination(try Nomination(body: document.body))
        case .reveal: self = .reveal(try Reveal(body: document.body))
        case .attestation: self = .attestation(try Attestation(body: document.body))
        case .policy: self = .policy(try Policy(body: document.body))
        }
    }

    /// Paths of unknown body members (kept and signed over; reported as warnings).
    public var warnings: [String] {
        switch self {
        case .blessing(let b): b.warnings
        case .nomination(let n): n.warnings
        case .reveal(let r): r.warnings
        case .attestation(let a): a.warnings
        case .policy(let p): p.warnings
        }
    }

    /// The chain the document is about, if its type names one.
    public var chain: String? {
        switch self {
        case .blessing(let b): b.chain
        case .nomination(let n): n.chain
        case .reveal(let r): r.chain
        case .attestation, .policy: nil
        }
    }

    /// The expiry time, if the document has one.
    public var expires: Timestamp? {
        switch self {
        case .blessing(let b): b.expires
        case .nomination(let n): n.expires
        case .policy(let p): p.expires
        case .reveal, .attestation: nil
        }
    }
}
