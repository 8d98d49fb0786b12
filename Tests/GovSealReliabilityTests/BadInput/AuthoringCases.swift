import Foundation

/// Bad options of the commands that write documents: `new blessing`, `new policy`, `nominate`,
/// `reveal`.
enum AuthoringCases {
    static var all: [BadInput] { blessing + policy + nominate + reveal }

    static let commit = String(repeating: "a", count: 40)

    /// `new blessing` with valid options, `changes` replacing the value after an option
    /// (nil removes the option) and `extra` appended.
    static func newBlessing(_ changes: [String: String?] = [:], _ extra: [String] = []) -> [String] {
        let base: [(String, String)] = [
            ("--chain", "cosmos:agoric-3"), ("--title", "T"), ("--summary", "S"), ("--repository", "https://example.org/r"),
            ("--commit", commit), ("--artifact", "artifacts/app"), ("--out", "new.json"),
        ]
        var arguments = ["new", "blessing"]
        for (option, value) in base {
            if let change = changes[option] {
                if let change { arguments += [option, change] }
            } else {
                arguments += [option, value]
            }
        }
        return arguments + extra
    }

    static func blessingCase(_ name: String, _ changes: [String: String?] = [:], _ extra: [String] = [], exit: Int32,
                             mentions: [String], prepare: @escaping @Sendable (Workspace) throws -> Void = { _ in }) -> BadInput {
        BadInput("new blessing: " + name, newBlessing(changes, extra), exit: exit, mentions: mentions, prepare: prepare)
    }

    static var blessing: [BadInput] {
        [
            blessingCase("short commit", ["--commit": "abc123"], exit: 2, mentions: ["commit"]),
            blessingCase("upper-case commit", ["--commit": String(repeating: "A", count: 40)], exit: 2, mentions: ["commit"]),
            blessingCase("chain without a namespace", ["--chain": "agoric-3"], exit: 2, mentions: ["chain"]),
            blessingCase("--url without =", [:], ["--url", "https://example.org/app"], exit: 64, mentions: ["--url"]),
            blessingCase("--output without =", [:], ["--build-command", "make", "--output", "out/app"], exit: 64,
                         mentions: ["--output"]),
            blessingCase("--output with ..", [:], ["--build-command", "make", "--output", "app=../app"], exit: 2,
                         mentions: ["outputs.app", ".."]),
            blessingCase("--output absolute", [:], ["--build-command", "make", "--output", "app=/etc/passwd"], exit: 2,
                         mentions: ["outputs.app"]),
            blessingCase("--created not a time", [:], ["--created", "yesterday"], exit: 64, mentions: ["--created"]),
            blessingCase("--expires not UTC", [:], ["--expires", "2027-01-01T00:00:00+02:00"], exit: 64, mentions: ["--expires"]),
            blessingCase("--embargo-days not a number", [:], ["--embargo-days", "ten"], exit: 64, mentions: ["--embargo-days"]),
            blessingCase("--size not a number", [:], ["--size", "app=big"], exit: 64, mentions: ["--size"]),
            blessingCase("--artifact absent", ["--artifact": "artifacts/absent"], exit: 2, mentions: ["artifacts/absent"]),
            blessingCase("--artifact a folder", ["--artifact": "artifacts"], exit: 2, mentions: ["artifacts"]),
            blessingCase("two artifacts of one name", [:], ["--artifact", "repo/out/app"], exit: 2, mentions: ["app"]) {
                try $0.write("repo/out/app", "other\n")
            },
            blessingCase("--out exists", ["--out": "blessing.json"], exit: 2, mentions: ["blessing.json", "--force"]),
            blessingCase("--out in an absent folder", ["--out": "absent/new.json"], exit: 2, mentions: ["absent/new.json"]),
            blessingCase("--out a folder", ["--out": "repo"], exit: 2, mentions: ["repo"]),
            blessingCase("no artifact", ["--artifact": nil], exit: 64, mentions: ["--artifact"]),
            blessingCase("missing --title", ["--title": nil], exit: 64, mentions: ["--title"]),
            blessingCase("--repo not a git repository", ["--commit": "HEAD"], ["--repo", "artifacts"], exit: 2,
                         mentions: ["artifacts"]),
            blessingCase("--sha256sums malformed", [:], ["--sha256sums", "sums.txt"], exit: 2, mentions: ["sums.txt"]) {
                try $0.write("sums.txt", "not a checksum line\n")
            },
            blessingCase("--sha256sums disagrees with the file", [:], ["--sha256sums", "sums.txt"], exit: 2,
                         mentions: ["--sha256sums", "app"]) {
                try $0.write("sums.txt", String(repeating: "0", count: 64) + "  app\n")
            },
        ]
    }

