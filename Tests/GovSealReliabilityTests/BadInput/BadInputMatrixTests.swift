import Foundation
import Testing

/// Every bad input through the real binary: the contract's exit code, exactly one line on
/// stderr naming the file (and the JSON path or option), never a crash, and not one byte of the
/// workspace changed, no temporary file left behind.
@Suite("Bad input matrix")
struct BadInputMatrixTests {
    @Test("bad input is refused cleanly", arguments: BadInput.all)
    func refused(_ input: BadInput) throws {
        let workspace = try Workspace(copying: try World.get().template)
        try input.prepare(workspace)
        let before = try workspace.snapshot()

        let result = try workspace.govseal(input.arguments, timeout: 60)

        #expect(!result.signaled && !result.timedOut, "\(result.summary)")
        #expect(result.status == input.exit, "\(result.summary)")
        #expect(result.stderrLines.count == 1, "stderr must be one line: \(result.summary)")
        let line = String(result.stderrLines.first ?? "")
        if ProcessInfo.processInfo.environment["GOVSEAL_SHOW_ERRORS"] != nil {
            print("[\(input.name)] exit \(result.status): \(line)")  // to review the wording of every message
        }
        #expect(line.hasPrefix("govseal: "), "\(line)")
        for mention in input.mentions {
            #expect(line.contains(mention), "stderr should mention \(mention): \(line)")
        }
        #expect(CrashMarkers.found(in: result.allOutput).isEmpty, "\(result.summary)")
        if !input.stdoutAllowed {
            #expect(result.stdout.isEmpty, "nothing on stdout for bad input: \(result.stdout.prefix(300))")
        }

        let after = try workspace.snapshot()
        #expect(before.differences(to: after).isEmpty, "files changed: \(before.differences(to: after))")
        #expect(after.temporaryFiles.isEmpty, "temporary files left: \(after.temporaryFiles)")
    }

    @Test("the matrix has at least 60 named cases, all distinct")
    func matrixSize() {
        let names = BadInput.all.map(\.name)
        #expect(names.count >= 60)
        #expect(Set(names).count == names.count, "duplicate case names")
    }
}
