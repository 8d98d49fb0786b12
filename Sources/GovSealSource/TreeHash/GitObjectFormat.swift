import GovSealCrypto

/// The hash function of a git repository's object ids (`git init --object-format=…`).
public enum GitObjectFormat: String, Sendable, CaseIterable {
    /// SHA-1, 40 hex digits: the default.
    case sha1
    /// SHA-256, 64 hex digits.
    case sha256

    /// The length of an object id in bytes (20 or 32).
    public var idByteCount: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        }
    }

    /// The length of an object id in hex digits (40 or 64).
    public var idHexLength: Int { idByteCount * 2 }

    /// The format whose ids have `hexLength` digits, if any.
    public init?(idHexLength hexLength: Int) {
        guard let format = Self.allCases.first(where: { $0.idHexLength == hexLength }) else { return nil }
        self = format
    }

    var digestAlgorithm: DigestAlgorithm {
        switch self {
        case .sha1: .sha1
        case .sha256: .sha256
        }
    }
}
