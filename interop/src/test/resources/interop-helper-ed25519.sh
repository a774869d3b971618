#!/bin/sh
# Interop helper for features.ed25519: configures a real go-choria server to run, after restart,
# with the choria security provider, the server JWT the provisioner signed and the seed the server
# made itself. Usage: interop-helper-ed25519.sh BROKER-URL SIGNER-PUBLIC-HEX BROKER-CA-FILE.
set -eu
broker="$1"
signer="$2"
ca="$3"
fields=$(python3 -c '
import json, shlex, sys
host = json.load(sys.stdin)
key = host.get("ed25519_pubkey") or {}
print("identity=" + shlex.quote(host["identity"]))
print("dir=" + shlex.quote(key.get("directory") or ""))
')
eval "$fields"
if [ -z "$dir" ]; then
  printf '{"defer": false, "msg": "%s sent no ed25519 key: features.ed25519 must be on"}\n' "$identity"
  exit 1
fi
cat <<JSON
{
  "defer": false,
  "msg": "interop ed25519 configuration for $identity",
  "configuration": {
    "identity": "$identity",
    "loglevel": "debug",
    "plugin.choria.server.provision": "false",
    "plugin.choria.middleware_hosts": "$broker",
    "plugin.choria.use_srv": "false",
    "plugin.security.provider": "choria",
    "plugin.security.choria.token_file": "$dir/server.jwt",
    "plugin.security.choria.seed_file": "$dir/server.seed",
    "plugin.security.choria.trusted_signers": "$signer",
    "plugin.security.choria.ca": "$ca"
  }
}
JSON
