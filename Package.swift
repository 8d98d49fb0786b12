// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "govseal",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "govseal", targets: ["govseal"]),
        .library(name: "GovSeal", targets: [
            "GovSealFiles", "GovSealEncoding", "GovSealCrypto", "GovSealJSON", "GovSealChains",
            "GovSealDocuments", "GovSealSource", "GovSealExport", "GovSealDemo",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries: only GovSealCrypto imports these.
        .systemLibrary(name: "CSecp256k1", pkgConfig: "libsecp256k1",
                       providers: [.apt(["libsecp256k1-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        // zlib, for reading git objects natively (only GovSealSource imports it).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libarchive, for naming the archive members that differ (only GovSealSource imports it).
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),

        // Crash-safe file writes (temporary file, fsync, rename) and locks.
        .target(name: "GovSealFiles"),
        // Pure Swift encodings and the hashes OpenSSL lacks (Keccak-256, CRC-32).
        .target(name: "GovSealEncoding"),
        // Digests, signatures, keys and key files over libsecp256k1 and OpenSSL.
        .target(name: "GovSealCrypto", dependencies: ["CSecp256k1", "COpenSSL", "GovSealEncoding", "GovSealFiles", "GovSealJSON"]),
        // Strict I-JSON reader and RFC 8785 canonical writer.
        .target(name: "GovSealJSON"),
        // CAIP-2 chain ids and each chain's address rules.
        .target(name: "GovSealChains", dependencies: ["GovSealCrypto", "GovSealEncoding"]),
        // Git objects read natively from untrusted repositories, trees, reproducible rebuilds.
        .target(name: "GovSealSource", dependencies: ["CArchive", "CZlib", "GovSealCrypto", "GovSealEncoding"]),
        // The document envelope, bodies, signing, verification, policies, the registry.
        .target(name: "GovSealDocuments", dependencies: [
            "GovSealJSON", "GovSealCrypto", "GovSealEncoding", "GovSealChains", "GovSealSource", "GovSealFiles",
        ]),
        // Native chain submission formats and DSSE / in-toto envelopes.
        .target(name: "GovSealExport", dependencies: [
            "GovSealDocuments", "GovSealJSON", "GovSealCrypto", "GovSealEncoding", "GovSealChains",
        ]),
        // `govseal demo`: the lifecycle on a bundled example.
        .target(name: "GovSealDemo", dependencies: [
            "GovSealDocuments", "GovSealSource", "GovSealCrypto", "GovSealEncoding", "GovSealFiles",
        ]),
        .target(name: "GovSealCLI", dependencies: [
            "GovSealDocuments", "GovSealDemo", "GovSealExport", "GovSealSource", "GovSealChains",
            "GovSealCrypto", "GovSealEncoding", "GovSealJSON", "GovSealFiles",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "govseal", dependencies: ["GovSealCLI"]),

        .testTarget(name: "GovSealEncodingTests", dependencies: ["GovSealEncoding"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GovSealCryptoTests", dependencies: ["GovSealCrypto", "GovSealEncoding"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GovSealJSONTests", dependencies: ["GovSealJSON"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GovSealChainsTests", dependencies: ["GovSealChains", "GovSealCrypto", "GovSealEncoding"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GovSealSourceTests", dependencies: ["GovSealSource", "GovSealCrypto", "GovSealTestSupport"]),
        .testTarget(name: "GovSealDocumentsTests", dependencies: [
            "GovSealDocuments", "GovSealJSON", "GovSealCrypto", "GovSealEncoding", "GovSealChains",
        ]),
        .testTarget(name: "GovSealExportTests", dependencies: ["GovSealExport", "GovSealDocuments", "GovSealJSON", "GovSealCrypto", "GovSealEncoding"],
                    exclude: ["Fixtures"]),
        // Shared by the end-to-end test targets: finds the built govseal binary.
        .target(name: "GovSealTestSupport", path: "Tests/GovSealTestSupport"),
        .testTarget(name: "GovSealCLITests", dependencies: ["govseal", "GovSealTestSupport", "GovSealCrypto", "GovSealEncoding", "GovSealJSON"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "GovSealReliabilityTests", dependencies: ["govseal", "GovSealTestSupport", "GovSealCrypto", "GovSealEncoding", "GovSealFiles"]),

        // The benchmark's helper (bench/run.sh): generates signed documents, profiles verification.
        .executableTarget(name: "GovSealBench", dependencies: [
            "GovSealDocuments", "GovSealCrypto", "GovSealEncoding", "GovSealJSON", "GovSealFiles",
        ]),

        // MARK: fuzzing (owned by the fuzzing work; see Fuzz/README.md)
        // The fuzz target bodies; the executables only hold libFuzzer's entry point. Build and run
        // them with Fuzz/run.sh (README there: `--sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address`).
        .target(name: "GovSealFuzzing", dependencies: [
            "GovSealJSON", "GovSealDocuments", "GovSealExport", "GovSealCrypto", "GovSealEncoding", "GovSealChains",
            "GovSealSource",
        ]),
        .executableTarget(name: "FuzzJSON", dependencies: ["GovSealFuzzing"]),
        .executableTarget(name: "FuzzDocument", dependencies: ["GovSealFuzzing"]),
        .executableTarget(name: "FuzzKeyFile", dependencies: ["GovSealFuzzing"]),
        .executableTarget(name: "FuzzParsers", dependencies: ["GovSealFuzzing"]),
        .executableTarget(name: "FuzzGitObjects", dependencies: ["GovSealFuzzing"]),
        // Replays Fuzz/Corpus and Fuzz/Crashes through the same targets.
        .testTarget(name: "GovSealFuzzingTests", dependencies: ["GovSealFuzzing"]),
        // END fuzzing
    ],
    swiftLanguageModes: [.v6]
)
