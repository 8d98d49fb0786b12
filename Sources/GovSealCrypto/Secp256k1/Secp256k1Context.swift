import CSecp256k1

/// The one libsecp256k1 context of the process: created with `SECP256K1_CONTEXT_NONE` and
/// randomised once (side-channel blinding), then only read, which libsecp256k1 allows from
/// any thread.
///
/// libsecp256k1 aborts the process on an illegal argument (a NULL pointer, an unparsed
/// key), so every caller checks lengths and keys in Swift before calling into it.
final class Secp256k1Context: @unchecked Sendable {
    static let shared = Secp256k1Context()

    let pointer: OpaquePointer

    private init() {
        guard let context = secp256k1_context_create(UInt32(SECP256K1_CONTEXT_NONE)) else {
            fatalError("secp256k1_context_create failed")
        }
        // Randomisation only blinds against side channels; a failure to draw randomness
        // leaves a valid (unblinded) context, but we refuse to run without a working RNG.
        guard let seed = try? SecureRandom.bytes(32),
              seed.withUnsafeBufferPointer({ secp256k1_context_randomize(context, $0.baseAddress) }) == 1
        else {
            fatalError("secp256k1_context_randomize failed: no secure randomness available")
        }
        pointer = context
    }

    deinit { secp256k1_context_destroy(pointer) }
}
