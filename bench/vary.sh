#!/usr/bin/env bash
# Issue 16: `govseal rebuild --vary` next to Debian's reprotest (+ diffoscope) on the anchor projects,
# and the cost of --vary against one build.
#
#   bash bench/vary.sh [--govseal PATH] [--loops N] [--skip-reprotest]
#
# Makes one small git project per anchor under $GOVSEAL_BENCH_DIR/vary (default /tmp/govseal-bench/vary):
# each build depends on exactly one thing (the clock, the path, umask, locale collation, timezone,
# hostname, user, home, nproc, directory order, an unrelated variable, /dev/urandom), plus one
# deterministic project. For each it prints which variation govseal attributes the difference to,
# and (when reprotest is installed: apt-get install --no-install-recommends reprotest diffoscope-minimal)
# whether `reprotest` detects it and what `reprotest --auto-build` attributes it to, with wall times.
# Note: reprotest's null backend runs the builds WITHOUT a sandbox, as the caller.
#
# Then the speed row: a CPU-bound build of about 5 s (--loops tunes it), one `govseal rebuild` against
# `govseal rebuild --vary` with all 11 variations (13 builds), and the ratio (target: <= 7x on 2 cores).
# Tests never assert on time; this script is separate from `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
govseal=""
loops=4000000
skip_reprotest=""
while [ $# -gt 0 ]; do
  case "$1" in
    --govseal) govseal="$2"; shift 2 ;;
    --loops) loops="$2"; shift 2 ;;
    --skip-reprotest) skip_reprotest=1; shift ;;
    *) echo "usage: bash bench/vary.sh [--govseal PATH] [--loops N] [--skip-reprotest]" >&2; exit 64 ;;
  esac
done
bash scripts/setup.sh
if [ -z "$govseal" ]; then
  swift build -c release --product govseal >/dev/null
  govseal="$(swift build -c release --show-bin-path)/govseal"
fi
work="${GOVSEAL_BENCH_DIR:-/tmp/govseal-bench}/vary"
rm -rf "$work" && mkdir -p "$work"
now() { date +%s.%N; }
elapsed() { echo "$1 $2" | awk '{printf "%.1f", $2 - $1}'; }

# name ~ build line ~ the one thing it depends on
anchors=(
  "clock~date -u +%Y > out/a~time"
  "path~pwd > out/a~build_path"
  "umask~: > out/t && stat -c %a out/t > out/a~umask"
  "locale~printf 'b\\nB\\na\\nA\\n' | sort | tr '\\n' ' ' > out/a~locale"
  "timezone~date +%z > out/a~timezone"
  "hostname~uname -n > out/a~hostname"
  "user~id -u > out/a~user"
  "home~echo \"\$HOME\" > out/a~home"
  "nproc~nproc > out/a~num_cpus"
  "order~find files -type f > out/a~file_order"
  "environment~env | cut -d= -f1 | sort > out/a~environment"
  "random~head -c 16 /dev/urandom | od -An -tx1 > out/a~control"
  "deterministic~printf 'same\\n' > out/a~none"
)

# project NAME BUILD-LINE: a git repository and an unsigned blessing of its output out/a.
project() {
  local dir="$work/$1"
  mkdir -p "$dir/src/files" "$dir/dl"
  for f in alpha bravo charlie delta echo foxtrot; do echo "$f" > "$dir/src/files/$f"; done
  printf 'set -e\nmkdir -p out\n%s\n' "$2" > "$dir/src/build.sh"
  git -C "$dir/src" init -q && git -C "$dir/src" add -A
  git -C "$dir/src" -c user.name=bench -c user.email=bench@example.org commit -qm anchor
  echo placeholder > "$dir/dl/a"
  (cd "$dir" && "$govseal" new blessing --chain icp:mainnet --title "$1" --summary bench --repository https://example.org/x.git \
     --repo src --commit HEAD --artifact dl/a --build-command "sh build.sh" --output a=out/a --out blessing.json >/dev/null)
}

