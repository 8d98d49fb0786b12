#!/usr/bin/env bash
# Installs what govseal needs to build on Debian, only when it is missing:
# libsecp256k1-dev, libssl-dev (libcrypto), zlib1g-dev, pkg-config, git and bubblewrap (the build
# sandbox of `rebuild` and `attest`, looked for as bwrap in /usr/bin, /bin, /usr/local/bin),
# libarchive-dev (archive member diffs), and for `rebuild --vary`: faketime (the `time` variation)
# and disorderfs (the `file_order` variation).
# Idempotent; prints one line.
set -euo pipefail
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists libsecp256k1 || missing+=(libsecp256k1-dev)
  pkg-config --exists libcrypto || missing+=(libssl-dev)
  pkg-config --exists zlib || missing+=(zlib1g-dev)
  pkg-config --exists libarchive || missing+=(libarchive-dev)
else
  missing+=(libsecp256k1-dev libssl-dev zlib1g-dev libarchive-dev)
fi
command -v git >/dev/null 2>&1 || missing+=(git)
bwrap_found=""
for dir in /usr/bin /bin /usr/local/bin; do [ -x "$dir/bwrap" ] && bwrap_found=1 && break; done
[ -n "$bwrap_found" ] || missing+=(bubblewrap)
[ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] || ls /usr/lib/*/faketime/libfaketime.so.1 >/dev/null 2>&1 || missing+=(faketime)
command -v disorderfs >/dev/null 2>&1 || missing+=(disorderfs)
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: libsecp256k1, libcrypto, zlib, libarchive, pkg-config, git, bubblewrap, faketime and disorderfs present"
  exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
echo "setup: done"
