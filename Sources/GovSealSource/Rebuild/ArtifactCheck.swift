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
        let differences = timeLeft ? referencePath(for: artifact.name, in: referenceFolder).map { memberDifferences(reference: $0, rebuilt: path, name: artifact.name, deadline: deadline) } ?? [] : []
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

    /// What differs between the published artifact and the rebuilt one (`ArchiveComparison`);
    /// empty when the comparison cannot finish (time limit, unreadable file).
    static func memberDifferences(reference: String, rebuilt: String, name: String,
                                  deadline: ContinuousClock.Instant?) -> [MemberDifference] {
        (try? ArchiveComparison.compare(reference: reference, rebuilt: rebuilt, name: name, deadline: deadline)) ?? []
    }
}