have_reprotest=""
[ -z "$skip_reprotest" ] && command -v reprotest >/dev/null && command -v diffoscope >/dev/null && have_reprotest=1
printf '%-14s %-12s | %-24s %6s | %-9s %-26s %6s\n' anchor "depends on" "govseal --vary attributes" "s" reprotest "reprotest --auto-build" "s"
g_right=0; r_detect=0; r_right=0; total=0
for entry in "${anchors[@]}"; do
  IFS='~' read -r name line cause <<<"$entry"
  project "$name" "$line"
  dir="$work/$name"
  t0=$(now)
  (cd "$dir" && "$govseal" rebuild blessing.json --source src --vary --quiet --json > vary.json 2>vary.err) || true
  t1=$(now)
  attributed=$(python3 -c '
import json,sys
r=json.load(open(sys.argv[1])); a=r["artifacts"][0]
print("control" if a["non_deterministic"] else (",".join(a["varies_with"]) or "none"))' "$dir/vary.json" 2>/dev/null || echo error)
  total=$((total + 1)); [ "$attributed" = "$cause" ] && g_right=$((g_right + 1))
  rdetect="-"; rattr="-"; rtime="-"
  if [ -n "$have_reprotest" ]; then
    t2=$(now)
    if (cd "$dir" && timeout 600 reprotest --vary=+all,-user_group -c "sh build.sh" src out/a >reprotest.log 2>&1); then rdetect=no; else rdetect=yes; fi
    (cd "$dir" && timeout 900 reprotest --auto-build --vary=+all,-user_group -c "sh build.sh" src out/a >auto.log 2>&1) || true
    t3=$(now)
    rattr=$(awk '/^Observed unreproducibility when varying each/{f=1;next} /^The build is probably/{f=0} f{printf "%s%s", s, $0; s=","}' "$dir/auto.log")
    [ -z "$rattr" ] && rattr=$(grep -q 'Reproducibility test failed' "$dir/auto.log" && echo "(not attributed)" || echo none)
    rtime=$(elapsed "$t2" "$t3")
    if [ "$cause" = none ]; then [ "$rdetect" = no ] && r_detect=$((r_detect + 1)); else [ "$rdetect" = yes ] && r_detect=$((r_detect + 1)); fi
    [ "$rattr" = "$cause" ] && r_right=$((r_right + 1))
  fi
  printf '%-14s %-12s | %-24s %6s | %-9s %-26s %6s\n' "$name" "$cause" "$attributed" "$(elapsed "$t0" "$t1")" "$rdetect" "$rattr" "$rtime"
done
echo "govseal: $g_right of $total attributed to their one cause"
[ -n "$have_reprotest" ] && echo "reprotest: $r_detect of $total detected correctly; --auto-build named the one cause for $r_right (reprotest's names differ: e.g. build_path, fileordering, domain_host)"
[ -z "$have_reprotest" ] && echo "reprotest: not installed (or --skip-reprotest); only govseal measured"

# The speed row: a CPU-bound build of about 5 s.
project speed "i=0; while [ \$i -lt $loops ]; do i=\$((i+1)); done; echo \$i > out/a"
dir="$work/speed"
t0=$(now); (cd "$dir" && "$govseal" rebuild blessing.json --source src --quiet >/dev/null 2>&1) || true; t1=$(now)
single=$(elapsed "$t0" "$t1")
t2=$(now); (cd "$dir" && "$govseal" rebuild blessing.json --source src --vary --quiet >/dev/null 2>&1) || true; t3=$(now)
vary=$(elapsed "$t2" "$t3")
echo "speed: one rebuild ${single}s, --vary with 11 variations ${vary}s, ratio $(echo "$single $vary" | awk '{printf "%.2fx", $2 / $1}') (target <= 7x on 2 cores; $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg))"
