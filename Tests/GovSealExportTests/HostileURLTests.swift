import GovSealCrypto
import GovSealDocuments
import GovSealEncoding
import GovSealExport
import GovSealJSON
import Testing

/// Issue 12, "Exports carry exactly the blessed digests": each attack builds a blessing whose
/// artifact URL tries to make cosmovisor's go-getter check the download against a digest other
/// than the blessed one, and must be refused with `unsafeURL` naming the artifact's URL.
/// The reader's expectations follow Go's net/url (`ParseQuery`, `Values.Get`: first value) and
/// hashicorp/go-getter checksum.go `extractChecksum`, as cited in `CosmovisorReader`.
@Suite("Hostile artifact URLs")
struct HostileURLTests {
    static let evil = String(repeating: "e", count: 64)
    static let blessed = TestDocuments.gaiadAmd64.sha256

    /// A signed blessing whose first artifact's only URL is `url` (the second artifact is ordinary).
    static func document(url: String) throws -> Document {
        let a = TestDocuments.gaiadAmd64
        let hostile = Blessing.Artifact(name: a.name, size: a.size, sha256: a.sha256, urls: [url])
        return try TestDocuments.signedBlessing(TestDocuments.blessing(artifacts: [hostile, TestDocuments.gaiadArm64]), by: [.ed25519])
    }

    static func export(_ document: Document) throws -> CosmosProposal.Export {
        try CosmosProposal.export(document, options: CosmosProposalTests.options())
    }

    struct Attack: CustomTestStringConvertible, Sendable {
        let name: String
        let url: String
        var testDescription: String { name }
    }

    static let base = "https://github.com/cosmos/gaia/releases/download/v15.0.0/gaiad"
    static let attacks: [Attack] = [
        Attack(name: "its own checksum", url: base + "?checksum=sha256:" + evil),
        Attack(name: "percent-encoded name %63hecksum", url: base + "?%63hecksum=sha256:" + evil),
        Attack(name: "every letter encoded", url: base + "?%63%68%65%63%6B%73%75%6D=sha256:" + evil),
        Attack(name: "upper-case CHECKSUM", url: base + "?CHECKSUM=sha256:" + evil),
        Attack(name: "mixed case ChEcKsUm", url: base + "?ChEcKsUm=sha256:" + evil),
        Attack(name: "after &", url: base + "?mirror=1&checksum=sha256:" + evil),
        Attack(name: "after ; (Go before 1.17 splits there)", url: base + "?mirror=1;checksum=sha256:" + evil),
        Attack(name: "repeated parameter, the attacker's first", url: base + "?checksum=sha256:\(evil)&checksum=sha256:\(blessed)"),
        Attack(name: "bare name: an empty first value turns the check off", url: base + "?checksum"),
        Attack(name: "empty value", url: base + "?checksum=&x=1"),
        Attack(name: "double-encoded %2563hecksum", url: base + "?%2563hecksum=sha256:" + evil),
        Attack(name: "plus-space around the name", url: base + "?+checksum+=sha256:" + evil),
        Attack(name: "value smuggled in an encoded '='", url: base + "?checksum%3Dsha256:" + evil),
        Attack(name: "fragment swallowing the appended checksum", url: base + "#x"),
        Attack(name: "fragment holding a query", url: base + "#?checksum=sha256:" + evil),
        Attack(name: "userinfo posing as the host", url: "https://github.com@evil.example/gaiad"),
        Attack(name: "backslash (WHATWG reads it as '/')", url: "https://evil.example\\@github.com/gaiad"),
        Attack(name: "go-getter forced getter", url: "git::https://evil.example/gaiad"),
        Attack(name: "file scheme", url: "file:///tmp/gaiad"),
        Attack(name: "ftp scheme", url: "ftp://example.com/gaiad"),
        Attack(name: "upper-case scheme", url: "HTTPS://example.com/gaiad"),
        Attack(name: "no host", url: "https:///gaiad"),
        Attack(name: "go-getter subdirectory '//'", url: "https://example.com/archive//bin"),
        Attack(name: "dot-dot segment", url: "https://example.com/a/../gaiad"),
        Attack(name: "encoded dot-dot segment", url: "https://example.com/a/%2e%2E/gaiad"),
        Attack(name: "bad percent-escape in the query", url: base + "?a=%zz"),
        Attack(name: "truncated percent-escape", url: base + "?a=%4"),
        Attack(name: "non-ASCII", url: "https://example.com/gaïad"),
        Attack(name: "port out of range", url: "https://example.com:65536/gaiad"),
        Attack(name: "empty port", url: "https://example.com:/gaiad"),
        Attack(name: "too many query parameters", url: base + "?" + (0...100).map { "p\($0)=1" }.joined(separator: "&")),
        Attack(name: "not a URL at all", url: "--summary-file=x:y"),
    ]

