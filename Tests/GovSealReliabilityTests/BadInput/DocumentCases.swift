import Foundation

/// Malformed documents (every strict-reader rule), unreadable paths, and the options of
/// `verify` and `sign` that name files.
enum DocumentCases {
    static var all: [BadInput] { malformed + unreadable + signing + verifyOptions }

    static let title = "\"title\": \"Upgrade 17\""

    static var malformed: [BadInput] {
        [
            .document("duplicate top-level member", replacing: "\"govseal\": 1,", with: "\"govseal\": 1, \"govseal\": 1,",
                      mentions: ["govseal", "duplicate"]),
            .document("duplicate body member", replacing: title + ",", with: title + ", \"title\": \"Other\",",
                      mentions: ["body.title", "duplicate"]),
            .document("duplicate member in a signature entry", replacing: "\"sig\": \"", with: "\"sig\": \"00\", \"sig\": \"",
                      mentions: ["signatures[0].sig", "duplicate"]),
            BadInput("invalid UTF-8 in a string", ["verify", "bad.json"], exit: 2, mentions: ["bad.json", "body.title", "UTF-8"]) {
                let bytes = try $0.read("blessing.json")
                let text = String(decoding: bytes, as: UTF8.self)
                guard let range = text.range(of: "Upgrade 17") else { throw SetupError("no title") }
                let offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                var bad = bytes
                bad[offset + 1] = 0xff
                try $0.write("bad.json", bad)
            },
            .document("lone surrogate escape", replacing: title, with: "\"title\": \"\\ud800\"", mentions: ["body.title", "surrogate"]),
            .document("control character in a string", replacing: title, with: "\"title\": \"Up\u{01}grade\"", mentions: ["body.title"]),
            .document("fractional number", replacing: "\"size\": 23", with: "\"size\": 23.5",
                      mentions: ["body.release.artifacts[0].size", "integer"]),
            .document("number beyond 2^53", replacing: "\"size\": 23", with: "\"size\": 9007199254740993",
                      mentions: ["body.release.artifacts[0].size"]),
            .document("number with an exponent", replacing: "\"size\": 23", with: "\"size\": 2.3e1",
                      mentions: ["body.release.artifacts[0].size"]),
            .document("number as a string", replacing: "\"size\": 23", with: "\"size\": \"23\"",
                      mentions: ["body.release.artifacts[0].size"]),
            .document("nesting deeper than 64", replacing: "\"summary\": \"Fixes\"",
                      with: "\"summary\": " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
                      mentions: ["body.summary", "64"]),
            BadInput("document larger than 16 MiB", ["verify", "bad.json"], exit: 2, mentions: ["bad.json", "16777216"]) {
                let text = try $0.text("blessing.json")
                let padding = String(repeating: " ", count: (16 << 20) + 1 - text.utf8.count)
                try $0.write("bad.json", text + padding)
            },
            .document("unknown top-level member", replacing: "\"govseal\": 1,", with: "\"govseal\": 1, \"extra\": true,",
                      mentions: ["extra"]),
            .document("unsupported format version", replacing: "\"govseal\": 1,", with: "\"govseal\": 2,", mentions: ["govseal"]),
            .document("unknown document type", replacing: "\"type\": \"blessing\"", with: "\"type\": \"manifesto\"",
                      mentions: ["type"]),
            .document("upper-case digest", replacing: "\"sha256\": \"", with: "\"sha256\": \"A",
                      mentions: ["body.release.artifacts[0].digests.sha256"]),
            .document("time without Z", replacing: "\"created\": \"2026-01-01T00:00:00Z\"",
                      with: "\"created\": \"2026-01-01T00:00:00+01:00\"", mentions: ["body.created"]),
            .document("missing required body member", replacing: title + ",", with: "", mentions: ["body", "title"]),
            .document("artifact name with ..", replacing: "\"name\": \"app\"", with: "\"name\": \"../app\"",
                      mentions: ["body.release.artifacts[0].name"]),
            .document("absolute artifact name", replacing: "\"name\": \"app\"", with: "\"name\": \"/etc/passwd\"",
                      mentions: ["body.release.artifacts[0].name"]),
            .document("output path with ..", replacing: "\"app\": \"out/app\"", with: "\"app\": \"out/../../app\"",
                      mentions: ["body.release.build.outputs.app"]),
            .document("absolute output path", replacing: "\"app\": \"out/app\"", with: "\"app\": \"/etc/passwd\"",
                      mentions: ["body.release.build.outputs.app"]),
            .document("signature that is not hex", replacing: "\"sig\": \"", with: "\"sig\": \"zz", mentions: ["signatures[0].sig"]),
            .document("unknown signature algorithm", replacing: "\"alg\": \"ed25519\"", with: "\"alg\": \"rsa\"",
                      mentions: ["signatures[0].alg"]),
            .rawDocument("empty file", ""),
            .rawDocument("not JSON", "govseal: 1\n"),
            .rawDocument("JSON array at the root", "[1, 2]"),
            BadInput("trailing data after the document", ["verify", "bad.json"], exit: 2, mentions: ["bad.json"]) {
                try $0.write("bad.json", try $0.text("blessing.json") + "\n{}")
            },
        ]
    }

