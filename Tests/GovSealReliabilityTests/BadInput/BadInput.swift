import Foundation
import Testing

/// One bad input run through the real binary: the command line, how the workspace is prepared
/// (a copy of `World.template`), the exit code it must give (2 bad input, 64 usage) and what
/// its one stderr line must mention (the file, the JSON path or the option).
struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    let arguments: [String]
    let exit: Int32
    let mentions: [String]
    /// Some commands print progress before they fail (attest prints its rebuild report).
    var stdoutAllowed = false
    let prepare: @Sendable (Workspace) throws -> Void

    var testDescription: String { name }

    init(_ name: String, _ arguments: [String], exit: Int32, mentions: [String], stdoutAllowed: Bool = false,
         prepare: @escaping @Sendable (Workspace) throws -> Void = { _ in }) {
        self.name = name
        self.arguments = arguments
        self.exit = exit
        self.mentions = mentions
        self.stdoutAllowed = stdoutAllowed
        self.prepare = prepare
    }

    /// A malformed document `bad.json` made from a template document by one text replacement.
    static func document(_ name: String, from source: String = "blessing.json", replacing old: String, with new: String,
                         command: [String] = ["verify"], mentions: [String]) -> BadInput {
        BadInput(name, command + ["bad.json"], exit: 2, mentions: ["bad.json"] + mentions) {
            try $0.edit(source, to: "bad.json", replacing: old, with: new)
        }
    }

    /// A document `bad.json` with exactly `text` as its content.
    static func rawDocument(_ name: String, _ text: String, command: [String] = ["verify"], mentions: [String] = []) -> BadInput {
        BadInput(name, command + ["bad.json"], exit: 2, mentions: ["bad.json"] + mentions) {
            try $0.write("bad.json", text)
        }
    }

    /// Every case of the matrix.
    static var all: [BadInput] {
        DocumentCases.all + KeyCases.all + AuthoringCases.all + ToolCases.all
    }
}

/// Text that must never appear in any output of govseal.
enum CrashMarkers {
    static let all = ["Fatal error", "Swift runtime failure", "Stack dump", "Backtrace", "Segmentation fault",
                      "Illegal instruction", "SIGSEGV", "SIGILL", "SIGTRAP", "libswiftCore", "💣"]

    /// The markers found in `text`.
    static func found(in text: String) -> [String] { all.filter { text.contains($0) } }
}
