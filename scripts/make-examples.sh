#!/usr/bin/env bash
# Regenerates the signed example documents in proposals/ with the EXAMPLE keys in
# Tests/GovSealCLITests/Fixtures/example-keys/ (creating those keys once if absent).
# The demo's documents are deterministic given the keys; nominations carry the current time.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release
govseal=.build/release/govseal
keys=Tests/GovSealCLITests/Fixtures/example-keys
mkdir -p "$keys"
make_key() { # file alg format
  [ -f "$keys/$1" ] || "$govseal" keygen --alg "$2" --format "$3" --out "$keys/$1" >/dev/null
  chmod 600 "$keys/$1"  # git checks files out 0644; secret key files must not be readable by others
}
make_key foundation.pem ed25519 pem
make_key rebuilder-a.pem ed25519 pem
make_key rebuilder-b.pem ecdsa-secp256k1 pem
make_key cosmoshub-operator.pem ecdsa-secp256k1 pem
make_key agoric-priv_validator_key.json ed25519 cometbft
make_key near-validator.json ed25519 near
make_key icp-node.pem ed25519 pem

demo=proposals/example-node-v1.4.2
rm -rf "$demo" && mkdir -p "$demo"
"$govseal" demo --keys "$keys" --export "$demo" >/dev/null

nom=proposals/nominations
rm -rf "$nom" && mkdir -p "$nom"
"$govseal" nominate --chain cosmos:cosmoshub-4 --key "$keys/cosmoshub-operator.pem" --group "cosmos-hub-security-response" \
  --contact matrix=@validator-ops:example.org --contact email=security@validator.example.org \
  --statement "EXAMPLE nomination signed with an example operator key." --out "$nom/cosmoshub-4-operator.json" >/dev/null
"$govseal" nominate --chain cosmos:agoric-3 --key "$keys/agoric-priv_validator_key.json" --group "agoric-security-coordination" \
  --contact keybase=example_validator --statement "EXAMPLE nomination signed with an example consensus key." \
  --out "$nom/agoric-3-consensus.json" >/dev/null
"$govseal" nominate --chain near:mainnet --key "$keys/near-validator.json" --group "near-validator-security" \
  --contact email=ops@validator.example.org --out "$nom/near-mainnet.json" >/dev/null
"$govseal" nominate --chain icp:mainnet --key "$keys/icp-node.pem" --group "icp-node-provider-security" \
  --contact email=ops@node.example.org --out "$nom/icp-mainnet.json" >/dev/null
"$govseal" status proposals
