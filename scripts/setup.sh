#!/usr/bin/env bash
# Installs what govseal needs on Debian, each package only when it is missing:
# - to build: libsecp256k1-dev, libssl-dev (libcrypto), zlib1g-dev (git objects), libarchive-dev
#   (archive member diffs), pkg-config;
# - to rebuild: git (test repositories, `new blessing --repo`), bubblewrap (the build sandbox of
#   `rebuild` and `attest`, looked for as bwrap in /usr/bin, /bin, /usr/local/bin), and for
#   `rebuild --vary`: faketime (the `time` variation) and disorderfs (the `file_order` variation);
# - optionally age (the demo encrypts the embargoed source to the coordination group with it; the
#   demo says it skipped that step without it): a failure to install it is not an error.
# Idempotent; prints one line (two when age is installed or missing).
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
ls /usr/lib/*/faketime/libfaketime.so.1 >/dev/null 2>&1 || missing+=(faketime)
command -v disorderfs >/dev/null 2>&1 || missing+=(disorderfs)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
updated=""
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: libsecp256k1, libcrypto, zlib, libarchive, pkg-config, git, bubblewrap, faketime and disorderfs present"
else
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  updated=1
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "setup: done"
fi
if ! command -v age >/dev/null 2>&1 || ! command -v age-keygen >/dev/null 2>&1; then
  if { { [ -n "$updated" ] || $SUDO apt-get update -qq; } && $SUDO apt-get install -y -qq age >/dev/null; } 2>/dev/null; then
    echo "setup: installed age (used by govseal demo)"
  else
    echo "setup: age not installed; govseal demo skips its encryption step"
  fi
fi