    @Test("export cosmos refuses the URL, naming the artifact and the URL's place", arguments: attacks)
    func refused(_ attack: Attack) throws {
        let document = try Self.document(url: attack.url)
        let error = try #require(throws: ExportError.self) { try Self.export(document) }
        #expect(error.code == .unsafeURL, "\(error)")
        #expect(error.place == "body.release.artifacts[0].urls[0]", "\(error)")
        #expect(error.reason.hasPrefix("artifact '\(TestDocuments.gaiadAmd64.name)'"), "\(error)")
        #expect(!error.description.contains("\n"))
    }

    @Test("characters a document cannot hold are refused by the URL parser itself",
          arguments: ["https://example.com/a b", "https://example.com/a\u{0}b", "https://example.com/a\nb", "https://example.com/\u{1b}[2J",
                      "https://example.com/\u{202e}dag", "https://exa_mple.com/x", "https://[zz]/x", "https://example.com/\"x\""])
    func parserRefuses(url: String) throws {
        let error = try #require(throws: ExportError.self) { try ArtifactURL(parsing: url, place: "u", artifact: "a") }
        #expect(error.code == .unsafeURL)
        #expect(!error.description.contains("\n") && !error.description.contains("\u{1b}"))
    }

    @Test("ordinary URLs export, and go-getter would check each against exactly the blessed digest", arguments: [
        base, base + "?mirror=1", base + "?", base + "?a=1&", "http://192.0.2.7:8080/gaiad", "https://[2001:db8::1]/gaiad",
        "https://objects.example/gaiad%20v15?X-Amz-Signature=ab%2Bcd&X-Amz-Expires=300", "https://example.com/a/b/",
        "https://example.com/it's/$(id)/!*(x)+,=@:~", "https://example.com",
    ])
    func accepted(url: String) throws {
        let json = try Self.export(try Self.document(url: url)).json
        let infoText = try #require(json["messages"]?.arrayValue?.first?["plan"]?["info"]?.stringValue)
        let binaries = try #require(try TestDocuments.parse(Array(infoText.utf8))["binaries"]?.objectValue)
        let written = try #require(binaries["linux/amd64"]?.stringValue)
        #expect(written.hasPrefix(url), "the URL is carried unchanged")
        let checksum = try #require(CosmovisorReader.checksum(ofURL: written))
        #expect(checksum.type == "sha256")
        #expect(checksum.digest == Digest.sha256(Array("amd64 binary".utf8)))
    }
}

/// The independent reader itself, on URLs whose go-getter reading is known from Go's net/url
/// and go-getter's `extractChecksum` (see `CosmovisorReader`).
@Suite("CosmovisorReader reads URLs as go-getter does")
struct CosmovisorReaderTests {
    static let good = HostileURLTests.blessed
    static let evil = HostileURLTests.evil

    @Test("the value go-getter would use", arguments: [
        ("https://h/x?checksum=sha256:\(good)", "sha256", good),
        ("https://h/x?checksum=SHA256:\(good.uppercased())", "sha256", good),
        ("https://h/x?%63hecksum=sha256:\(evil)&checksum=sha256:\(good)", "sha256", evil),
        ("https://h/x?checksum=sha256:\(evil)&checksum=sha256:\(good)", "sha256", evil),
        ("https://h/x?checksum=sha256%3A\(good)", "sha256", good),
        ("https://h/x?a=%zz&checksum=sha256:\(good)", "sha256", good),
        ("https://h/x?checksum=\(good)", "sha256", good),
        ("https://h/x?checksum=md5:" + String(repeating: "a", count: 32), "md5", String(repeating: "a", count: 32)),
        ("https://h/x?y=1#frag&checksum=sha256:\(evil)&checksum=sha256:\(good)", nil, nil),
    ] as [(String, String?, String?)])
    func reads(url: String, type: String?, hex: String?) throws {
        let checksum = CosmovisorReader.checksum(ofURL: url)
        #expect(checksum?.type == type)
        #expect(checksum.map { Hex.encode($0.digest) } == hex)
    }

    @Test("no usable checksum: go-getter would not check, or Go versions disagree", arguments: [
        "https://h/x", "https://h/x?checksum", "https://h/x?checksum=&checksum=sha256:\(good)",
        "https://h/x#?checksum=sha256:\(good)", "https://h/x?a=1;checksum=sha256:\(evil)&checksum=sha256:\(good)",
        "https://h/x?checksum=file:https://h/SHA256SUMS", "https://h/x?checksum=sha256:xyz", "https://h/x?check+sum=sha256:\(good)",
        "https://h/x?CHECKSUM=sha256:\(good)", "https://h/x\u{7f}?checksum=sha256:\(good)",
    ])
    func none(url: String) {
        #expect(CosmovisorReader.checksum(ofURL: url) == nil)
    }

