// GovSealBench: the Swift half of `bench/run.sh` (not part of the product).
//
//   GovSealBench generate COUNT DIR   write COUNT signed blessings (mixed algorithms) into DIR
//   GovSealBench profile DIR          time each verification step over DIR on one thread
//   GovSealBench rebuilders COUNT DIR a blessing, its reveal, COUNT agreeing attestations by
//                                     COUNT distinct keys and a policy listing them (bench/rebuilders.sh)
#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())

func fail(_ message: String) -> Never {
    let line = Array("GovSealBench: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

do {
    switch (arguments.first, arguments.count) {
    case ("generate", 3):
        guard let count = Int(arguments[1]), count > 0 else { fail("COUNT must be a positive integer") }
        try BenchFile.makeDirectory(arguments[2])
        let counts = try DocumentGenerator.write(count: count, to: arguments[2])
        let summary = DocumentGenerator.algorithms.map { "\($0.rawValue)=\(counts[$0, default: 0])" }
        print("generated \(count) documents in \(arguments[2]): \(summary.joined(separator: " "))")
    case ("rebuilders", 3):
        guard let count = Int(arguments[1]), count > 0 else { fail("COUNT must be a positive integer") }
        try BenchFile.makeDirectory(arguments[2])
        try RebuilderSetGenerator.write(count: count, to: arguments[2])
        print("generated a blessing, its reveal, \(count) attestations and their policy in \(arguments[2])")
    case ("profile", 2):
        let steps = try VerifyProfile.run(directory: arguments[1])
        let total = steps.reduce(0) { $0 + $1.seconds }
        for (step, seconds) in steps {
            print("\(step)\t\(String(format: seconds, total: total))")
        }
    default:
        fail("usage: GovSealBench generate COUNT DIR | GovSealBench profile DIR | GovSealBench rebuilders COUNT DIR")
    }
} catch {
    fail("\(error)")
}

extension String {
    /// `12.345 s  (45.6%)`.
    init(format seconds: Double, total: Double) {
        let ms = (seconds * 1e6).rounded() / 1e3
        let share = total > 0 ? (seconds / total * 1000).rounded() / 10 : 0
        self = "\(ms) ms\t\(share)%"
    }
}
