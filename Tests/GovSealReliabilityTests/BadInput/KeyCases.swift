import Foundation

/// Bad key files (every reader: PEM, DER, OpenSSH, hex, NEAR, CometBFT, Ethereum keystore,
/// legacy dfx), insecure permissions, the wallet signing options, and the options of `keygen`
/// and `key show`.
enum KeyCases {
    static var all: [BadInput] { keyFiles + keyFilesInTheWild + walletSigning + keygen + keyShow }

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

    /// SSH wire bytes: a string is a 4-byte big-endian length and its bytes.
    static func sshString(_ bytes: [UInt8]) -> [UInt8] {
        [UInt8(bytes.count >> 24 & 0xff), UInt8(bytes.count >> 16 & 0xff), UInt8(bytes.count >> 8 & 0xff), UInt8(bytes.count & 0xff)] + bytes
    }

    static func sshString(_ text: String) -> [UInt8] { sshString(Array(text.utf8)) }

    static func openSSHPrivate(_ body: [UInt8]) -> String {
        "-----BEGIN OPENSSH PRIVATE KEY-----\n" + Data(body).base64EncodedString(options: .lineLength64Characters)
            + "\n-----END OPENSSH PRIVATE KEY-----\n"
    }

    static let magic = Array("openssh-key-v1".utf8) + [0]
    static let ed25519Blob = sshString("ssh-ed25519") + sshString([UInt8](repeating: 7, count: 32))

    static func keystore(kdf: String = "scrypt", kdfparams: String = #""dklen":32,"n":2,"p":1,"r":8,"salt":"004244bbdc51cadda545b1cfa43cff9ed2ae88e08c61f1479dbb45410722f8f0""#,
                         cipher: String = "aes-128-ctr") -> String {
        #"{"address":"45dea0fb0bba44f4fcf290bba71fd57d7117cbb8","crypto":{"cipher":"\#(cipher)","#
            + #""ciphertext":"b87781948a1befd247bff51ef4063f716cf6c2d3481163e9a8f42e1f9bb74145","#
            + #""cipherparams":{"iv":"dc4926b48a105133d2f16b96833abf1e"},"kdf":"\#(kdf)","kdfparams":{\#(kdfparams)},"#
            + #""mac":"39990c1684557447940d4c69e06b1b82b2aceacb43f284df65c956daf3046b85"},"version":3}"#
    }

