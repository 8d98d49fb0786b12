import GovSealFiles
import GovSealJSON
#if canImport(Glibc)
import Glibc
#endif

/// Documents read from files and folders, verified together so that reveals and attestations
/// find their blessing among them.
public struct DocumentSet: Sendable {
    public var documents: [(file: String, document: Document)] = []
    /// One line per file that could not be read or parsed: `file: reason`.
    public var errors: [String] = []
    /// Files named `onchain.json` found in folders: a proposal as its chain prints it, saved
    /// beside its blessing (compared by `status`), not a govseal document.
    public var onChainFiles: [String] = []

    /// The name of a saved on-chain proposal in a registry folder.
    public static let onChainFileName = "onchain.json"

    /// An extra reader for other envelope formats (a DSSE envelope); returns nil when the JSON
    /// is not of its format.
    public typealias AlternateReader = @Sendable (JSONValue) throws -> Document?

    public enum Result: Sendable {
        case report(VerificationReport)
        case malformed(String)
    }

    /// Reads every path: a file, or a folder (every `*.json` below it, sorted, hidden entries
    /// skipped). Files are read and parsed in parallel; each is read once.
    public static func load(_ paths: [String], alternate: AlternateReader? = nil) throws -> DocumentSet {
        var files: [String] = []
        var skipped: [String] = []
        var onChain: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                let code = errno
                guard code == ENOENT else { throw FileError(.io, path: path, String(cString: strerror(code))) }
                throw FileError(.notFound, path: path, "no such file or folder")
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                files += try jsonFiles(under: path, skipped: &skipped, onChain: &onChain)
            } else {
                files.append(path)
            }
        }
        let parsed: [(String, Document?, String?)] = files.parallelMap { file in
            do {
                let bytes = try AtomicFile.read(file, limit: Document.maxSize)
                if let alternate {
                    let value: JSONValue
                    do {
                        value = try JSONReader.parse(bytes, limits: .document)
                    } catch let error as JSONError {
                        throw DocumentError(.malformedJSON, path: error.path, "\(error.reason) (line \(error.line), column \(error.column))")
                    }
                    if let document = try alternate(value) { return (file, document, nil) }
                    return (file, try Document(json: value), nil)
                }
                return (file, try Document(bytes: bytes), nil)
            } catch let error as FileError {
                return (file, nil, error.description)
            } catch {
                return (file, nil, "\(file): \(error)")
            }
        }
        var set = DocumentSet()
        set.errors = skipped
        set.onChainFiles = onChain
        for (file, document, error) in parsed {
            if let document { set.documents.append((file, document)) }
            if let error { set.errors.append(error) }
        }
        return set
    }

    /// Verifies every document in parallel. A reveal or attestation without `context.proposal`
    /// is compared with the blessing of the same proposal id in the set; with a policy, a reveal
    /// also counts the set's attestations of its blessing.
    /// `policyFor` picks a policy per file (the registry's folder policies) when the context has none.
    public func verify(context: VerificationContext, policyFor: (@Sendable (String) -> Policy?)? = nil) -> [Result] {
        // Only reveals and attestations look up a blessing: without them, no proposal id is hashed here.
        let needsLookup = context.proposal == nil && documents.contains { Self.referencedProposal($0.document) != nil }
        let blessings = !needsLookup ? [:] : Dictionary(
            documents.filter { $0.document.type == .blessing }.map { ($0.document.proposalID, $0.document) },
            uniquingKeysWith: { first, _ in first })
        // The set's attestations grouped by the proposal they attest, once for every reveal.
        var attestations: [String: [(file: String, document: Document)]] = [:]
        if needsLookup {
            for item in documents where item.document.type == .attestation {
                if let id = Self.referencedProposal(item.document) { attestations[id, default: []].append(item) }
            }
        }
        let attestationsByProposal = attestations
        return documents.parallelMap { file, document in
            var local = context
            if local.policy == nil, let policyFor { local.policy = policyFor(file) }
            // A blessing under a policy with a coordination group is checked against the set's
            // attestations of it (the members' private rebuilds).
            if document.type == .blessing, local.attestations.isEmpty, local.policy?.role("embargo-rebuilder") != nil {
                local.attestations = attestationsByProposal[document.proposalID] ?? []
            }
            if local.proposal == nil, let id = Self.referencedProposal(document), let blessing = blessings[id] {
                local.proposal = blessing
                if document.type == .reveal, local.attestations.isEmpty, local.policy?.role("rebuilder") != nil {
                    local.attestations = attestationsByProposal[id] ?? []
                }
            }
            do {
                return .report(try Verifier.verify(document, file: file, context: local))
            } catch {
                return .malformed("\(file): \(error)")
            }
        }
    }

    /// The proposal id a reveal or attestation refers to.
    static func referencedProposal(_ document: Document) -> String? {
        switch document.type {
        case .reveal: document.body["proposal"]?.stringValue
        case .attestation: document.body["predicate"]?.objectValue?["proposal"]?.stringValue
        default: nil
        }
    }

    /// Every `*.json` regular file below `directory`. A `*.json` that is a symbolic link or not a
    /// regular file is not followed: it goes to `skipped` as an error, so nothing is silently left out.
    /// Regular files named `onchain.json` go to `onChain` instead.
    static func jsonFiles(under directory: String, skipped: inout [String], onChain: inout [String]) throws -> [String] {
        guard let dir = opendir(directory) else { throw FileError(.io, path: directory, "cannot open folder") }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        var out: [String] = []
        for name in names.sorted() {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                out += try jsonFiles(under: path, skipped: &skipped, onChain: &onChain)
            } else if name.lowercased().hasSuffix(".json") {
                if (info.st_mode & S_IFMT) == S_IFREG, name == onChainFileName {
                    onChain.append(path)
                } else if (info.st_mode & S_IFMT) == S_IFREG, name.hasSuffix(".json") {
                    out.append(path)
                } else {
                    skipped.append("\(path): not read: " + ((info.st_mode & S_IFMT) == S_IFLNK ? "a symbolic link" : "not a regular *.json file"))
                }
            }
        }
        return out
    }
}
