#!/usr/bin/env python3
"""Measures govseal against reference tools in one run and prints a table with ratios and
PASS/MISS per target (issue 8). Run through `bash bench/run.sh`, which builds everything first.

    python3 bench/harness.py --govseal BIN --bench BIN --loop BIN --work DIR [--rounds N]

Every timing is the best of N rounds (default 5), the reference tool measured in the same round,
so a busy machine slows both sides alike; medians are printed beside the best where useful.
Hashing runs on warm page cache: each file is read once before timing (said in the table).
Generated data lives in --work (never in the repository).
"""
import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time

GIB = 1 << 30
MIB = 1 << 20


def run(args):
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def timed(args):
    """Wall seconds and peak RSS (KiB) of one process; fails on a non-zero exit."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited {child.returncode}: {err[-500:]}")
    return elapsed, usage.ru_maxrss


def best_of(rounds, commands):
    """Runs each command once per round, interleaved; returns {name: [seconds...]}."""
    times = {name: [] for name in commands}
    for _ in range(rounds):
        for name, args in commands.items():
            times[name].append(timed(args)[0])
    return times


def ensure_file(path, size, sparse=False):
    if os.path.exists(path) and os.path.getsize(path) == size:
        return
    with open(path, "wb") as out:
        if sparse:
            out.truncate(size)
            return
        left = size
        while left:
            chunk = os.urandom(min(left, 16 * MIB))
            out.write(chunk)
            left -= len(chunk)


def warm(paths):
    for path in paths:
        with open(path, "rb") as f:
            while f.read(16 * MIB):
                pass


def machine():
    cpu = "unknown"
    flags = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name") and cpu == "unknown":
                cpu = line.split(":", 1)[1].strip()
            if line.startswith("flags") and not flags:
                flags = line
    fuzz = subprocess.run(["pgrep", "-f", "Fuzz"], stdout=subprocess.PIPE, text=True).stdout.split()
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "sha_ni": "sha_ni" in flags.split(),
        "kernel": platform.release(),
        "load": os.getloadavg()[0],
        "fuzzer": len(fuzz) > 0,
    }


class Table:
    def __init__(self):
        self.rows = []

    def add(self, what, govseal, reference, ratio, target, passed):
        verdict = "" if passed is None else ("PASS" if passed else "MISS")
        self.rows.append((what, govseal, reference, ratio, target, verdict))

    def markdown(self):
        head = ("measurement", "govseal", "reference", "ratio", "target", "")
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)


def bench_hash_one(args, table):
    path = os.path.join(args.work, "one-1gib.bin")
    ensure_file(path, GIB)
    warm([path])
    digests = {run([args.govseal, "hash", path]).stdout.split()[0],
               run(["openssl", "dgst", "-sha256", "-r", path]).stdout.split()[0],
               run(["sha256sum", path]).stdout.split()[0]}
    if len(digests) != 1:
        raise SystemExit(f"digests disagree: {digests}")
    t = best_of(args.rounds, {
        "govseal": [args.govseal, "hash", path],
        "openssl": ["openssl", "dgst", "-sha256", path],
        "sha256sum": ["sha256sum", path],
    })
    rate = {k: GIB / min(v) / MIB for k, v in t.items()}
    ratio = rate["govseal"] / rate["openssl"]
    table.add("1. hash 1 GiB (warm cache), MiB/s", f"{rate['govseal']:.0f}",
              f"openssl dgst {rate['openssl']:.0f}", f"{ratio:.2f}x", ">= 0.95x", ratio >= 0.95)
    table.add("1. hash 1 GiB vs coreutils, MiB/s", f"{rate['govseal']:.0f}",
              f"sha256sum {rate['sha256sum']:.0f}", f"{rate['govseal'] / rate['sha256sum']:.2f}x", "(info)", None)


def bench_hash_eight(args, table):
    paths = [os.path.join(args.work, f"eight-{i}.bin") for i in range(8)]
    for path in paths:
        ensure_file(path, 128 * MIB)
    warm(paths)
    parallel, serial = [], []
    for _ in range(args.rounds):
        parallel.append(timed([args.govseal, "hash", *paths])[0])
        serial.append(sum(timed([args.govseal, "hash", path])[0] for path in paths))
    speedup = min(serial) / min(parallel)
    table.add("2. hash 8 x 128 MiB: all at once vs one at a time, s", f"{min(parallel):.2f}",
              f"{min(serial):.2f}", f"{speedup:.2f}x", f">= 1.7x on {os.cpu_count()} cores", speedup >= 1.7)


def primitive_rates(args):
    out = run(["openssl", "speed", "-seconds", "2", "ed25519"]).stdout.decode()
    match = re.search(r"Ed25519\)\s+\S+\s+\S+\s+\S+\s+([\d.]+)", out)
    rates = {"ed25519": float(match.group(1))}
    for line in run([args.loop, "2"]).stdout.decode().splitlines():
        name, value = line.split()
        rates["ecdsa-secp256k1" if name == "ecdsa" else name] = float(value)
    return rates


def bench_verify(args, table, extra):
    docs = os.path.join(args.work, "docs-10000")
    marker = os.path.join(docs, ".complete")
    if not os.path.exists(marker):
        subprocess.run(["rm", "-rf", docs], check=True)
        line = run([args.bench, "generate", "10000", docs]).stdout.decode().strip()
        with open(marker, "w") as f:
            f.write(line + "\n")
    with open(marker) as f:
        counts = {k: int(v) for k, v in re.findall(r"(\S+)=(\d+)", f.read())}
    total = sum(counts.values())
    warm([os.path.join(docs, n) for n in os.listdir(docs) if n.endswith(".json")])
    rates = primitive_rates(args)
    per_core = 1 / sum(counts[alg] / total / rates[alg] for alg in counts)
    ceiling = per_core * os.cpu_count()
    t = best_of(max(3, args.rounds), {"all": [args.govseal, "verify", docs],
                                      "one": ["taskset", "-c", "0", args.govseal, "verify", docs]})
    rate, rate_one = total / min(t["all"]), total / min(t["one"])
    python = run([sys.executable, args.reference, docs]).stdout.decode()
    python_rate = float(re.search(r"([\d.]+) documents/s", python).group(1))
    mix = ", ".join(f"{alg} {rates[alg]:.0f}/s" for alg in counts)
    table.add(f"3. verify {total} documents (1/3 each alg), docs/s", f"{rate:.0f}",
              f"primitive ceiling {ceiling:.0f} ({os.cpu_count()} x {per_core:.0f})", f"{rate / ceiling:.2f}x",
              ">= 0.5x", rate / ceiling >= 0.5)
    table.add("3. same, pinned to one core (taskset -c 0), docs/s", f"{rate_one:.0f}",
              f"one-core ceiling {per_core:.0f}", f"{rate_one / per_core:.2f}x", "(info)", None)
    table.add("3. verify vs Python reference (1 process), docs/s", f"{rate:.0f}", f"python {python_rate:.0f}",
              f"{rate / python_rate:.1f}x", ">= 10x", rate / python_rate >= 10)
    extra.append(f"Primitive rates, one core: {mix} (openssl speed ed25519; bench/secp256k1_verify_loop.c).")
    profile = run([args.bench, "profile", docs]).stdout.decode().strip().splitlines()
    extra.append("Where one thread's verification time goes (GovSealBench profile):")
    extra += [f"  {line}" for line in profile]
    return docs


def bench_startup(args, table, docs):
    one = os.path.join(docs, "doc-00000.json")
    t = best_of(max(30, args.rounds), {"version": [args.govseal, "--version"], "verify": [args.govseal, "verify", one],
                                       "true": ["/bin/true"]})
    med = {k: statistics.median(v) * 1000 for k, v in t.items()}
    low = {k: min(v) * 1000 for k, v in t.items()}
    table.add("4. govseal --version, wall ms (median / best)", f"{med['version']:.1f} / {low['version']:.1f}",
              f"/bin/true {med['true']:.1f}", "", "< 20 ms", med["version"] < 20)
    table.add("4. govseal verify one document, wall ms (median / best)", f"{med['verify']:.1f} / {low['verify']:.1f}",
              "", "", "< 40 ms", med["verify"] < 40)


def bench_memory(args, table):
    path = os.path.join(args.work, "sparse-4gib.bin")
    ensure_file(path, 4 * GIB, sparse=True)
    seconds, rss = timed([args.govseal, "hash", path])
    table.add("5. hash 4 GiB sparse file: peak RSS, MiB", f"{rss / 1024:.1f}", f"({seconds:.1f} s)", "",
              "< 64 MiB", rss / 1024 < 64)


SANDBOX_BUILD = "mkdir -p out && seq 1 6000000 | gzip -6 -n | sha256sum > out/digest.txt\n"


def bench_sandbox(args, table):
    """Issue 13: wall time of `rebuild` of a ~2 s build, in bubblewrap vs --no-sandbox, interleaved."""
    root = os.path.join(args.work, "sandbox")
    repo = os.path.join(root, "src")
    if not os.path.exists(os.path.join(root, "blessing.json")):
        subprocess.run(["rm", "-rf", root], check=True)
        os.makedirs(repo)
        with open(os.path.join(repo, "build.sh"), "w") as f:
            f.write(SANDBOX_BUILD)
        git = ["git", "-C", repo, "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
        run(git[:3] + ["init", "-q"])
        run(git[:3] + ["add", "-A"])
        run(git + ["commit", "-q", "-m", "bench"])
        subprocess.run(["sh", "build.sh"], cwd=repo, check=True)
        os.rename(os.path.join(repo, "out", "digest.txt"), os.path.join(root, "digest.txt"))
        run([args.govseal, "new", "blessing", "--chain", "icp:mainnet", "--title", "bench", "--summary", "s",
             "--repository", "https://example.org/bench.git", "--repo", repo, "--commit", "HEAD",
             "--artifact", os.path.join(root, "digest.txt"), "--build-command", "sh build.sh",
             "--output", "digest.txt=out/digest.txt", "--out", os.path.join(root, "blessing.json")])
    rebuild = [args.govseal, "rebuild", os.path.join(root, "blessing.json"), "--source", repo, "--quiet"]
    t = best_of(max(3, args.rounds), {"sandbox": rebuild, "none": rebuild + ["--no-sandbox"]})
    med = {k: statistics.median(v) for k, v in t.items()}
    ratio = med["sandbox"] / med["none"]
    table.add("6. rebuild of a ~2 s build, wall s (median): bubblewrap vs --no-sandbox", f"{med['sandbox']:.2f}",
              f"--no-sandbox {med['none']:.2f}", f"{ratio:.3f}x", "<= 1.10x", ratio <= 1.10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--govseal", required=True)
    parser.add_argument("--bench", required=True)
    parser.add_argument("--loop", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--reference", default=os.path.join(os.path.dirname(__file__), "reference_verify.py"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", choices=["sandbox"], help="measure one row only")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    info = machine()
    table, extra = Table(), []
    if args.only != "sandbox":
        bench_hash_one(args, table)
        bench_hash_eight(args, table)
        docs = bench_verify(args, table, extra)
        bench_startup(args, table, docs)
        bench_memory(args, table)
    bench_sandbox(args, table)
    after = machine()
    print(f"Date: {info['date']}. Machine: {info['nproc']} cores, {info['cpu']}, sha_ni "
          f"{'present' if info['sha_ni'] else 'absent'}, Linux {info['kernel']}.")
    busy = info["fuzzer"] or after["fuzzer"]
    print(f"Load average at start {info['load']:.2f}, at end {after['load']:.2f}; "
          f"a fuzzer was {'RUNNING (numbers are pessimistic)' if busy else 'not running'}. "
          f"Best of {args.rounds} rounds; hashing on warm page cache.")
    print()
    print(table.markdown())
    print()
    print("\n".join(extra))
    misses = sum(1 for row in table.rows if row[5] == "MISS")
    print(f"\n{len([r for r in table.rows if r[5]]) - misses} passed, {misses} missed")


if __name__ == "__main__":
    main()
