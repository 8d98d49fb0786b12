import ArgumentParser
import Foundation
import GovSealCrypto
import GovSealEncoding
import GovSealJSON

/// `govseal hash FILE... [--sha512] [--json]`: file digests in one streaming read per file.
struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print the SHA-256 digest of each file, exactly as sha256sum prints it.",
        discussion: """
            Each line is "<sha256 hex>  <name>", so `sha256sum -c` checks the output. With --sha512 the \
            lines carry SHA-512 digests instead (for `sha512sum -c`). With --json, one object \
            {"files": [{"name", "size", "sha256", "sha512"?}]} is printed. Every file is read once, \
            in 4 MiB blocks, whatever its size; several files are hashed in parallel, up to one per core. \
            When stderr is a terminal and the files add up to 256 MiB or more, a progress bar is drawn there \
            (never with --json). An unreadable file is an error (exit 2).
            """
    )

    @Argument(help: "The files to hash.")
    var files: [String]

    @Flag(help: "Also compute SHA-512; text output then prints SHA-512 lines (sha512sum format).")
    var sha512 = false

    @Flag(help: "Print one JSON object instead of lines.")
    var json = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one FILE to hash") }
    }

    func run() throws {
        let algorithms: [DigestAlgorithm] = sha512 ? [.sha256, .sha512] : [.sha256]
        // Files are hashed in parallel (one per core); results come back in argument order.
        let bar = json ? nil : ProgressBar.forFiles(files)
        var progress: (@Sendable (UInt64) -> Void)?
        if let bar { progress = { bar.update($0) } }
        let results = FileHasher.hashEach(paths: files, algorithms: algorithms, progress: progress)
        bar?.finish()
        var entries: [JSONValue] = []
        for (file, outcome) in zip(files, results) {
            let result = try Self.digests(outcome, of: file)
            if json {
                var members: [(String, JSONValue)] = [("name", .string(file)), ("size", .integer(Int64(result.size)))]
                for algorithm in algorithms {
                    members.append((algorithm.rawValue, .string(Hex.encode(result.digests[algorithm] ?? []))))
                }
                entries.append(.object(JSONObject(members)))
            } else {
                print(Self.checksumLine(digest: result.digests[sha512 ? .sha512 : .sha256] ?? [], name: file))
            }
        }
        if json {
            let report = JSONValue.object(JSONObject([("files", .array(entries))]))
            print(String(decoding: JSONWriter.pretty(report), as: UTF8.self), terminator: "")
        }
    }

    /// The digests of one file, or its error naming the file once (exit 2).
    static func digests(_ outcome: Result<FileDigests, any Error>, of file: String) throws -> FileDigests {
        do {
            return try outcome.get()
        } catch let error as CryptoError {
            throw InputError(file: file, error.reason.removingMention(of: file))
        }
    }

    /// A line as coreutils' sha256sum prints it: a name holding `\`, LF or CR is escaped and
    /// the line starts with `\`.
    static func checksumLine(digest: [UInt8], name: String) -> String {
        guard name.contains(where: { $0 == "\\" || $0 == "\n" || $0 == "\r" }) else {
            return "\(Hex.encode(digest))  \(name)"
        }
        var escaped = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\\\(Hex.encode(digest))  \(escaped)"
    }
}

extension String {
    /// The message without its mention of `file` (`'file'`), for errors that `InputError`
    /// already attributes to the file.
    func removingMention(of file: String) -> String {
        replacingOccurrences(of: " '\(file)'", with: "").replacingOccurrences(of: "'\(file)' ", with: "")
    }
}
