import GovSealFuzzing

/// libFuzzer's entry point (libFuzzer supplies `main`); the target lives in GovSealFuzzing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGitObjects(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.gitObjects.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
