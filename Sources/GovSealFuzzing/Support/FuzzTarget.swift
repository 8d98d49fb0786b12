/// The fuzz targets: each checks one family of untrusted-input readers on arbitrary bytes.
///
/// A target never crashes on input the library rejects with an error: any crash inside the
/// library (a trap, an out-of-bounds access, an overflow) is a finding, and so is a
/// `PropertyViolation` (a round trip that does not hold, a secret in a message).
public enum FuzzTarget: String, Sendable, CaseIterable, CustomStringConvertible {
    /// `JSONReader` under both limits, `CanonicalJSON` and `JSONWriter` round trips.
    case json = "FuzzJSON"
    /// Documents, bodies, signatures, the verifier, DSSE import and export, SHA256SUMS export.
    case document = "FuzzDocument"
    /// `KeyFile.parse` with every curve hint, serialisation round trips, no secret in any text.
    case keyFile = "FuzzKeyFile"
    /// Encodings, CAIP-2 ids, timestamps, ICP principals, NEAR keys, EIP-55, SHA256SUMS;
    /// the first byte picks the parser.
    case parsers = "FuzzParsers"
    /// The native git object reader: deltas, pack index and pack pairs, loose objects, tree exports;
    /// the first byte picks the reader and the object format.
    case gitObjects = "FuzzGitObjects"

    /// The name of the target's executable and corpus folder (`FuzzJSON`, …).
    public var description: String { rawValue }

    /// Runs the target on `bytes` and checks its properties.
    ///
    /// Returns whether a parser accepted the input; throws `PropertyViolation` when a property
    /// does not hold. A crash in the library under test crashes the caller (as it must, for
    /// libFuzzer to keep the input).
    public func check(_ bytes: [UInt8]) throws(PropertyViolation) -> FuzzOutcome {
        switch self {
        case .json: try JSONFuzzTarget.check(bytes)
        case .document: try DocumentFuzzTarget.check(bytes)
        case .keyFile: try KeyFileFuzzTarget.check(bytes)
        case .parsers: try ParserFuzzTarget.check(bytes)
        case .gitObjects: try GitObjectFuzzTarget.check(bytes)
        }
    }

    /// The libFuzzer entry: `check`, with a violated property turned into `fatalError` so that
    /// libFuzzer records the input as a crash.
    public func run(_ data: UnsafeRawBufferPointer) {
        do {
            _ = try check(Array(data))
        } catch {
            fatalError(error.description)
        }
    }
}
