import Foundation

/// Bad key files (every reader: PEM, hex, NEAR, CometBFT), insecure permissions, and the
/// options of `keygen` and `key show`.
enum KeyCases {
    static var all: [BadInput] { keyFiles + keygen + keyShow }

    /// `sign unsigned.json --key keys/bad.key` with the given key file content (mode 0600).
    static func badKey(_ name: String, _ content: String, alg: [String] = [], mentions: [String] = []) -> BadInput {
        BadInput("key file: " + name, ["sign", "unsigned.json", "--key", "keys/bad.key"] + alg, exit: 2,
                 mentions: ["keys/bad.key"] + mentions) {
            try $0.write("keys/bad.key", content, mode: 0o600)
        }
    }

    static var keyFiles: [BadInput] {
        [
            badKey("PEM with invalid base64", "-----BEGIN PRIVATE KEY-----\nnot base64 !!\n-----END PRIVATE KEY-----\n"),
            badKey("PEM without its end line", "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIDqpSLUc7wRCkExWzeEcDqkHsuBiBFFCnC3nveKOhwYm\n"),
            badKey("PEM of a certificate", "-----BEGIN CERTIFICATE-----\nMC4CAQAwBQYDK2VwBCIEIDqpSLUc7wRCkExWzeEcDqkHsuBiBFFCnC3nveKOhwYm\n-----END CERTIFICATE-----\n"),
            badKey("hex without --alg", String(repeating: "ab", count: 32) + "\n", mentions: ["--alg"]),
            badKey("hex of the wrong length", String(repeating: "ab", count: 31) + "\n", alg: ["--alg", "ed25519"], mentions: ["64"]),
            badKey("hex with a non-hex digit", String(repeating: "ab", count: 31) + "zz\n", alg: ["--alg", "ed25519"]),
            badKey("secp256k1 secret of zero", String(repeating: "00", count: 32) + "\n", alg: ["--alg", "ecdsa-secp256k1"]),
            badKey("NEAR key that is not base58", "{\"account_id\": \"a\", \"public_key\": \"ed25519:abc\", \"secret_key\": \"ed25519:0OIl\"}",
                   mentions: ["secret_key"]),
            badKey("NEAR key of another curve", "{\"account_id\": \"a\", \"public_key\": \"secp256k1:abc\", \"secret_key\": \"secp256k1:abc\"}"),
            badKey("CometBFT key that is not base64", "{\"priv_key\": {\"type\": \"tendermint/PrivKeyEd25519\", \"value\": \"!!\"}}",
                   mentions: ["priv_key.value"]),
            badKey("CometBFT key truncated", "{\"priv_key\": {\"type\": \"tendermint/PrivKeyEd25519\", \"val"),
            badKey("key JSON with a duplicate member", "{\"priv_key\": {}, \"priv_key\": {}}"),
            badKey("not a key at all", "hello\n"),
            badKey("empty key file", ""),
            BadInput("key file: absent", ["sign", "unsigned.json", "--key", "keys/absent.pem"], exit: 2, mentions: ["keys/absent.pem"]),
            BadInput("key file: a folder", ["sign", "unsigned.json", "--key", "keys"], exit: 2, mentions: ["keys"]),
            BadInput("key file: readable by others (0644)", ["sign", "unsigned.json", "--key", "keys/ed.pem"], exit: 2,
                     mentions: ["keys/ed.pem", "0644", "chmod 600"]) { try $0.chmod("keys/ed.pem", 0o644) },
            BadInput("key file: readable by the group (0640)", ["sign", "unsigned.json", "--key", "keys/near.json"], exit: 2,
                     mentions: ["keys/near.json", "0640"]) { try $0.chmod("keys/near.json", 0o640) },
            BadInput("key file: public key only", ["sign", "unsigned.json", "--key", "keys/pub.pem"], exit: 2,
                     mentions: ["keys/pub.pem", "public key"]),
            BadInput("key file: ed25519 key asked to sign bip340", ["sign", "unsigned.json", "--key", "keys/ed.pem", "--alg", "bip340"],
                     exit: 2, mentions: ["keys/ed.pem", "bip340"]),
            BadInput("sign --alg unknown", ["sign", "unsigned.json", "--key", "keys/ed.pem", "--alg", "rsa"], exit: 64,
                     mentions: ["--alg", "rsa"]),
            BadInput("sign without --key", ["sign", "unsigned.json"], exit: 64, mentions: ["--key"]),
            BadInput("nominate with a key readable by others", ["nominate", "--chain", "cosmos:cosmoshub-4", "--key", "keys/k1.pem",
                                                                 "--group", "g", "--contact", "matrix=@a:b", "--out", "n.json"],
                     exit: 2, mentions: ["keys/k1.pem", "0604"]) { try $0.chmod("keys/k1.pem", 0o604) },
        ]
    }

    static var keygen: [BadInput] {
        [
            BadInput("keygen over an existing file", ["keygen", "--alg", "ed25519", "--out", "keys/ed.pem"], exit: 2,
                     mentions: ["keys/ed.pem"]),
            BadInput("keygen into an absent folder", ["keygen", "--alg", "ed25519", "--out", "absent/k.pem"], exit: 2,
                     mentions: ["absent/k.pem"]),
            BadInput("keygen over a folder", ["keygen", "--alg", "ed25519", "--out", "keys"], exit: 2, mentions: ["keys"]),
            BadInput("keygen --alg unknown", ["keygen", "--alg", "rsa", "--out", "k.pem"], exit: 64, mentions: ["--alg", "rsa"]),
            BadInput("keygen --format unknown", ["keygen", "--alg", "ed25519", "--format", "der", "--out", "k.pem"], exit: 64,
                     mentions: ["--format", "der"]),
            BadInput("keygen NEAR format for secp256k1", ["keygen", "--alg", "bip340", "--format", "near", "--out", "k.json"],
                     exit: 64, mentions: ["--format near"]),
            BadInput("keygen without --out", ["keygen", "--alg", "ed25519"], exit: 64, mentions: ["--out"]),
        ]
    }

    static var keyShow: [BadInput] {
        [
            BadInput("key show: absent file", ["key", "show", "absent.pem"], exit: 2, mentions: ["absent.pem"]),
            BadInput("key show: a folder", ["key", "show", "keys"], exit: 2, mentions: ["keys"]),
            BadInput("key show: not a key", ["key", "show", "blessing.json"], exit: 2, mentions: ["blessing.json"]),
            BadInput("key show: --alg of the other curve", ["key", "show", "keys/ed.pem", "--alg", "ecdsa-secp256k1"], exit: 2,
                     mentions: ["keys/ed.pem", "ecdsa-secp256k1"]),
        ]
    }
}
