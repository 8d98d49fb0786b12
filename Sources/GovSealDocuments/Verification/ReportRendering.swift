import GovSealEncoding
import GovSealJSON

extension Check {
    /// `[ok] name: detail` or `[FAIL] name: detail`, as every report prints a check; control
    /// characters taken from documents are escaped (`TerminalText`).
    public var line: String { TerminalText.escape("[\(passed ? "ok" : "FAIL")] \(name): \(detail)") }
}

extension SignatureCheck {
    /// "valid", "duplicate of #1 (counted once)" or "invalid: why".
    public var statusText: String {
        switch status {
        case .valid: "valid"
        case .duplicate(let i): "duplicate of #\(i + 1) (counted once)"
        case .invalid(let reason): "invalid: \(reason)"
        }
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("index", .integer(Int64(index + 1))), ("keyid", .string(keyID)), ("alg", .string(algorithm.rawValue)),
            ("public_key", .string(Hex.encode(publicKey))), ("valid", .bool(isValid)), ("status", .string(statusText)),
        ]))
    }
}

extension VerificationReport {
    /// The report as one JSON object (`govseal verify --json`).
    public var json: JSONValue {
        var o = JSONObject()
        if let file { o["file"] = .string(file) }
        o["type"] = .string(type.rawValue)
        o["proposal"] = .string(proposalID)
        if let chain { o["chain"] = .string(chain) }
        if let title { o["title"] = .string(title) }
        o["passed"] = .bool(passed)
        o["signatures"] = .array(signatures.map(\.json))
        o["checks"] = .array(checks.map {
            .object(JSONObject([("name", .string($0.name)), ("passed", .bool($0.passed)), ("detail", .string($0.detail))]))
        })
        o["warnings"] = .array(warnings.map { .string($0) })
        return .object(o)
    }

    /// The report as lines for a terminal: the document, each signature, each check, warnings,
    /// verdict. Control characters taken from documents are escaped (`TerminalText`), so no
    /// title, builder or artifact name can erase or fake a line.
    public var lines: [String] {
        var out = ["\(file ?? "-"): \(type.rawValue)" + (title.map { " \"\($0)\"" } ?? "") + (chain.map { " (\($0))" } ?? "")]
        out.append("  proposal \(proposalID)")
        for s in signatures {
            out.append("  signature #\(s.index + 1) \(s.algorithm.rawValue) \(s.keyID.prefix(16)): \(s.statusText)")
        }
        for c in checks {
            out.append("  " + c.line)
        }
        for w in warnings { out.append("  warning: \(w)") }
        out.append(passed ? "  PASSED" : "  FAILED")
        return out.map(TerminalText.escape)
    }
}
