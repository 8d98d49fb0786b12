import GovSealDocuments
import GovSealJSON
import GovSealSource

extension RebuildReport {
    /// One line per artifact (match, or expected vs got, with differing archive members); the
    /// build's own output and names from the blessing are escaped (`TerminalText`).
    var lines: [String] {
        var out = ["rebuild of commit \(commit) (tree \(tree))"]
        if timedOut {
            out.append("  [FAIL] build: timed out after \(Int(durationSeconds))s")
        } else if exitStatus != 0 {
            out.append("  [FAIL] build: exit status \(exitStatus.map(String.init) ?? "unknown")")
        } else {
            out.append("  [ok] build: finished in \(String(Int(durationSeconds * 10) / 10))s")
        }
        out.append("  isolation: \(isolation == .bubblewrap ? "bubblewrap sandbox" : "none (--no-sandbox)")")
        for artifact in artifacts {
            switch artifact.outcome {
            case .match:
                out.append("  [ok] \(artifact.name): matches (\(artifact.outputPath))")
            case .mismatch(let expected, let got, let sizeExpected, let sizeGot, let differences):
                out.append("  [FAIL] \(artifact.name): expected sha256 \(expected) (\(sizeExpected) bytes), got \(got) (\(sizeGot) bytes)")
                out += MemberDifferenceText.lines(differences, reference: "published", indent: "      ")
            case .missing(let path):
                out.append("  [FAIL] \(artifact.name): output \(path) was not produced")
            case .unsafePath(let reason):
                out.append("  [FAIL] \(artifact.name): refused: \(reason)")
            }
        }
        if let dir = workDirectory { out.append("  kept build folder: \(dir)") }
        if !allMatch, !logTail.isEmpty {
            out.append("  last lines of the build output:")
            out += logTail.split(separator: "\n", omittingEmptySubsequences: false).suffix(20).map { "    \($0)" }
        }
        out.append(allMatch ? "  REPRODUCED" : "  NOT REPRODUCED")
        return out.map(TerminalText.escape)
    }

    var json: JSONValue {
        var o = JSONObject([
            ("commit", .string(commit)), ("tree", .string(tree)), ("command", .string(command)),
            ("reproduced", .bool(allMatch)), ("timed_out", .bool(timedOut)), ("isolation", .string(isolation.rawValue)),
        ])
        o["exit_status"] = exitStatus.map { .integer(Int64($0)) } ?? .null
        o["artifacts"] = .array(artifacts.map { a in
            var e = JSONObject([("name", .string(a.name)), ("output", .string(a.outputPath))])
            switch a.outcome {
            case .match:
                e["result"] = .string("match")
            case .mismatch(let expected, let got, let sizeExpected, let sizeGot, let differences):
                e["result"] = .string("mismatch")
                e["expected_sha256"] = .string(expected)
                e["got_sha256"] = .string(got)
                e["expected_size"] = .integer(Int64(sizeExpected))
                e["got_size"] = .integer(Int64(sizeGot))
                e["differences"] = MemberDifferenceText.json(differences, reference: "published")
            case .missing(let path):
                e["result"] = .string("missing")
                e["detail"] = .string(path)
            case .unsafePath(let reason):
                e["result"] = .string("refused")
                e["detail"] = .string(reason)
            }
            return .object(e)
        })
        if let dir = workDirectory { o["work_directory"] = .string(dir) }
        return .object(o)
    }
}
