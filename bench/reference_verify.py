#!/usr/bin/env python3
"""The Python reference for bench/run.sh: verifies govseal documents the way `govseal verify`
checks their signatures, with the usual Python libraries (PyPI: cryptography, coincurve,
rfc8785), and prints documents per second.

For each *.json file in DIR: strict-ish JSON parse (duplicate member names rejected), the four
top-level members, payload = RFC 8785 (JCS) bytes of `body`, M = DSSE PAE(payloadType, payload),
and for every signature: keyid = SHA-256(alg || 0x00 || public key) recomputed and compared,
then Ed25519 over M (cryptography / OpenSSL), ECDSA secp256k1 compact r||s, low-S only, over
SHA-256(M) (coincurve / libsecp256k1), BIP-340 over SHA-256(M) (coincurve).

    python3 reference_verify.py DIR [--jobs N]

Exits 1 if any document fails. `--jobs N` verifies in N processes (default 1).
"""
import hashlib
import json
import os
import sys
import time
from multiprocessing import Pool

import coincurve
import rfc8785
from coincurve.ecdsa import cdata_to_der, deserialize_compact
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

PAYLOAD_TYPES = {
    "attestation": "application/vnd.in-toto+json",
}
SECP256K1_HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0


def no_duplicates(pairs):
    seen = {}
    for name, value in pairs:
        if name in seen:
            raise ValueError(f"duplicate member {name!r}")
        seen[name] = value
    return seen


def pae(payload_type: str, payload: bytes) -> bytes:
    kind = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)


def verify_signature(entry, message: bytes) -> bool:
    alg, key, sig = entry["alg"], bytes.fromhex(entry["public_key"]), bytes.fromhex(entry["sig"])
    keyid = hashlib.sha256(alg.encode() + b"\x00" + key).hexdigest()
    if keyid != entry["keyid"] or len(sig) != 64:
        return False
    try:
        if alg == "ed25519":
            Ed25519PublicKey.from_public_bytes(key).verify(sig, message)
            return True
        digest = hashlib.sha256(message).digest()
        if alg == "ecdsa-secp256k1":
            if len(key) != 33 or int.from_bytes(sig[32:], "big") > SECP256K1_HALF_ORDER:
                return False
            der = cdata_to_der(deserialize_compact(sig))
            return coincurve.PublicKey(key).verify(der, digest, hasher=None)
        if alg == "bip340":
            return coincurve.PublicKeyXOnly(key).verify(sig, digest)
    except (InvalidSignature, ValueError):
        return False
    return False


def verify_file(path: str) -> bool:
    with open(path, "rb") as handle:
        document = json.loads(handle.read(), object_pairs_hook=no_duplicates)
    if set(document) != {"govseal", "type", "body", "signatures"} or document["govseal"] != 1:
        return False
    kind = document["type"]
    payload_type = PAYLOAD_TYPES.get(kind, f"application/vnd.govseal.{kind}.v1+json")
    message = pae(payload_type, rfc8785.dumps(document["body"]))
    signatures = document["signatures"]
    return bool(signatures) and all(verify_signature(entry, message) for entry in signatures)


def main() -> int:
    args = sys.argv[1:]
    jobs = 1
    if "--jobs" in args:
        at = args.index("--jobs")
        jobs = int(args[at + 1])
        del args[at:at + 2]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 64
    directory = args[0]
    files = sorted(os.path.join(directory, name) for name in os.listdir(directory) if name.endswith(".json"))
    start = time.perf_counter()
    if jobs > 1:
        with Pool(jobs) as pool:
            results = pool.map(verify_file, files, chunksize=64)
    else:
        results = [verify_file(path) for path in files]
    elapsed = time.perf_counter() - start
    failed = results.count(False)
    print(f"verified {len(files)} documents in {elapsed:.3f} s: {len(files) / elapsed:.1f} documents/s, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
