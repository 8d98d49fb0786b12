#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The tree a forge's "download archive" of a commit has (issue 15, `archive_tree`).
extension GitRepository {
    /// The git tree id of the folder that `git archive <commit>` produces in this (the author's
    /// own, trusted) repository: `export-ignore` paths left out, `export-subst` placeholders
    /// expanded, end-of-line attributes applied, gitlinks absent. The archive is unpacked with
    /// `tar` into a private temporary folder, hashed with `TreeHash`, and removed.
    ///
    /// Throws `.invalidReference` for an unsafe id, `.gitFailed` when git archive fails,
    /// `.gitMissing` when no `tar` is found, `.malformedArchive` when tar fails.
    public func archiveTreeID(ofCommit id: String, format: GitObjectFormat) throws -> String {
        try GitReference.validate(id)
        let work = try FileTree.makeTemporaryDirectory(in: FileTree.defaultTemporaryParent, prefix: "govseal-archive-")
        defer { try? FileTree.remove(work) }
        let tarFile = work + "/archive.tar", folder = work + "/tree"
        var archive = command(["archive", "--format=tar", "--end-of-options", id])
        archive.standardOutput = .file(tarFile)
        archive.standardError = .capture(limit: 64 << 10)
        try check(try archive.run(), arguments: ["archive", id], failure: .gitFailed, reason: nil)
        guard let tarExecutable = Subprocess.findExecutable("tar", searchPath: Subprocess.inheritedSearchPath) else {
            throw SourceError(.gitMissing, "no tar executable on PATH to unpack git archive")
        }
        guard mkdir(folder, 0o700) == 0 else { throw SourceError(.io, "cannot create \(folder)") }
        var unpack = Subprocess(executable: tarExecutable, arguments: ["-xf", tarFile, "-C", folder, "--no-same-owner"],
                                environment: ["LC_ALL": "C", "PATH": "/usr/bin:/bin"])
        unpack.standardError = .capture(limit: 64 << 10)
        unpack.timeout = commandTimeout
        let result = try unpack.run()
        guard result.succeeded else {
            throw SourceError(.malformedArchive, "tar could not unpack git archive of \(id): \(result.errorText.firstLine)")
        }
        return try TreeHash.compute(directory: folder, format: format)
    }
}
