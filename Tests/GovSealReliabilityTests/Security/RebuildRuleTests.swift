import Foundation
import Testing

/// Rebuild rules end to end: build outputs that escape the source through symbolic links are
/// refused (even when the file outside would match), and a build that runs too long is killed
/// with its whole process group.
@Suite("Security rules: rebuild")
struct RebuildRuleTests {
    /// A blessing of `artifacts/app` whose recipe (`true`) leaves `output`, in a repository with
    /// the given symbolic links; `outside/app` (next to the repository) holds the blessed bytes.
    static func escapingWorkspace(output: String, symlinks: (String) -> [String: String]) throws -> Workspace {
        let workspace = try Workspace(copying: try World.get().template)
        try workspace.write("outside/app", try workspace.read("artifacts/app"))
        try World.makeRepository(workspace.url("escape-repo"), files: ["README": "nothing to build\n"],
                                 symlinks: symlinks(workspace.path))
        let made = try workspace.govseal(["new", "blessing", "--chain", "cosmos:agoric-3", "--title", "T", "--summary", "S",
                                          "--repository", "https://example.org/r", "--repo", "escape-repo", "--commit", "HEAD",
                                          "--artifact", "artifacts/app", "--build-command", "true", "--output", "app=\(output)",
                                          "--out", "escape.json"])
        guard made.status == 0 else { throw SetupError("new blessing failed: \(made.summary)") }
        return workspace
    }

    @Test("an output path that resolves through a symbolic link to outside the source is refused",
          arguments: ["absolute link", "relative link", "link to a link", "link to a parent folder"])
    func escapingSymlink(_ kind: String) throws {
        let (output, links): (String, (String) -> [String: String]) = switch kind {
        case "absolute link": ("escape/app", { ["escape": $0 + "/outside"] })
        case "relative link": ("escape/app", { _ in ["escape": "../../../../outside"] })
        case "link to a link": ("first/app", { ["first": "second", "second": $0 + "/outside"] })
        default: ("up/outside/app", { _ in ["up": ".."] })
        }
        let workspace = try Self.escapingWorkspace(output: output, symlinks: links)
        let result = try workspace.govseal(["rebuild", "escape.json", "--source", "escape-repo", "--quiet"])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.stdout.contains("refused"), "\(result.stdout)")
        #expect(!result.stdout.contains("REPRODUCED\n") || result.stdout.contains("NOT REPRODUCED"), "\(result.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.url(".test-tmp")).isEmpty,
                "the rebuild folder is removed")
    }

    @Test("a symbolic link that stays inside the source is followed (control)")
    func insideSymlink() throws {
        let workspace = try Workspace(copying: try World.get().template)
        try World.makeRepository(workspace.url("inside-repo"), files: ["dist/app": "hello from the release\n"],
                                 symlinks: ["current": "dist"])
        let made = try workspace.govseal(["new", "blessing", "--chain", "cosmos:agoric-3", "--title", "T", "--summary", "S",
                                          "--repository", "https://example.org/r", "--repo", "inside-repo", "--commit", "HEAD",
                                          "--artifact", "artifacts/app", "--build-command", "true", "--output", "app=current/app",
                                          "--out", "inside.json"])
        #expect(made.status == 0, "\(made.summary)")
        let result = try workspace.govseal(["rebuild", "inside.json", "--source", "inside-repo", "--quiet"])
        #expect(result.status == 0, "\(result.summary)")
    }

    @Test("rebuild --timeout 2 kills a 60 s build: exit 1 well under 60 s, nothing left running")
    func timeout() throws {
        let workspace = try Workspace(copying: try World.get().template)
        try World.makeRepository(workspace.url("slow-repo"), files: [
            "build.sh": "sleep 60 & sleep 60\nmkdir -p out && echo late > out/app\n",
        ])
        let made = try workspace.govseal(["new", "blessing", "--chain", "cosmos:agoric-3", "--title", "T", "--summary", "S",
                                          "--repository", "https://example.org/r", "--repo", "slow-repo", "--commit", "HEAD",
                                          "--artifact", "artifacts/app", "--build-command", "sh build.sh", "--output", "app=out/app",
                                          "--out", "slow.json"])
        #expect(made.status == 0, "\(made.summary)")
        let result = try workspace.govseal(["rebuild", "slow.json", "--source", "slow-repo", "--timeout", "2", "--quiet"], timeout: 55)
        #expect(!result.timedOut, "govseal itself outlived 55 s")
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.seconds < 20, "took \(result.seconds) s")
        #expect(result.stdout.contains("timed out"), "\(result.stdout)")
        #expect(Self.processes(under: workspace.path).isEmpty, "processes left running in the workspace")
    }

    /// The ids of processes whose working folder is inside `folder` (from /proc).
    static func processes(under folder: String) -> [String] {
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return ids.filter { id in
            guard id.allSatisfy(\.isNumber),
                  let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(id)/cwd") else { return false }
            return cwd.hasPrefix(folder + "/")
        }
    }
}