    static let expected = [(platform: "linux/amd64", sha256: good)]

    @Test("plan.info that would not check exactly the blessed digests is refused", arguments: [
        #"{"binaries":{"linux/amd64":"https://h/x?checksum=sha256:\#(evil)"}}"#,
        #"{"binaries":{"linux/amd64":"https://h/x?checksum=sha512:\#(good)"}}"#,
        #"{"binaries":{"linux/amd64":"https://h/x?checksum=sha256:\#(evil)&checksum=sha256:\#(good)"}}"#,
        #"{"binaries":{"linux/amd64":"https://h/x"}}"#,
        #"{"binaries":{"linux/arm64":"https://h/x?checksum=sha256:\#(good)"}}"#,
        #"{"binaries":{"linux/amd64":"https://h/x?checksum=sha256:\#(good)","any":"https://h/y"}}"#,
        #"{"Binaries":{"linux/amd64":"https://h/x?checksum=sha256:\#(evil)"},"binaries":{"linux/amd64":"https://h/x?checksum=sha256:\#(good)"}}"#,
        #"{"binaries":{"linux/amd64":"https://h/x?checksum=sha256:\#(good)","linux/amd64":"https://h/x?checksum=sha256:\#(evil)"}}"#,
        #"{"binaries":{"linux/amd64":7}}"#,
        #"["binaries"]"#,
    ])
    func mismatch(info: String) throws {
        let error = try #require(throws: ExportError.self) { try CosmovisorReader.requireBlessedDigests(info, expected: Self.expected) }
        #expect(error.code == .readBackMismatch)
    }

    @Test("the exact plan.info accepts")
    func accepts() throws {
        try CosmovisorReader.requireBlessedDigests(#"{"binaries":{"linux/amd64":"https://h/x?a=1&checksum=sha256:\#(Self.good)"}}"#,
                                                   expected: Self.expected)
    }

    @Test("planInfo refuses to return text its own read-back does not confirm")
    func planInfoReadsBack() throws {
        let url = try ArtifactURL(parsing: "https://h/x", place: "u", artifact: "a")
        let error = try #require(throws: ExportError.self) {
            try Cosmovisor.planInfo([Cosmovisor.Binary(platform: "linux/amd64", url: url, sha256: "not hex")])
        }
        #expect(error.code == .readBackMismatch)
        #expect(try Cosmovisor.planInfo([Cosmovisor.Binary(platform: "linux/amd64", url: url, sha256: Self.good)])
            == #"{"binaries":{"linux/amd64":"https://h/x?checksum=sha256:\#(Self.good)"}}"#)
    }
}

/// A property over many generated URLs built from the pieces attacks are made of: whatever
/// `ArtifactURL` accepts exports to a URL that go-getter (under both Go query grammars) checks
/// against exactly the blessed digest.
@Suite("Generated URLs")
struct GeneratedURLTests {
    /// SplitMix64, so that every run tries the same inputs.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    static let pieces = ["checksum", "CheckSum", "%63", "%68", "hecksum", "c", "h", "e", "k", "s", "u", "m", "=", "&", ";", "?", "#",
                         "+", "%", "%2", "%25", "%3D", "%26", "%3F", "sha256:", HostileURLTests.evil, "/", "//", ".", "..", "%2e",
                         "@", ":", "a", "1", " ", "\\", "[", "]", "'", "$("]

    @Test("accepted generated URLs always export to exactly the blessed checksum")
    func property() throws {
        var random = SplitMix64(state: 12)
        let blessed = HostileURLTests.blessed
        var accepted = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...10, using: &random)
            let tail = (0..<count).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            let url = ["https://example.com/x?", "https://example.com/", "http://h:8080/p?q=1&", "https://h"].randomElement(using: &random)! + tail
            guard let parsed = try? ArtifactURL(parsing: url, place: "u", artifact: "a") else { continue }
            accepted += 1
            let written = parsed.withChecksum(sha256: blessed)
            let checksum = CosmovisorReader.checksum(ofURL: written)
            #expect(checksum?.type == "sha256" && checksum.map { Hex.encode($0.digest) } == blessed, "\(url)")
            #expect(CosmovisorReader.checksumParameter(ofURL: written) == Array("sha256:\(blessed)".utf8), "\(url)")
        }
        #expect(accepted > 1000, "the generator reaches accepted URLs")
    }
}