    static var policy: [BadInput] {
        let base = ["new", "policy", "--name", "p", "--out", "p.json"]
        return [
            BadInput("new policy: threshold above the key count", base + ["--expires-days", "9", "--key", "proposer:a=keys/ed.pem",
                                                                           "--threshold", "proposer=2"],
                     exit: 64, mentions: ["--threshold"]),
            BadInput("new policy: --key without ROLE:", base + ["--expires-days", "9", "--key", "proposer=keys/ed.pem",
                                                                 "--threshold", "proposer=1"],
                     exit: 64, mentions: ["--key"]),
            BadInput("new policy: ALG:HEX that is not hex", base + ["--expires-days", "9", "--key", "proposer:a=ed25519:zz",
                                                                     "--threshold", "proposer=1"],
                     exit: 2, mentions: ["ed25519:zz"]),
            BadInput("new policy: key file absent", base + ["--expires-days", "9", "--key", "proposer:a=keys/absent.pem",
                                                             "--threshold", "proposer=1"],
                     exit: 2, mentions: ["keys/absent.pem"]),
            BadInput("new policy: --expires not a time", base + ["--expires", "soon", "--key", "proposer:a=keys/ed.pem",
                                                                  "--threshold", "proposer=1"],
                     exit: 64, mentions: ["--expires"]),
            BadInput("new policy: no expiry", base + ["--key", "proposer:a=keys/ed.pem", "--threshold", "proposer=1"],
                     exit: 64, mentions: ["--expires"]),
        ]
    }

    static var nominate: [BadInput] {
        func nominate(_ chain: String, _ extra: [String]) -> [String] {
            ["nominate", "--chain", chain, "--key", "keys/k1.pem", "--group", "security", "--out", "n.json"] + extra
        }
        let contact = ["--contact", "matrix=@ops:example.org"]
        return [
            BadInput("nominate: unknown contact kind", nominate("cosmos:cosmoshub-4", ["--contact", "pager=1"]), exit: 2,
                     mentions: ["contact.pager"]),
            BadInput("nominate: --contact without =", nominate("cosmos:cosmoshub-4", ["--contact", "matrix"]), exit: 64,
                     mentions: ["--contact"]),
            BadInput("nominate: no --contact", nominate("cosmos:cosmoshub-4", []), exit: 64, mentions: ["--contact"]),
            BadInput("nominate: malformed --bech32-prefix", nominate("cosmos:newchain-1", contact + ["--bech32-prefix", "Bad Prefix"]),
                     exit: 64, mentions: ["--bech32-prefix"]),
            BadInput("nominate: unknown Cosmos chain without a prefix", nominate("cosmos:newchain-1", contact), exit: 2,
                     mentions: ["--bech32-prefix", "newchain-1"]),
            BadInput("nominate: secp256k1 key for NEAR", nominate("near:mainnet", contact), exit: 2, mentions: ["near:mainnet"]),
            BadInput("nominate: malformed chain id", nominate("cosmos", contact), exit: 2, mentions: ["cosmos"]),
            BadInput("nominate: --out exists", nominate("cosmos:cosmoshub-4", contact + ["--out", "nomination.json"]), exit: 2,
                     mentions: ["nomination.json"]),
        ]
    }

    static var reveal: [BadInput] {
        func reveal(_ blessing: String = "blessing.json", source: String = "repo", rollout: String = World.rolloutCompleted,
                    disclosed: String = World.disclosed, out: String = "r.json") -> [String] {
            ["reveal", blessing, "--source", source, "--rollout-completed", rollout, "--disclosed", disclosed, "--out", out]
        }
        return [
            BadInput("reveal: --disclosed not a time", reveal(disclosed: "2026-03-01"), exit: 64, mentions: ["--disclosed"]),
            BadInput("reveal: --rollout-completed impossible date", reveal(rollout: "2026-02-30T00:00:00Z"), exit: 64,
                     mentions: ["--rollout-completed"]),
            BadInput("reveal: --source absent", reveal(source: "absent"), exit: 2, mentions: ["absent"]),
            BadInput("reveal: a blessing without embargo", reveal("plain.json"), exit: 2, mentions: ["plain.json", "body.embargo"]),
            BadInput("reveal: of a nomination", reveal("nomination.json"), exit: 2, mentions: ["nomination.json"]),
            BadInput("reveal: --out exists", reveal(out: "reveal.json"), exit: 2, mentions: ["reveal.json"]),
        ]
    }
}