    static var unreadable: [BadInput] {
        [
            BadInput("absent document", ["verify", "absent.json"], exit: 2, mentions: ["absent.json"]),
            BadInput("symbolic link loop", ["verify", "loop.json"], exit: 2, mentions: ["loop.json", "symbolic links"]) {
                try $0.symlink("loop.json", to: "loop.json")
            },
            BadInput("dangling symbolic link", ["verify", "dangling.json"], exit: 2, mentions: ["dangling.json"]) {
                try $0.symlink("dangling.json", to: "nowhere/x.json")
            },
            BadInput("a file used as a folder", ["verify", "blessing.json/x.json"], exit: 2, mentions: ["blessing.json/x.json"]),
            BadInput("folder holding a malformed document", ["verify", "docs"], exit: 2, mentions: ["docs/bad.json", "duplicate"],
                     stdoutAllowed: true) {
                try $0.mkdir("docs")
                try $0.write("docs/good.json", try $0.read("plain.json"))
                try $0.edit("plain.json", to: "docs/bad.json", replacing: "\"govseal\": 1,", with: "\"govseal\": 1, \"govseal\": 1,")
            },
        ]
    }

    static var signing: [BadInput] {
        [
            .document("sign: duplicate member", replacing: title + ",", with: title + ", \"title\": \"Other\",",
                      command: ["sign", "--key", "keys/ed.pem"], mentions: ["body.title"]),
            .document("sign: body that does not validate", from: "unsigned.json", replacing: title + ",", with: "",
                      command: ["sign", "--key", "keys/ed.pem"], mentions: ["title"]),
            BadInput("sign: document larger than 16 MiB", ["sign", "bad.json", "--key", "keys/ed.pem"], exit: 2,
                     mentions: ["bad.json", "16777216"]) {
                try $0.write("bad.json", try $0.text("unsigned.json") + String(repeating: " ", count: 16 << 20))
            },
            BadInput("sign: absent document", ["sign", "absent.json", "--key", "keys/ed.pem"], exit: 2, mentions: ["absent.json"]),
            BadInput("sign: a folder as the document", ["sign", "repo", "--key", "keys/ed.pem"], exit: 2, mentions: ["repo"]),
            BadInput("sign: key that already signed", ["sign", "blessing.json", "--key", "keys/ed.pem"], exit: 2,
                     mentions: ["blessing.json", "already signed"]),
        ]
    }

    static var verifyOptions: [BadInput] {
        [
            BadInput("verify --policy absent", ["verify", "blessing.json", "--policy", "absent.json"], exit: 2, mentions: ["absent.json"]),
            BadInput("verify --policy that is a blessing", ["verify", "blessing.json", "--policy", "plain.json"], exit: 2,
                     mentions: ["plain.json", "not a policy"]),
            BadInput("verify --policy malformed", ["verify", "blessing.json", "--policy", "bad.json"], exit: 2,
                     mentions: ["bad.json", "duplicate"]) {
                try $0.edit("policy.json", to: "bad.json", replacing: "\"govseal\": 1,", with: "\"govseal\": 1, \"govseal\": 1,")
            },
            BadInput("verify --artifacts absent", ["verify", "blessing.json", "--artifacts", "absent"], exit: 2, mentions: ["absent"]),
            BadInput("verify --artifacts is a file", ["verify", "blessing.json", "--artifacts", "artifacts/app"], exit: 2,
                     mentions: ["artifacts/app"]),
            BadInput("verify --source absent", ["verify", "blessing.json", "--source", "absent"], exit: 2, mentions: ["absent"]),
            BadInput("verify --proposal malformed", ["verify", "reveal.json", "--proposal", "bad.json"], exit: 2,
                     mentions: ["bad.json"]) { try $0.write("bad.json", "{") },
            BadInput("verify --attestations absent", ["verify", "reveal.json", "--attestations", "absent"], exit: 2,
                     mentions: ["absent"]),
            BadInput("verify --at not a time", ["verify", "blessing.json", "--at", "2026-13-01T00:00:00Z"], exit: 64,
                     mentions: ["--at", "month"]),
            BadInput("verify --bech32-prefix malformed", ["verify", "nomination.json", "--bech32-prefix", "Bad Prefix"], exit: 64,
                     mentions: ["--bech32-prefix"]),
            BadInput("verify with an unknown option", ["verify", "blessing.json", "--frobnicate"], exit: 64, mentions: ["--frobnicate"]),
        ]
    }
}
