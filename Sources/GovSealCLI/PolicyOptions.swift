import GovSealDocuments

extension CLI {
    /// Reads a policy document from `path` (bad input, exit 2, when it is not a valid policy).
    static func readPolicy(_ path: String) throws -> PolicyRotation.Version {
        let document = try readDocument(path)
        guard document.type == .policy else { throw InputError(file: path, "is a \(document.type.rawValue), not a policy") }
        return try reading(path) { try PolicyRotation.Version(file: path, document: document) }
    }

    /// `--policy PINNED [--policy-updates DIR]`: the pinned version and every later version in DIR
    /// applied one step at a time. Nil without `--policy`; `--policy-updates` alone is a usage
    /// error. A file in DIR that is unreadable, malformed or not a policy is bad input.
    static func policyRotation(pinned: String?, updates: String?) throws -> PolicyRotation? {
        guard let pinned else {
            if updates != nil { throw UsageError("--policy-updates needs --policy PINNED: the version the updates start from") }
            return nil
        }
        let trusted = try readPolicy(pinned)
        var versions: [PolicyRotation.Version] = []
        if let updates {
            guard isDirectory(updates) else { throw InputError(file: updates, "--policy-updates: not a folder") }
            let set = try reading(updates) { try DocumentSet.load([updates], alternate: dsseReader) }
            if let error = set.errors.first { throw InputError(error) }
            for (file, document) in set.documents {
                guard document.type == .policy else { throw InputError(file: file, "is a \(document.type.rawValue), not a policy (in --policy-updates)") }
                versions.append(try reading(file) { try PolicyRotation.Version(file: file, document: document) })
            }
        }
        return PolicyRotation.apply(pinned: trusted, updates: versions)
    }
}
