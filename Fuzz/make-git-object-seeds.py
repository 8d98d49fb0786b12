#!/usr/bin/env python3
"""Writes the named seeds of Fuzz/Corpus/FuzzGitObjects (see Fuzz/README.md).

Valid seeds are made by git itself from small throwaway repositories (sha1 and sha256; packs with
offset deltas and, with `repack.useDeltaBaseOffset=false`, ref deltas). Hostile seeds are built
here: truncated and corrupt packs, indexes and loose objects, ref-delta loops, huge claimed sizes,
malformed deltas, unsafe tree entries. Input layout (GitObjectFuzzTarget): the first byte picks the
reader (bits 0-1: 0 delta, 1 index + pack, 2 loose object, 3 tree) and bit 2 the sha256 format.
"""
import hashlib, os, shutil, struct, subprocess, sys, tempfile, zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus", "FuzzGitObjects")
ENV = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null", HOME="/nonexistent",
           GIT_AUTHOR_NAME="Seed", GIT_AUTHOR_EMAIL="seed@example.org", GIT_COMMITTER_NAME="Seed",
           GIT_COMMITTER_EMAIL="seed@example.org", GIT_AUTHOR_DATE="@1700000000 +0000",
           GIT_COMMITTER_DATE="@1700000000 +0000", LC_ALL="C")
DELTA, PACK, LOOSE, TREE = 0, 1, 2, 3
FORMATS = {"sha1": 0, "sha256": 4}


def git(repo, *args, data=None):
    return subprocess.run(["git", "-C", repo, *args], env=ENV, input=data, check=True,
                          capture_output=True).stdout


def seed(name, selector, payload):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(bytes([selector]) + payload)


def pair(idx, pack):
    return struct.pack(">H", len(idx)) + idx + pack


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def history(repo, fmt):
    """A file edited over 12 commits (long delta chains), a script, a link and a subfolder."""
    subprocess.run(["git", "init", "-q", "-b", "main", f"--object-format={fmt}", repo], env=ENV, check=True)
    lines = [f"line {i}: the quick brown fox jumps over the lazy dog\n" for i in range(40)]
    for step in range(12):
        lines[(step * 7) % 40] = f"line {step}: edited in commit {step}\n"
        write(f"{repo}/notes.txt", "".join(lines))
        write(f"{repo}/sub/hello.txt", "hello\n")
        write(f"{repo}/run.sh", "#!/bin/sh\necho hi\n", 0o755)
        if not os.path.lexists(f"{repo}/link"):
            os.symlink("hello.txt", f"{repo}/link")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"commit {step}")


def packs(repo):
    folder = f"{repo}/.git/objects/pack"
    (name,) = [n[:-4] for n in os.listdir(folder) if n.endswith(".idx")]
    return open(f"{folder}/{name}.idx", "rb").read(), open(f"{folder}/{name}.pack", "rb").read()


def object_id(fmt, kind, content):
    return hashlib.new(fmt, f"{kind} {len(content)}\0".encode() + content).digest()


def entry_header(kind, size):
    byte = (kind << 4) | (size & 15)
    size >>= 4
    out = bytearray()
    while size:
        out.append(byte | 0x80)
        byte = size & 0x7f
        size >>= 7
    out.append(byte)
    return bytes(out)


