#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Compares one declared build output with its expected size and digests.
enum ArtifactCheck {
    /// The outcome for `artifact` built under `sourceRoot`. The output path is checked with
    /// `OutputPath.resolve` before anything is opened. Throws `.timeout` when `deadline` passes
    /// while hashing; archive members are compared only while time remains.
    static func check(_ artifact: ExpectedArtifact, sourceRoot: String, referenceFolder: String?,
                      deadline: ContinuousClock.Instant? = nil) throws -> ArtifactResult {
        func result(_ outcome: ArtifactOutcome) -> ArtifactResult {
            ArtifactResult(name: artifact.name, outputPath: artifact.outputPath, outcome: outcome)
        }
        let path: String
        let digest: FileDigest
        do {
            path = try OutputPath.resolve(artifact.outputPath, within: sourceRoot)
            digest = try FileDigest.of(path: path, includeSHA512: artifact.sha512 != nil, deadline: deadline)
        } catch let error as SourceError where error.code == .unsafePath {
            return result(.unsafePath(reason: error.reason))
        } catch let error as SourceError where error.code == .missingOutput {
            return result(.missing(path: artifact.outputPath))
        }
        if digest.size == artifact.size && digest.sha256 == artifact.sha256 && (artifact.sha512 == nil || digest.sha512 == artifact.sha512) {
            return result(.match)
        }
        let timeLeft = deadline.map { ContinuousClock.now < $0 } ?? true
        let differences = timeLeft ? referencePath(for: artifact.name, in: referenceFolder).map { memberDifferences(reference: $0, rebuilt: path) } ?? [] : []
        return result(.mismatch(expected: artifact.sha256, got: digest.sha256, sizeExpected: artifact.size, sizeGot: digest.size,
                                differences: differences))
    }

    /// The published artifact `name` inside `folder`, when it is a plain file name of a regular file there.
    static func referencePath(for name: String, in folder: String?) -> String? {
        guard let folder, !name.isEmpty, name != ".", name != "..", !name.contains("/"), !POSIX.containsNUL(name) else { return nil }
        let path = folder + "/" + name
        var info = stat()
        guard stat(path, &info) == 0, POSIX.isRegular(info) else { return nil }
        return path
    }

    /// The tar members that differ between two archives; empty when either is not a readable tar.
    static func memberDifferences(reference: String, rebuilt: String) -> [MemberDifference] {
        guard let published = try? TarArchive.members(path: reference), let ours = try? TarArchive.members(path: rebuilt) else { return [] }
        return differences(reference: published, rebuilt: ours)
    }

    /// Member-by-member comparison by path (a later member of the same path wins, as on extraction).
    static func differences(reference: [TarArchive.Member], rebuilt: [TarArchive.Member]) -> [MemberDifference] {
        var left: [String: (size: UInt64, sha256: String)] = [:]
        var right: [String: (size: UInt64, sha256: String)] = [:]
        for member in reference { left[member.path] = (member.size, member.sha256) }
        for member in rebuilt { right[member.path] = (member.size, member.sha256) }
        return Set(left.keys).union(right.keys).sorted().compactMap { path in
            let a = left[path]
            let b = right[path]
            if let a, let b, a.size == b.size, a.sha256 == b.sha256 { return nil }
            return MemberDifference(path: path, reference: a, rebuilt: b)
        }
    }
}
