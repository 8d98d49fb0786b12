import GovSealDocuments
import GovSealJSON
import Testing

/// Red-team review of issue 12: what a blessing may call an artifact. A name is a plain file
/// name that every export (SHA256SUMS for `sha256sum -c`, proposal summaries) can carry as it is,
/// so a C1 control (U+009B is CSI on xterm), a line separator or a bidirectional override in it is
/// malformed input, as a newline or ESC already was. Each body is written here from scratch.
@Suite("Red team: artifact names")
struct RedTeamDocumentTests {
    @Test("a blessing whose artifact name holds a C1 control, a line separator or a bidirectional character is malformed",
          arguments: [#"node\u009b31m"#, #"node\u0085"#, #"node\u2028x"#, #"node\u202enib.exe"#, #"node\u2066x\u2069"#,
                      #"node\u200f"#, #"node\u061c"#, #"node\u007f"#])
    func artifactNameRefused(name: String) throws {
        let body = Fixtures.blessingBody().replacingOccurrences(of: #""name": "node-linux-amd64""#, with: "\"name\": \"\(name)\"")
        try #require(body.contains(name))
        let document = try Fixtures.parse(Fixtures.document(body: body))
        let error = try #require(throws: DocumentError.self) { try Blessing(body: document.body) }
        #expect(error.code == .invalidValue, "\(error)")
        #expect(error.path == "body.release.artifacts[0].name", "\(error)")
    }

    @Test("ordinary non-ASCII, spaces, backslashes and a leading '*' stay valid artifact names",
          arguments: ["ünïcode-节点", "two  spaces", #"back\\slash"#, "*star", "-c"])
    func artifactNameAccepted(name: String) throws {
        let body = Fixtures.blessingBody().replacingOccurrences(of: #""name": "node-linux-amd64""#, with: "\"name\": \"\(name)\"")
            .replacingOccurrences(of: #""outputs": {"node-linux-amd64""#, with: "\"outputs\": {\"\(name)\"")
        let document = try Fixtures.parse(Fixtures.document(body: body))
        #expect(try Blessing(body: document.body).artifacts.count == 1)
    }
}
