import GovSealFiles
import GovSealSource
#if canImport(Glibc)
import Glibc
#endif

/// The demo's temporary folder: the private and public repositories, the build, the documents.
final class DemoWorkspace {
    let root: String
    private let git: String
    private let environment: [String: String]

    init() throws {
        var template = Array("/tmp/govseal-demo-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw DemoError("cannot create a temporary folder") }
        root = String(cString: made)
        guard let git = Subprocess.findExecutable("git", searchPath: "/usr/local/bin:/usr/bin:/bin") else {
            throw DemoError("git is not installed (apt-get install git)")
        }
        self.git = git
        // Fixed identity and dates, and no user or system configuration: the same ids everywhere.
        environment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": root, "LC_ALL": "C", "TZ": "UTC",
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_AUTHOR_NAME": DemoExample.author.name, "GIT_AUTHOR_EMAIL": DemoExample.author.email,
            "GIT_COMMITTER_NAME": DemoExample.author.name, "GIT_COMMITTER_EMAIL": DemoExample.author.email,
            "GIT_AUTHOR_DATE": DemoExample.commitDate, "GIT_COMMITTER_DATE": DemoExample.commitDate,
        ]
    }

    func remove() {
        _ = try? Subprocess(executable: "/bin/rm", arguments: ["-rf", "--", root], environment: environment).run()
    }

    func run(_ arguments: [String], in directory: String? = nil) throws {
        var process = Subprocess(executable: git, arguments: arguments, environment: environment, workingDirectory: directory)
        process.timeout = .seconds(120)
        let result = try process.run()
        guard result.succeeded else {
            throw DemoError("git \(arguments.first ?? "") failed: \(result.errorText)")
        }
    }

    /// Writes the example tree and commits it with the fixed identity and dates.
    func makeRepository(named name: String, tamper: Bool = false) throws -> GitRepository {
        let dir = "\(root)/\(name)"
        try run(["-c", "init.defaultBranch=main", "init", "-q", dir])
        for file in DemoExample.files {
            let path = "\(dir)/\(file.path)"
            try makeParents(of: path)
            var bytes = Array(file.content.utf8)
            if tamper, file.path == DemoExample.tamperedFile, let i = bytes.firstIndex(of: UInt8(ascii: "1")) {
                bytes[i] = UInt8(ascii: "9")  // MAX_VOTE_EXTENSION_BYTES=1048576 → 9048576
            }
            try AtomicFile.write(bytes, to: path, mode: file.executable ? 0o755 : 0o644)
        }
        try commitAll(in: dir, message: DemoExample.commitMessage)
        return try GitRepository(path: dir)
    }

    func commitAll(in dir: String, message: String) throws {
        try run(["-c", "core.autocrlf=false", "-c", "core.fileMode=true", "add", "-A"], in: dir)
        try run(["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", message], in: dir)
    }

    /// Builds the release from an export of the commit, as the foundation does privately, and
    /// returns the folder holding the artifacts by name.
    func buildRelease(from repository: GitRepository, commit: String) throws -> String {
        let build = "\(root)/release-build"
        let epoch = try SourceRepository(path: repository.path).export(commit: commit, to: build).committerTime
        var process = Subprocess(executable: "/bin/sh", arguments: ["-c", DemoExample.buildCommand],
                                 environment: ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": root, "LC_ALL": "C",
                                               "TZ": "UTC", "SOURCE_DATE_EPOCH": String(epoch)],
                                 workingDirectory: build)
        process.timeout = .seconds(120)
        let result = try process.run()
        guard result.succeeded else { throw DemoError("the example build failed: \(result.errorText)") }
        let artifacts = "\(root)/artifacts"
        guard mkdir(artifacts, 0o755) == 0 else { throw DemoError("cannot create \(artifacts)") }
        for output in DemoExample.outputs {
            let bytes = try AtomicFile.read("\(build)/\(output.path)", limit: 64 << 20)
            try AtomicFile.write(bytes, to: "\(artifacts)/\(output.name)", mode: 0o644)
        }
        return artifacts
    }

    /// The disclosure: a public clone of the private repository.
    func publish(_ repository: GitRepository, as name: String) throws -> GitRepository {
        let dir = "\(root)/\(name)"
        try run(["clone", "-q", "--no-hardlinks", repository.path, dir])
        return try GitRepository(path: dir)
    }

    /// A dishonest disclosure: the same files, author and dates, but one byte of one file
    /// changed, committed as a fresh history (the blessed commit is not in it).
    func publishTampered(as name: String) throws -> GitRepository {
        try makeRepository(named: name, tamper: true)
    }

    private func makeParents(of path: String) throws {
        var components = path.split(separator: "/").dropLast()
        var current = ""
        while !components.isEmpty {
            current += "/" + components.removeFirst()
            if mkdir(current, 0o755) != 0 && errno != EEXIST { throw DemoError("cannot create \(current)") }
        }
    }
}
