/// One named check and its outcome.
public struct Check: Sendable, Equatable {
    public let name: String
    public let passed: Bool
    public let detail: String

    public init(_ name: String, passed: Bool, _ detail: String) {
        self.name = name
        self.passed = passed
        self.detail = detail
    }
}

/// Everything `verify` found about one document. It passes only when every check passed.
public struct VerificationReport: Sendable {
    public let file: String?
    public let type: DocumentType
    public let proposalID: String
    public let chain: String?
    public let title: String?
    public let signatures: [SignatureCheck]
    public let checks: [Check]
    public let warnings: [String]

    public var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }

    public init(file: String?, type: DocumentType, proposalID: String, chain: String?, title: String?,
                signatures: [SignatureCheck], checks: [Check], warnings: [String]) {
        self.file = file
        self.type = type
        self.proposalID = proposalID
        self.chain = chain
        self.title = title
        self.signatures = signatures
        self.checks = checks
        self.warnings = warnings
    }
}
