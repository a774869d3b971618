#!/bin/sh
# Interop helper: configures a real go-choria server for normal mode against the test broker.
# Usage: interop-helper.sh BROKER-URL. Reads the node's JSON on stdin, prints one JSON object.
# The broker certificate is for "localhost", issued by the built-in CA the node will trust.
set -eu
broker="$1"
fields=$(python3 -c '
import json, shlex, sys
host = json.load(sys.stdin)
csr = host.get("csr") or {}
print("identity=" + shlex.quote(host["identity"]))
print("ssldir=" + shlex.quote(csr.get("ssldir") or ""))
')
eval "$fields"
if [ -z "$ssldir" ]; then
  printf '{"defer": false, "msg": "%s sent no CSR: features.pki must be on"}\n' "$identity"
  exit 1
fi
cat <<JSON
{
  "defer": false,
  "msg": "interop configuration for $identity",
  "sign_csr": true,
  "ssldir": "$ssldir",
  "configuration": {
    "identity": "$identity",
    "loglevel": "debug",
    "collectives": "fleetwright",
    "main_collective": "fleetwright",
    "plugin.choria.server.provision": "false",
    "plugin.choria.middleware_hosts": "$broker",
    "plugin.choria.use_srv": "false",
    "plugin.security.provider": "file",
    "plugin.security.file.certificate": "$ssldir/certificate.pem",
    "plugin.security.file.key": "$ssldir/private.pem",
    "plugin.security.file.ca": "$ssldir/ca.pem"
  }
}
JSON
