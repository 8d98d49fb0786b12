import Foundation
import Testing

/// A command killed with SIGKILL at a random moment, again and again.
struct KillScenario: Sendable, CustomTestStringConvertible {
    let name: String
    /// The file the command writes.
    let target: String
    /// A template file that stands for the previous version of the target (replaced with --force).
    let previous: String
    /// Whether the previous version is always present (sign) or only on odd rounds (--force).
    let alwaysPrevious: Bool
    let arguments: @Sendable (_ world: World, _ force: Bool) -> [String]
    /// The `type` a complete new target has, and the exit codes `verify` may give it alone.
    let type: String
    let verifyStatuses: Set<Int32>
    var testDescription: String { name }

    static let all: [KillScenario] = [
        KillScenario(name: "sign", target: "doc.json", previous: "unsigned.json", alwaysPrevious: true,
                     arguments: { _, _ in ["sign", "doc.json", "--key", "keys/ed.pem"] }, type: "blessing", verifyStatuses: [0]),
        KillScenario(name: "new blessing (48 MiB artifact)", target: "new.json", previous: "plain.json", alwaysPrevious: false,
                     arguments: { world, force in
                         ["new", "blessing", "--chain", "cosmos:agoric-3", "--title", "Big", "--summary", "S",
                          "--repository", "https://example.org/r", "--commit", world.commit, "--artifact", world.bigArtifact,
                          "--sha512", "--out", "new.json"] + (force ? ["--force"] : [])
                     },
                     type: "blessing", verifyStatuses: [1]),  // unsigned: the signature check fails
        KillScenario(name: "reveal", target: "r.json", previous: "plain.json", alwaysPrevious: false,
                     arguments: { _, force in
                         ["reveal", "blessing.json", "--source", "repo", "--rollout-completed", World.rolloutCompleted,
                          "--disclosed", World.disclosed, "--out", "r.json"] + (force ? ["--force"] : [])
                     },
                     type: "reveal", verifyStatuses: [1]),  // unsigned
        KillScenario(name: "attest", target: "a.json", previous: "plain.json", alwaysPrevious: false,
                     arguments: { _, force in
                         ["attest", "blessing.json", "--source", "repo", "--key", "keys/ed.pem", "--builder", "killed rebuilder",
                          "--quiet", "--out", "a.json"] + (force ? ["--force"] : [])
                     },
                     type: "attestation", verifyStatuses: [0]),
    ]
}

/// SIGKILL at random moments (0–50 ms after start, or up to 1.2 × an uninterrupted run when that
/// is longer) of the commands that write files: the
/// target is always absent, the previous version, or a complete valid new document.
/// Temporary files `.NAME.tmp-*` (and rebuild folders under TMPDIR) may remain; they are
/// counted and removed, and SECURITY.md says so.
@Suite("No data lost: SIGKILL at random moments", .serialized)
struct KillTests {
    static let rounds = 20

