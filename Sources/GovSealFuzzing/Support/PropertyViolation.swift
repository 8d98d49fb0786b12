/// A property a fuzz target asserts that an input broke: which target, which property, and
/// what was seen. `FuzzTarget.run` turns it into a crash (so libFuzzer keeps the input); the
/// corpus replay test reports it as a failed case naming the input file.
public struct PropertyViolation: Error, Sendable, CustomStringConvertible {
    /// The target that checked the property (`FuzzJSON`, `FuzzDocument`, …).
    public let target: FuzzTarget
    /// The property, stated as what must hold.
    public let property: String
    /// What was found instead (an error text, the differing values).
    public let detail: String

    /// A violation of `property` in `target`, with `detail` on what was found.
    public init(_ target: FuzzTarget, _ property: String, _ detail: String = "") {
        self.target = target
        self.property = property
        self.detail = detail
    }

    /// `<Target>: property violated: <property> (<detail>)`, as the crash report shows it.
    public var description: String {
        "\(target.rawValue): property violated: \(property)" + (detail.isEmpty ? "" : " (\(detail))")
    }
}

/// Whether the input reached the code under test: a parser accepted it (`accepted`), or every
/// parser rejected it with an error (`rejected`). Replay tests use it to prove that the seeds
/// meant to be valid still exercise the deep paths.
public enum FuzzOutcome: Sendable, Equatable {
    /// A parser of the target accepted the input (and its properties held).
    case accepted
    /// Every parser of the target rejected the input with an error.
    case rejected
}

extension FuzzTarget {
    /// Throws a violation of `property` unless `condition` holds.
    func require(_ condition: Bool, _ property: @autoclosure () -> String,
                 _ detail: @autoclosure () -> String = "") throws(PropertyViolation) {
        guard condition else { throw PropertyViolation(self, property(), detail()) }
    }
}

/// A short printable excerpt of bytes for violation messages (never secret material: key file
/// targets do not pass key bytes here).
func excerpt(_ bytes: [UInt8], limit: Int = 120) -> String {
    let text = String(decoding: bytes.prefix(limit), as: UTF8.self)
    let escaped = text.unicodeScalars.map { scalar in
        (0x20..<0x7f).contains(scalar.value) ? String(scalar) : "\\u{\(String(scalar.value, radix: 16))}"
    }.joined()
    return bytes.count > limit ? escaped + "… (\(bytes.count) bytes)" : escaped
}
