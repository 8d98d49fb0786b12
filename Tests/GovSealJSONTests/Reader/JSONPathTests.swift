import GovSealJSON
import Testing

@Suite("JSONPath")
struct JSONPathTests {
    @Test("Identifiers join with dots, indices in brackets, other names as quoted JSON strings", arguments: [
        ([], ""),
        ([.member("body"), .member("release"), .member("artifacts"), .index(2), .member("size")], "body.release.artifacts[2].size"),
        ([.index(0), .member("a_1")], "[0].a_1"),
        ([.member("_x"), .member("a b"), .member("1a"), .member("")], #"_x["a b"]["1a"][""]"#),
        ([.member("q\"\\\n"), .index(10)], #"["q\"\\\n"][10]"#),
        ([.member("caf\u{E9}")], "[\"caf\u{E9}\"]"),
    ] as [([JSONPath.Component], String)])
    func description(components: [JSONPath.Component], expected: String) {
        #expect(JSONPath(components).description == expected)
    }

    @Test("appending builds paths step by step")
    func appending() {
        #expect(JSONPath.root.appending("signatures").appending(index: 1).appending("sig").description == "signatures[1].sig")
    }
}
