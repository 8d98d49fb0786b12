import Foundation

/// Bad input to `rebuild`, `attest`, `export`, `status`, `hash`, `tree-hash`, and bad
/// command lines in general.
enum ToolCases {
    static var all: [BadInput] { rebuild + export + other }

    static var rebuild: [BadInput] {
        [
            BadInput("rebuild: --source absent", ["rebuild", "blessing.json", "--source", "absent", "--quiet"], exit: 2,
                     mentions: ["absent"]),
            BadInput("rebuild: --source not a git repository", ["rebuild", "blessing.json", "--source", "artifacts", "--quiet"],
                     exit: 2, mentions: ["artifacts"]),
            BadInput("rebuild: a nomination", ["rebuild", "nomination.json", "--source", "repo", "--quiet"], exit: 2,
                     mentions: ["nomination.json", "not a blessing"]),
            BadInput("rebuild: a blessing without recipe", ["rebuild", "plain.json", "--source", "repo", "--quiet"], exit: 2,
                     mentions: ["plain.json", "body.release.build"]),
            .document("rebuild: malformed blessing", replacing: "\"govseal\": 1,", with: "\"govseal\": 1, \"govseal\": 1,",
                      command: ["rebuild", "--source", "repo", "--quiet"], mentions: ["duplicate"]),
            BadInput("rebuild: --timeout not a number", ["rebuild", "blessing.json", "--source", "repo", "--timeout", "soon"],
                     exit: 64, mentions: ["--timeout"]),
            BadInput("attest: without --builder", ["attest", "blessing.json", "--source", "repo", "--key", "keys/ed.pem",
                                                   "--out", "a.json"], exit: 64, mentions: ["--builder"]),
            BadInput("attest: --out exists", ["attest", "blessing.json", "--source", "repo", "--key", "keys/ed.pem",
                                              "--builder", "b", "--quiet", "--out", "attestation.json"],
                     exit: 2, mentions: ["attestation.json", "--force"], stdoutAllowed: true),
            BadInput("attest: public key only", ["attest", "blessing.json", "--source", "repo", "--key", "keys/pub.pem",
                                                 "--builder", "b", "--quiet", "--out", "a.json"],
                     exit: 2, mentions: ["keys/pub.pem"]),
        ]
    }

    static var export: [BadInput] {
        let cosmos = ["export", "cosmos", "--deposit", "10uatom", "--height", "100"]
        return [
            BadInput("export dsse: not JSON", ["export", "dsse", "artifacts/app"], exit: 2, mentions: ["artifacts/app"]),
            BadInput("export ic-admin: a Cosmos blessing", ["export", "ic-admin", "blessing.json"], exit: 2,
                     mentions: ["blessing.json", "body.chain"]),
            BadInput("export cosmos: a NEAR blessing", cosmos + ["near-blessing.json"], exit: 2,
                     mentions: ["near-blessing.json", "chain"]),
            BadInput("export sha256sums: a nomination", ["export", "sha256sums", "nomination.json"], exit: 2,
                     mentions: ["nomination.json", "blessing"]),
            BadInput("export cosmos: malformed --bech32-prefix", cosmos + ["blessing.json", "--platform", "app=linux/amd64", "--bech32-prefix", "Bad Prefix"],
                     exit: 64, mentions: ["prefix"]),
            BadInput("export cosmos: --platform without =", cosmos + ["blessing.json", "--platform", "linux/amd64"], exit: 64,
                     mentions: ["--platform"]),
            BadInput("export cosmos: without --deposit", ["export", "cosmos", "blessing.json"], exit: 64, mentions: ["--deposit"]),
            BadInput("export dsse: --out exists", ["export", "dsse", "blessing.json", "--out", "plain.json"], exit: 2,
                     mentions: ["plain.json", "--force"]),
            BadInput("export: unknown format", ["export", "pdf", "blessing.json"], exit: 64, mentions: ["pdf"]),
        ]
    }

    static var other: [BadInput] {
        [
            BadInput("status: folder absent", ["status", "absent"], exit: 2, mentions: ["absent"]),
            BadInput("status: folder holding a malformed document", ["status", "docs"], exit: 2, mentions: ["docs/bad.json"],
                     stdoutAllowed: true) {
                try $0.mkdir("docs")
                try $0.write("docs/bad.json", "{\"govseal\": 1, \"type\": \"blessing\"")
            },
            BadInput("status --at not a time", ["status", ".", "--at", "now"], exit: 64, mentions: ["--at"]),
            BadInput("hash: absent file", ["hash", "absent.bin"], exit: 2, mentions: ["absent.bin"]),
            BadInput("hash: a folder", ["hash", "artifacts"], exit: 2, mentions: ["artifacts"]),
            BadInput("tree-hash: a file", ["tree-hash", "artifacts/app"], exit: 2, mentions: ["artifacts/app"]),
            BadInput("tree-hash: absent folder", ["tree-hash", "absent"], exit: 2, mentions: ["absent"]),
            BadInput("tree-hash --object-format unknown", ["tree-hash", "repo", "--object-format", "md5"], exit: 64,
                     mentions: ["--object-format", "md5"]),
            BadInput("unknown command", ["frobnicate"], exit: 64, mentions: ["frobnicate"]),
        ]
    }
}