    @Test("the target is absent, the old file, or a complete new document", arguments: KillScenario.all)
    func killAtRandom(_ scenario: KillScenario) throws {
        let world = try World.get()
        let workspace = try Workspace(copying: world.template)
        let previous = try workspace.read(scenario.previous)
        // Kill at 0–50 ms, and across the whole run when an uninterrupted run takes longer, so
        // that kills land in every phase: reading, hashing, signing, writing, renaming.
        let baseline = try Self.uninterruptedSeconds(scenario, world: world, workspace: workspace, previous: previous)
        let latest = max(50_000, UInt32(baseline * 1.2e6))
        var killed = 0, completed = 0, leftovers = 0
        for round in 0..<Self.rounds {
            let hasPrevious = scenario.alwaysPrevious || round % 2 == 1
            if workspace.exists(scenario.target) { try workspace.remove(scenario.target) }
            if hasPrevious { try workspace.write(scenario.target, previous) }

            let process = try Govseal.start(scenario.arguments(world, hasPrevious && !scenario.alwaysPrevious), in: workspace.path)
            usleep(UInt32.random(in: 0...latest))
            process.killNow()
            let result = process.wait(timeout: 60)
            if result.signaled { killed += 1 } else { completed += 1 }
            if !result.signaled {
                #expect(result.status == 0, "round \(round) ended by itself with a failure: \(result.summary)")
            }

            let outcome = try Self.judge(scenario, workspace: workspace, previous: hasPrevious ? previous : nil)
            #expect(outcome == nil, "round \(round) (\(result.signaled ? "killed" : "completed") after \(result.seconds) s): \(outcome ?? "")")
            if !result.signaled {
                #expect(workspace.exists(scenario.target), "round \(round): a completed run must leave its target")
            }
            leftovers += try Self.removeLeftovers(workspace)
        }
        #expect(killed > 0, "no run was interrupted in \(Self.rounds) rounds, so this test proved nothing")
        if ProcessInfo.processInfo.environment["GOVSEAL_SHOW_ERRORS"] != nil {
            print("[\(scenario.name)] baseline \(baseline) s; killed \(killed), completed \(completed), leftover temporary entries \(leftovers)")
        }
    }

    /// How long one run takes when nothing interrupts it (it must succeed and be judged sound).
    static func uninterruptedSeconds(_ scenario: KillScenario, world: World, workspace: Workspace, previous: [UInt8]) throws -> Double {
        if workspace.exists(scenario.target) { try workspace.remove(scenario.target) }
        if scenario.alwaysPrevious { try workspace.write(scenario.target, previous) }
        let result = try workspace.govseal(scenario.arguments(world, false), timeout: 60)
        guard result.status == 0 else { throw SetupError("uninterrupted run failed: \(result.summary)") }
        if let problem = try judge(scenario, workspace: workspace, previous: nil) { throw SetupError(problem) }
        return result.seconds
    }

    /// Nil when the target is acceptable, else what is wrong with it.
    static func judge(_ scenario: KillScenario, workspace: Workspace, previous: [UInt8]?) throws -> String? {
        guard workspace.exists(scenario.target) else {
            return previous == nil ? nil : "the previous \(scenario.target) disappeared"
        }
        let bytes = try workspace.read(scenario.target)
        if let previous, bytes == previous { return nil }
        let object: [String: Any]
        do {
            object = try Documents.object(bytes)
        } catch {
            return "\(scenario.target) is neither the old file nor a complete document (\(bytes.count) bytes): \(error)"
        }
        guard object["type"] as? String == scenario.type else { return "\(scenario.target) has type \(object["type"] ?? "none")" }
        // A reveal or attestation is verified against its blessing (alone it proves nothing).
        let withBlessing = ["reveal", "attestation"].contains(scenario.type) ? ["--proposal", "blessing.json"] : []
        let verify = try workspace.govseal(["verify", scenario.target] + withBlessing)
        guard scenario.verifyStatuses.contains(verify.status), verify.stderr.isEmpty else {
            return "verify of the new \(scenario.target): \(verify.summary)"
        }
        if scenario.name == "sign" {
            let signatures = try Documents.signatureKeyIDs(bytes)
            guard signatures.count == 1 else { return "\(signatures.count) signatures after one sign" }
        }
        return nil
    }

    /// Removes `.NAME.tmp-*` files and rebuild folders left by a killed run; returns how many.
    static func removeLeftovers(_ workspace: Workspace) throws -> Int {
        var removed = 0
        for name in try workspace.snapshot().temporaryFiles {
            try workspace.remove(name)
            removed += 1
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: workspace.url(".test-tmp")) {
            // After govseal is SIGKILLed its sandboxed build dies with it (--die-with-parent), but
            // asynchronously: for a moment it may still write into the folder being removed.
            var attempt = 0
            while true {
                do {
                    try workspace.remove(".test-tmp/" + name)
                    break
                } catch where attempt < 50 {
                    attempt += 1
                    usleep(100_000)
                }
            }
            removed += 1
        }
        return removed
    }
}
