import GovSealDocuments
import GovSealFiles
import GovSealJSON
#if canImport(Glibc)
import Glibc
#endif

/// Times each step of verifying a folder of documents on one thread, so the report can say
/// where `govseal verify` spends its time: reading, strict parsing, building the document
/// (which canonicalises the body once), PAE + signature checks, and the remaining checks.
enum VerifyProfile {
    static func run(directory: String) throws -> [(step: String, seconds: Double)] {
        let files = try DocumentSet.load([directory]).documents.map(\.file)
        var read = 0.0, parse = 0.0, build = 0.0, signatures = 0.0, checks = 0.0
        let context = VerificationContext()
        for file in files {
            var start = now()
            let bytes = try AtomicFile.read(file)
            read += lap(&start)
            let value = try JSONReader.parse(bytes, limits: .document)
            parse += lap(&start)
            let document = try Document(json: value)
            build += lap(&start)
            let verdicts = document.checkSignatures()
            signatures += lap(&start)
            let report = try Verifier.verify(document, context: context)
            checks += lap(&start)
            guard verdicts.allSatisfy(\.isValid), report.passed else {
                throw BenchFile.WriteError(path: file, code: -1)
            }
        }
        // `Verifier.verify` repeats the signature checks; count only its remainder.
        checks = max(0, checks - signatures)
        return [("read file", read), ("parse JSON (strict)", parse), ("document + JCS payload", build),
                ("PAE + keyid + signature verify", signatures), ("body decode + other checks", checks)]
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func lap(_ start: inout Double) -> Double {
        let end = now()
        defer { start = end }
        return end - start
    }
}
