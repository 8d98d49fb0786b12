#!/usr/bin/env bash
# Counting rebuilders is linear (issue 12): times `govseal verify` of a reveal against N agreeing
# attestations, each signed by its own key, all listed in the policy's `rebuilder` role, for
# several N, and prints seconds and microseconds per attestation (flat when growth is linear).
#
#   bash bench/rebuilders.sh [N...]        (default: 1000 2500 5000 10000)
#
# Environment: GOVSEAL_BENCH_DIR (data, default /tmp/govseal-bench-rebuilders),
# GOVSEAL_BENCH_SCRATCH (SwiftPM scratch path, default .build), GOVSEAL_BENCH_CONFIG (release|debug).
# Tests never assert on time; this script is separate from `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${GOVSEAL_BENCH_DIR:-/tmp/govseal-bench-rebuilders}"
scratch="${GOVSEAL_BENCH_SCRATCH:-.build}"
config="${GOVSEAL_BENCH_CONFIG:-release}"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 2500 5000 10000)

swift build -c "$config" --scratch-path "$scratch" --product govseal >/dev/null
swift build -c "$config" --scratch-path "$scratch" --product GovSealBench >/dev/null
bin="$(swift build -c "$config" --scratch-path "$scratch" --show-bin-path)"

printf '%-8s %-12s %-10s %-14s %s\n' N mode seconds "us/attest." result
for n in "${counts[@]}"; do
  dir="$work/n$n"
  rm -rf "$dir"
  mkdir -p "$work"
  "$bin/GovSealBench" rebuilders "$n" "$dir" >/dev/null
  for mode in attestations in-set; do
    if [ "$mode" = attestations ]; then
      args=(verify "$dir/docs" --policy "$dir/policy.json" --attestations "$dir/att" --at 2026-06-01T00:00:00Z)
    else
      args=(verify "$dir/docs" "$dir/att" --policy "$dir/policy.json" --at 2026-06-01T00:00:00Z)
    fi
    start=$(date +%s.%N)
    set +e
    "$bin/govseal" "${args[@]}" >"$dir/out-$mode.txt" 2>&1
    status=$?
    set -e
    end=$(date +%s.%N)
    line=$(grep -m1 -o "agreeing rebuilders: [0-9]* valid of [0-9]* required" "$dir/out-$mode.txt" || echo "no rebuilders line")
    awk -v n="$n" -v m="$mode" -v s="$start" -v e="$end" -v st="$status" -v l="$line" \
      'BEGIN { t = e - s; printf "%-8d %-12s %-10.2f %-14.1f exit %d, %s\n", n, m, t, t / n * 1e6, st, l }'
  done
  rm -rf "$dir"
done
