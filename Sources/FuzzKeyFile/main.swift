import GovSealFuzzing

/// libFuzzer's entry point (libFuzzer supplies `main`); the target lives in GovSealFuzzing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeyFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.keyFile.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
