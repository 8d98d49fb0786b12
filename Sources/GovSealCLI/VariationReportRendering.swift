import GovSealDocuments
import GovSealJSON
import GovSealSource

extension VariationReport {
    /// The `rebuild --vary` report: builds, then per artifact whether it is reproducible and, if
    /// not, which variations change it and what differs. Build output and names are escaped.
    var lines: [String] {
        var out = ["reproducibility of commit \(commit) (tree \(tree)): \(builds.count) builds, \(parallelism) at a time, "
                   + "\(Int(wallSeconds.rounded())) s"]
        for build in builds {
            let status = build.succeeded ? "[ok]" : "[FAIL]"
            let how = build.timedOut ? "timed out" : build.exitStatus.map { $0 == 0 ? "finished" : "exit status \($0)" } ?? "did not run"
            out.append("  \(status) build \(build.name): \(how) in \(String(format1: build.durationSeconds))s")
        }
        for variation in unavailable {
            out.append("  [FAIL] variation \(variation.variation.rawValue) unavailable here: \(variation.reason)")
        }
        for artifact in artifacts {
            if let missing = artifact.controlMissing {
                out.append("  [FAIL] \(artifact.name): no control output: \(missing)")
                continue
            }
            let blessed = artifact.matchesBlessing ? "matches the blessing" : "differs from the blessing's digest"
            if artifact.reproducible {
                out.append("  [ok] \(artifact.name): reproducible under every variation that ran (\(blessed))")
                continue
            }
            let causes = artifact.variesWith.map(\.variation.rawValue)
            var summary = "  [FAIL] \(artifact.name): NOT reproducible"
            if artifact.nonDeterministic { summary += "; differs between two control builds (non-determinism no variation explains)" }
            if !causes.isEmpty { summary += "; varies with: " + causes.joined(separator: ", ") }
            out.append(summary + " (\(blessed))")
            if artifact.nonDeterministic {
                out.append("    control-1 vs control-2:")
                out += MemberDifferenceText.lines(artifact.controlDifferences, reference: "control", indent: "      ")
            }
            for effect in artifact.variesWith {
                if let missing = effect.missing {
                    out.append("    \(effect.variation.rawValue): \(missing)")
                } else {
                    out.append("    \(effect.variation.rawValue):")
                    out += MemberDifferenceText.lines(effect.differences, reference: "control", indent: "      ")
                }
            }
        }
        for build in builds where !build.succeeded && !build.logTail.isEmpty {
            out.append("  last lines of the \(build.name) build:")
            out += build.logTail.split(separator: "\n", omittingEmptySubsequences: false).suffix(10).map { "    \($0)" }
        }
        if let dir = workDirectory { out.append("  kept build folder: \(dir)") }
        out.append(allReproducible ? "  REPRODUCIBLE" : "  NOT REPRODUCIBLE")
        return out.map(TerminalText.escape)
    }

    var json: JSONValue {
        var o = JSONObject([
            ("commit", .string(commit)), ("tree", .string(tree)), ("command", .string(command)),
            ("reproducible", .bool(allReproducible)), ("isolation", .string(BuildIsolation.bubblewrap.rawValue)),
            ("variations", .array(selected.map { .string($0.rawValue) })),
            ("parallelism", .integer(Int64(parallelism))), ("wall_seconds", .integer(Int64(wallSeconds.rounded()))),
        ])
        o["unavailable"] = .array(unavailable.map {
            .object(JSONObject([("variation", .string($0.variation.rawValue)), ("reason", .string($0.reason))]))
        })
        o["builds"] = .array(builds.map { b in
            var e = JSONObject([("name", .string(b.name)), ("succeeded", .bool(b.succeeded)), ("timed_out", .bool(b.timedOut)),
                                ("milliseconds", .integer(Int64((b.durationSeconds * 1000).rounded())))])
            e["exit_status"] = b.exitStatus.map { .integer(Int64($0)) } ?? .null
            return .object(e)
        })
        o["artifacts"] = .array(artifacts.map { a in
            var e = JSONObject([("name", .string(a.name)), ("output", .string(a.outputPath)), ("reproducible", .bool(a.reproducible)),
                                ("non_deterministic", .bool(a.nonDeterministic)), ("matches_blessing", .bool(a.matchesBlessing)),
                                ("varies_with", .array(a.variesWith.map { .string($0.variation.rawValue) }))])
            e["control_sha256"] = a.controlSHA256.map { .string($0) } ?? .null
            if let missing = a.controlMissing { e["control_missing"] = .string(missing) }
            e["control_differences"] = MemberDifferenceText.json(a.controlDifferences, reference: "control")
            e["differences"] = .object(JSONObject(a.variesWith.map { effect in
                (effect.variation.rawValue, effect.missing.map { .object(JSONObject([("missing", .string($0))])) }
                    ?? MemberDifferenceText.json(effect.differences, reference: "control"))
            }))
            return .object(e)
        })
        if let dir = workDirectory { o["work_directory"] = .string(dir) }
        return .object(o)
    }
}

private extension String {
    /// One decimal place.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }
}