def build_pack(fmt, entries):
    """entries: (id, kind, raw entry payload after the header, declared size, ref base id or None).
    Returns (idx, pack) with correct checksums and CRCs; ids are whatever the caller says."""
    body = bytearray(b"PACK" + struct.pack(">II", 2, len(entries)))
    offsets = {}
    crcs = {}
    for oid, kind, payload, declared, base in entries:
        offsets[oid] = len(body)
        start = len(body)
        body += entry_header(kind, declared) + (base or b"") + zlib.compress(payload)
        crcs[oid] = zlib.crc32(bytes(body[start:]))
    body += hashlib.new(fmt, bytes(body)).digest()
    ids = sorted(offsets)
    fan = [sum(1 for i in ids if i[0] <= b) for b in range(256)]
    idx = bytearray(b"\xfftOc" + struct.pack(">I", 2) + b"".join(struct.pack(">I", n) for n in fan))
    idx += b"".join(ids) + b"".join(struct.pack(">I", crcs[i]) for i in ids)
    idx += b"".join(struct.pack(">I", offsets[i]) for i in ids)
    idx += body[-hashlib.new(fmt).digest_size:]
    idx += hashlib.new(fmt, bytes(idx)).digest()
    return bytes(idx), bytes(body)


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7f
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    work = tempfile.mkdtemp(prefix="govseal-seeds-")
    try:
        for fmt, bit in FORMATS.items():
            repo = f"{work}/{fmt}"
            history(repo, fmt)
            head = git(repo, "rev-parse", "HEAD").decode().strip()
            tree = git(repo, "rev-parse", "HEAD^{tree}").decode().strip()
            blob = git(repo, "rev-parse", "HEAD:notes.txt").decode().strip()
            for kind, oid in (("commit", head), ("tree", tree), ("blob", blob)):
                seed(f"valid-loose-{kind}-{fmt}", LOOSE | bit,
                     open(f"{repo}/.git/objects/{oid[:2]}/{oid[2:]}", "rb").read())
            sub = git(repo, "rev-parse", "HEAD:sub").decode().strip()
            ids = {p: git(repo, "rev-parse", f"HEAD:{p}").decode().strip() for p in ("sub/hello.txt", "run.sh", "link")}
            listing = (f"100644 blob {ids['sub/hello.txt']}\thello.txt\n120000 blob {ids['link']}\tlink\n"
                       f"100755 blob {ids['run.sh']}\trun.sh\n040000 tree {sub}\tsub\n")
            fixed = git(repo, "mktree", data=listing.encode()).decode().strip()
            seed(f"valid-tree-{fmt}", TREE | bit, git(repo, "cat-file", "tree", fixed))
            seed(f"invalid-tree-missing-blob-{fmt}", TREE | bit, git(repo, "cat-file", "tree", tree))
            seed(f"valid-tree-subfolder-{fmt}", TREE | bit, git(repo, "cat-file", "tree", sub))
            git(repo, "repack", "-adf", "--depth=50", "--window=50")
            idx, pack = packs(repo)
            seed(f"valid-pack-ofs-deltas-{fmt}", PACK | bit, pair(idx, pack))
            git(repo, "-c", "repack.useDeltaBaseOffset=false", "repack", "-adf", "--depth=50", "--window=50")
            ridx, rpack = packs(repo)
            seed(f"valid-pack-ref-deltas-{fmt}", PACK | bit, pair(ridx, rpack))
            # hostile variants of git's own files
            seed(f"invalid-pack-truncated-{fmt}", PACK | bit, pair(idx, pack[: len(pack) // 2]))
            seed(f"invalid-index-truncated-{fmt}", PACK | bit, pair(idx[: len(idx) // 2], pack))
            corrupt = bytearray(pack)
            for at in range(40, len(corrupt) - 40, 97):
                corrupt[at] ^= 0x5a
            seed(f"invalid-pack-corrupt-zlib-{fmt}", PACK | bit, pair(idx, bytes(corrupt)))
            # crafted packs: a ref-delta loop, a delta naming itself, huge claimed sizes
            n = hashlib.new(fmt).digest_size
            a, b = b"\x11" * n, b"\x22" * n
            delta = varint(10) + varint(10) + bytes([0x90, 10])  # copy the whole 10-byte base
            seed(f"invalid-pack-ref-delta-loop-{fmt}", PACK | bit,
                 pair(*build_pack(fmt, [(a, 7, delta, len(delta), b), (b, 7, delta, len(delta), a)])))
            seed(f"invalid-pack-ref-delta-self-{fmt}", PACK | bit,
                 pair(*build_pack(fmt, [(a, 7, delta, len(delta), a)])))
            blob10 = b"0123456789"
            bid = object_id(fmt, "blob", blob10)
            huge = varint(10) + varint(1 << 29) + bytes([0x80]) * 64  # 64 copies of 64 KiB claimed
            seed(f"invalid-pack-delta-huge-result-{fmt}", PACK | bit,
                 pair(*build_pack(fmt, [(bid, 3, blob10, 10, None), (b, 7, huge, len(huge), bid)])))
            seed(f"invalid-pack-entry-huge-size-{fmt}", PACK | bit,
                 pair(*build_pack(fmt, [(bid, 3, blob10, 1 << 40, None)])))
            good = varint(10) + varint(14) + bytes([0x90, 10]) + bytes([4]) + b"more"
            gid = object_id(fmt, "blob", blob10 + b"more")
            seed(f"valid-pack-crafted-ref-delta-{fmt}", PACK | bit,
                 pair(*build_pack(fmt, [(bid, 3, blob10, 10, None), (gid, 7, good, len(good), bid)])))
            # loose objects: a zlib bomb claiming a huge blob, wrong sizes, corrupt and cut streams
            seed(f"invalid-loose-huge-claim-{fmt}", LOOSE | bit, zlib.compress(b"blob 1073741824\0" + b"\0" * 65536, 9))
            seed(f"invalid-loose-size-mismatch-{fmt}", LOOSE | bit, zlib.compress(b"blob 5\0hello world"))
            zipped = zlib.compress(b"blob 11\0hello world")
            seed(f"invalid-loose-truncated-{fmt}", LOOSE | bit, zipped[:-6])
            seed(f"invalid-loose-corrupt-zlib-{fmt}", LOOSE | bit, zipped[:4] + b"\xff\xff" + zipped[6:])
            seed(f"invalid-loose-unknown-kind-{fmt}", LOOSE | bit, zlib.compress(b"blub 5\0hello"))
            # trees: unsafe names, a submodule, a duplicate, a missing object, a link out of the folder
            hello = object_id(fmt, "blob", b"hello\n")
            for label, name, mode in (("dotdot", b"..", b"100644"), ("dotgit", b".GIT", b"40000"),
                                      ("slash", b"a/b", b"100644"), ("submodule", b"mod", b"160000"),
                                      ("mode", b"x", b"100664")):
                seed(f"invalid-tree-{label}-{fmt}", TREE | bit, mode + b" " + name + b"\0" + hello)
            seed(f"invalid-tree-duplicate-{fmt}", TREE | bit, (b"100644 a\0" + hello) * 2)
            subtree = object_id(fmt, "tree", b"100644 hello.txt\0" + hello)
            seed(f"invalid-tree-file-names-a-tree-{fmt}", TREE | bit, b"40000 a\0" + subtree + b"100644 b\0" + subtree)
            seed(f"invalid-tree-missing-{fmt}", TREE | bit, b"100644 a\0" + b"\x33" * n)
            seed(f"invalid-tree-unsorted-{fmt}", TREE | bit, b"100644 b\0" + hello + b"100644 a\0" + hello)
            seed(f"invalid-tree-cut-{fmt}", TREE | bit, b"100644 a\0" + hello[:5])
            link = object_id(fmt, "blob", b"hello.txt")
            seed(f"valid-tree-link-{fmt}", TREE | bit, b"120000 escape\0" + link + b"100644 hello.txt\0" + hello)
        # deltas against the fixed base of GitObjectFuzzTarget (40 lines, 1,290 bytes)
        base = "".join(f"line {i} of the fixed delta base\n" for i in range(40)).encode()
        size = len(base)
        seed("valid-delta-copy-all", DELTA, varint(size) + varint(size) + bytes([0xb0]) + struct.pack("<H", size))
        seed("valid-delta-copy-insert", DELTA, varint(size) + varint(20) + bytes([0x91, 5, 10]) + bytes([10]) + b"0123456789")
        seed("valid-delta-empty-result", DELTA, varint(size) + varint(0))
        seed("invalid-delta-copy-out-of-bounds", DELTA, varint(size) + varint(20) + bytes([0x93]) + struct.pack("<H", size - 5) + bytes([20]))
        seed("invalid-delta-opcode-zero", DELTA, varint(size) + varint(1) + bytes([0, 1, 65]))
        seed("invalid-delta-wrong-base-size", DELTA, varint(size + 1) + varint(1) + bytes([1, 65]))
        seed("invalid-delta-short-result", DELTA, varint(size) + varint(2) + bytes([1, 65]))
        seed("invalid-delta-huge-result", DELTA, varint(size) + varint(1 << 40) + bytes([0x80]) * 8)
        seed("invalid-delta-long-header", DELTA, bytes([0xff]) * 12 + bytes([1]))
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
