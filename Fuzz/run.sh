#!/usr/bin/env bash
# Builds and runs govseal's libFuzzer targets, one after the other.
#
#   Fuzz/run.sh [SECONDS] [TARGET...]      default: 600 seconds, all five targets
#
# New corpus entries go to Fuzz/Corpus/<Target>/, crashes (and slow or leaking inputs) to
# Fuzz/Crashes/<Target>/, the full libFuzzer output to $FUZZ_LOGS (default .build-fuzz/logs).
# Environment:
#   FUZZ_CONFIGURATION  release (default) or debug
#   FUZZ_JOBS_ARGS      extra libFuzzer flags, e.g. "-max_len=4096 -seed=1"
#   FUZZ_MINIMIZE=1     after the run, merge the corpus into a minimal one (-merge=1) and
#                       replace Fuzz/Corpus/<Target>/ with it (the named seeds are kept as they are)
set -euo pipefail

cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzJSON FuzzDocument FuzzKeyFile FuzzParsers FuzzGitObjects)
configuration="${FUZZ_CONFIGURATION:-release}"
logs="${FUZZ_LOGS:-.build-fuzz/logs}"
mkdir -p "$logs"

max_len() {
    case "$1" in
        FuzzParsers) echo 1024 ;;
        FuzzKeyFile) echo 4096 ;;
        FuzzGitObjects) echo 65536 ;;
        *) echo 16384 ;;
    esac
}

status=0
for target in "${targets[@]}"; do
    case "$target" in
        FuzzJSON|FuzzDocument|FuzzKeyFile|FuzzParsers|FuzzGitObjects) ;;
        *) echo "unknown target '$target' (FuzzJSON, FuzzDocument, FuzzKeyFile, FuzzParsers or FuzzGitObjects)" >&2; exit 64 ;;
    esac
    # `--sanitize=fuzzer --sanitize=address` alone is not reliable: SwiftPM passes two -sanitize=
    # flags in no fixed order and the compiler keeps only the last, so a build lacks either the
    # coverage or ASan. `--sanitize=fuzzer` makes SwiftPM let libFuzzer's main in; the single
    # -Xswiftc flag, which comes last, instruments every module with both.
    swift build -c "$configuration" --product "$target" --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address \
        --scratch-path .build-fuzz
    binary="$(swift build -c "$configuration" --scratch-path .build-fuzz --show-bin-path)/$target"
    if [[ "$("$binary" -runs=0 2>&1)" != *"inline 8-bit counters"* ]]; then
        echo "$target: the binary has no coverage instrumentation; delete .build-fuzz and retry" >&2
        exit 70
    fi
    corpus="Fuzz/Corpus/$target"
    crashes="Fuzz/Crashes/$target"
    mkdir -p "$corpus" "$crashes"
    # FuzzGitObjects: inputs are at most 64 KiB, so one allocation of 256 MiB can only come from a
    # size the input claims (a delta's or an entry's header): a finding.
    malloc_limit=()
    [ "$target" = FuzzGitObjects ] && malloc_limit=(-malloc_limit_mb=256)
    dict=()
    [ -f "Fuzz/Dictionaries/$target.dict" ] && dict=("-dict=Fuzz/Dictionaries/$target.dict")
    log="$logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
    echo "== $target: $seconds s, log $log"
    # -timeout: an input taking 25 s is a finding (quadratic parsing); -rss_limit_mb likewise.
    set +e
    # Swift's own backtracer, under ASan, can hang for minutes on a crash: libFuzzer reports it.
    SWIFT_BACKTRACE=enable=no "$binary" "$corpus" "${dict[@]}" -max_total_time="$seconds" -max_len="$(max_len "$target")" \
        -timeout=25 -rss_limit_mb=2048 "${malloc_limit[@]}" -print_final_stats=1 -artifact_prefix="$crashes/" \
        ${FUZZ_JOBS_ARGS:-} >"$log" 2>&1
    code=$?
    set -e
    grep -E "^(#[0-9]+ +DONE|Done [0-9]+ runs|stat::)" "$log" || true
    if [ $code -ne 0 ]; then
        echo "!! $target: finding (exit $code); input in $crashes/, details in $log" >&2
        grep -E "ERROR: |Fatal error|property violated" "$log" | head -5 >&2 || true
        status=1
    fi
    if [ "${FUZZ_MINIMIZE:-0}" = 1 ]; then
        # Named seeds stay as they are; of the rest, only inputs adding coverage are kept.
        fresh="$(mktemp -d)"
        find "$corpus" -maxdepth 1 -type f \( -name 'valid-*' -o -name 'invalid-*' -o -name 'template-*' \) \
            -exec cp {} "$fresh/" \;
        "$binary" -merge=1 "$fresh" "$corpus" -max_len="$(max_len "$target")" >"$log.merge" 2>&1
        find "$corpus" -maxdepth 1 -type f -delete
        cp "$fresh"/* "$corpus/"
        rm -rf "$fresh"
        echo "   corpus after merge: $(find "$corpus" -type f | wc -l) files, $(du -sh "$corpus" | cut -f1)"
    fi
done
exit $status
