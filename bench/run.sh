#!/usr/bin/env bash
# The performance benchmark of issue 8 (see bench/RESULTS.md for the last measured table).
#
#   bash bench/run.sh [--rounds N] [--only sandbox]
#
# Builds govseal and GovSealBench in release mode, installs the Python reference's packages
# (cryptography, coincurve, rfc8785) with pip when missing, compiles the libsecp256k1 verify
# loop, generates its data under $GOVSEAL_BENCH_DIR (default /tmp/govseal-bench: about 6 GiB of
# disk, 2 GiB of it real data, the rest a sparse file; never in the repository), and prints one
# table: govseal next to openssl / sha256sum / the primitives / Python, with ratios and PASS/MISS.
# Tests never assert on time; this script is separate from `swift test`.
#
# Environment: GOVSEAL_BENCH_DIR (data), GOVSEAL_BENCH_SCRATCH (SwiftPM scratch path, default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
work="${GOVSEAL_BENCH_DIR:-/tmp/govseal-bench}"
scratch="${GOVSEAL_BENCH_SCRATCH:-.build}"
mkdir -p "$work"

bash scripts/setup.sh
command -v openssl >/dev/null || { echo "bench: openssl (the command) is needed" >&2; exit 2; }
command -v cc >/dev/null || { echo "bench: a C compiler (cc) is needed" >&2; exit 2; }

echo "bench: building release binaries (scratch path $scratch)"
swift build -c release --scratch-path "$scratch" --product govseal >/dev/null
swift build -c release --scratch-path "$scratch" --product GovSealBench >/dev/null
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"

if ! python3 -c "import cryptography, coincurve, rfc8785" 2>/dev/null; then
  echo "bench: installing the Python reference's packages"
  python3 -m pip install --quiet cryptography coincurve rfc8785 \
    || python3 -m pip install --quiet --user --break-system-packages cryptography coincurve rfc8785
fi

cc -O2 -o "$work/secp256k1_verify_loop" bench/secp256k1_verify_loop.c $(pkg-config --cflags --libs libsecp256k1)

echo "bench: measuring (a few minutes)"
python3 bench/harness.py --govseal "$bin/govseal" --bench "$bin/GovSealBench" \
  --loop "$work/secp256k1_verify_loop" --work "$work" "$@"