    static var keyFilesInTheWild: [BadInput] {
        let seed = [UInt8](repeating: 9, count: 32)
        let legacyDFX = [0x30, 0x53, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20] + seed
            + [0xa1, 0x23, 0x03, 0x21, 0x00] + [UInt8](repeating: 1, count: 32)
        return [
            badKey("OpenSSH private key truncated", openSSHPrivate(magic + sshString("none")), mentions: ["OpenSSH"]),
            badKey("OpenSSH private key encrypted", openSSHPrivate(magic + sshString("aes256-ctr") + sshString("bcrypt")
                + sshString([0, 0, 0, 0]) + [0, 0, 0, 1] + sshString(ed25519Blob) + sshString([1, 2, 3])), mentions: ["encrypted"]),
            badKey("OpenSSH private key holding two keys", openSSHPrivate(magic + sshString("none") + sshString("none")
                + sshString([]) + [0, 0, 0, 2]), mentions: ["2 keys"]),
            badKey("OpenSSH private key with a bad check", openSSHPrivate(magic + sshString("none") + sshString("none")
                + sshString([]) + [0, 0, 0, 1] + sshString(ed25519Blob) + sshString([0, 0, 0, 1, 0, 0, 0, 2] + ed25519Blob)),
                   mentions: ["check"]),
            badKey("OpenSSH ecdsa-sha2-nistp256 public key", "ecdsa-sha2-nistp256 "
                + Data(sshString("ecdsa-sha2-nistp256") + sshString("nistp256") + sshString([4] + [UInt8](repeating: 1, count: 64)))
                    .base64EncodedString() + " me\n", mentions: ["ecdsa-sha2-nistp256"]),
            badKey("OpenSSH public key line with another type inside", "ssh-ed25519 "
                + Data(sshString("ssh-rsa") + sshString([1, 0, 1])).base64EncodedString() + "\n", mentions: ["ssh-rsa"]),
            badKey("OpenSSH public key not base64", "ssh-ed25519 !!!! me\n", mentions: ["base64"]),
            badKey("DER that is not a key", String(decoding: [0x30, 0x03, 0x02, 0x01, 0x00], as: UTF8.self), mentions: ["DER"]),
            badKey("legacy dfx identity.pem whose public key does not match",
                   "-----BEGIN PRIVATE KEY-----\n" + Data(legacyDFX).base64EncodedString() + "\n-----END PRIVATE KEY-----\n",
                   mentions: ["dfx"]),
            badKey("0x hex of 31 bytes", "0x" + String(repeating: "ab", count: 31) + "\n", alg: ["--alg", "ecdsa-secp256k1"],
                   mentions: ["64"]),
            badKey("CometBFT key of an unknown fork's type", "{\"priv_key\": {\"type\": \"othernet/PrivKeyEd25519\", \"value\": \"AA==\"}}",
                   mentions: ["othernet/PrivKeyEd25519"]),
            badKey("NEAR key file with both secret_key and private_key",
                   "{\"account_id\": \"a\", \"secret_key\": \"ed25519:abc\", \"private_key\": \"ed25519:abc\"}", mentions: ["both"]),
            badKey("Ethereum keystore without --passphrase-file", keystore(), mentions: ["--passphrase-file"]),
            BadInput("key file: Ethereum keystore with the wrong passphrase",
                     ["sign", "unsigned.json", "--key", "keys/bad.key", "--passphrase-file", "keys/pass", "--alg", "eip191-secp256k1"],
                     exit: 2, mentions: ["keys/bad.key", "MAC"]) {
                try $0.write("keys/bad.key", keystore(), mode: 0o600)
                try $0.write("keys/pass", "wrong\n", mode: 0o600)
            },
            BadInput("key file: Ethereum keystore passphrase file absent",
                     ["sign", "unsigned.json", "--key", "keys/bad.key", "--passphrase-file", "keys/absent"],
                     exit: 2, mentions: ["keys/absent"]) { try $0.write("keys/bad.key", keystore(), mode: 0o600) },
            badKey("Ethereum keystore with an unknown kdf", keystore(kdf: "argon2"), mentions: ["argon2"]),
            badKey("Ethereum keystore with another cipher", keystore(cipher: "aes-256-gcm"), mentions: ["aes-256-gcm"]),
            badKey("Ethereum keystore whose scrypt cost is above the limit",
                   keystore(kdfparams: #""dklen":32,"n":1073741824,"p":1,"r":8,"salt":"004244bbdc51cadda545b1cfa43cff9ed2ae88e08c61f1479dbb45410722f8f0""#),
                   mentions: ["limit"]),
            badKey("Ethereum keystore whose pbkdf2 uses another prf",
                   keystore(kdf: "pbkdf2", kdfparams: #""dklen":32,"c":2,"prf":"hmac-sha512","salt":"004244bbdc51cadda545b1cfa43cff9ed2ae88e08c61f1479dbb45410722f8f0""#),
                   mentions: ["hmac-sha512"]),
        ]
    }

    static var walletSigning: [BadInput] {
        [
            BadInput("sign --ssh-key: absent key", ["sign", "unsigned.json", "--ssh-key", "keys/absent"], exit: 2, mentions: ["keys/absent"]),
            BadInput("sign --ssh-key: not an SSH ed25519 key", ["sign", "unsigned.json", "--ssh-key", "keys/k1.pem"], exit: 2,
                     mentions: ["keys/k1.pem"]),
            BadInput("sign --add-signature: not ALG:PUBKEY:SIG", ["sign", "unsigned.json", "--add-signature", "eip191-secp256k1"],
                     exit: 2, mentions: ["--add-signature", "ALG:PUBKEY:SIG"]),
            BadInput("sign --add-signature: unknown alg", ["sign", "unsigned.json", "--add-signature", "rsa:00:00"], exit: 2,
                     mentions: ["--add-signature", "rsa"]),
            BadInput("sign --add-signature: a key that is not on the curve",
                     ["sign", "unsigned.json", "--add-signature", "eip191-secp256k1:02" + String(repeating: "00", count: 32) + ":"
                        + String(repeating: "11", count: 65)], exit: 2, mentions: ["--add-signature"]),
            BadInput("sign --add-signature: a signature that does not verify",
                     ["sign", "unsigned.json", "--add-signature", "nep413-ed25519:d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a:"
                        + String(repeating: "22", count: 64)], exit: 2, mentions: ["unsigned.json"]),
            BadInput("sign --ssh-key with --alg", ["sign", "unsigned.json", "--ssh-key", "keys/ed.pem", "--alg", "ed25519"],
                     exit: 64, mentions: ["--alg"]),
            BadInput("sign --key and --add-signature together", ["sign", "unsigned.json", "--key", "keys/ed.pem",
                                                                  "--add-signature", "x:y:z"], exit: 64, mentions: ["exactly one"]),
            BadInput("wallet-text of an absent file", ["wallet-text", "absent.json"], exit: 2, mentions: ["absent.json"]),
        ]
    }
}
