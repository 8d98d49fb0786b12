#!/usr/bin/env bash
# Installs what govseal needs to build on Debian, only when it is missing:
# libsecp256k1-dev, libssl-dev (libcrypto), zlib1g-dev, pkg-config, git and bubblewrap (the build
# sandbox of `rebuild` and `attest`, looked for as bwrap in /usr/bin, /bin, /usr/local/bin).
# age (the demo encrypts the embargoed source to the coordination group with it; optional: the demo
# says it skipped that step without it) is installed too when missing, and a failure to install it
# is not an error. Idempotent; prints one line (two when age is installed).
set -euo pipefail
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if command -v pkg-config >/dev/null 2>&1; then
  pkg-config --exists libsecp256k1 || missing+=(libsecp256k1-dev)
  pkg-config --exists libcrypto || missing+=(libssl-dev)
  pkg-config --exists zlib || missing+=(zlib1g-dev)
else
  missing+=(libsecp256k1-dev libssl-dev zlib1g-dev)
fi
command -v git >/dev/null 2>&1 || missing+=(git)
bwrap_found=""
for dir in /usr/bin /bin /usr/local/bin; do [ -x "$dir/bwrap" ] && bwrap_found=1 && break; done
[ -n "$bwrap_found" ] || missing+=(bubblewrap)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
if ! command -v age >/dev/null 2>&1 || ! command -v age-keygen >/dev/null 2>&1; then
  if { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq age >/dev/null; } 2>/dev/null; then
    echo "setup: installed age (used by govseal demo)"
  else
    echo "setup: age not installed; govseal demo skips its encryption step"
  fi
fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: libsecp256k1, libcrypto, zlib, pkg-config, git and bubblewrap present"
  exit 0
fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
echo "setup: done"
