#!/bin/sh
# Fleetwright example helper (POSIX sh, runs as a subprocess: helper: /path/to/provision.sh).
#
# Chooses the broker by the node's `country` fact, sets registration, has the built-in CA sign
# the node's CSR, defers nodes that have no `country` fact yet, and asks for the Choria version
# in an `upgrade_to` fact. Same behaviour as
# provision.js and provision.py. Reads the input JSON on stdin, prints one JSON object on stdout.
# Only /usr/bin/python3's standard library is used, to read the JSON input; the rest is sh.
set -eu

# Pull the few fields we need out of the input as shell-quoted assignments.
fields=$(python3 -c '
import json, shlex, sys
host = json.load(sys.stdin)
inventory = json.loads(host["inventory"]) if host.get("inventory") else {}
country = (inventory.get("facts") or {}).get("country")
upgrade_to = (inventory.get("facts") or {}).get("upgrade_to")
csr = host.get("csr") or {}
for name, value in (("identity", host["identity"]),
                    ("country", country if isinstance(country, str) else ""),
                    ("upgrade_to", upgrade_to.strip() if isinstance(upgrade_to, str) else ""),
                    ("has_csr", "yes" if host.get("csr") else "no"),
                    ("ssldir", csr.get("ssldir") or "")):
    print(name + "=" + shlex.quote(value))
')
eval "$fields"

# Escape a value for a JSON string (backslash and double quote; control characters dropped).
json() {
  printf '%s' "$1" | tr -d '\000-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'
}

country=$(printf '%s' "$country" | tr '[:upper:]' '[:lower:]' | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
if [ -z "$country" ]; then
  printf '{"defer": true, "msg": "%s: no '"'"'country'"'"' fact in the inventory; set facts.country on the node and it is provisioned at the next discovery"}\n' "$(json "$identity")"
  exit 0
fi

case "$country" in
  de | fr | nl) brokers="nats://nats-eu1.example.net:4222,nats://nats-eu2.example.net:4222" ;;
  us | ca) brokers="nats://nats-us1.example.net:4222,nats://nats-us2.example.net:4222" ;;
  *) brokers="nats://nats.example.net:4222" ;;
esac

pki=""
if [ "$has_csr" = yes ]; then
  d=$(json "$ssldir")
  pki=",
    \"plugin.security.provider\": \"file\",
    \"plugin.security.file.certificate\": \"$d/certificate.pem\",
    \"plugin.security.file.key\": \"$d/private.pem\",
    \"plugin.security.file.ca\": \"$d/ca.pem\""
  pki_reply="\"sign_csr\": true, \"ssldir\": \"$d\","
else
  pki_reply=""
fi

# Every configuration value must be a string: "300", not 300.
upgrade_reply=""
if [ -n "$upgrade_to" ]; then
  upgrade_reply="\"upgrade\": \"$(json "$upgrade_to")\","
fi

cat <<JSON
{
  "defer": false,
  $upgrade_reply
  "msg": "configured $(json "$identity") for country $(json "$country") with brokers $brokers",
  $pki_reply
  "configuration": {
    "identity": "$(json "$identity")",
    "loglevel": "info",
    "plugin.choria.server.provision": "false",
    "plugin.choria.middleware_hosts": "$brokers",
    "plugin.choria.use_srv": "false",
    "registration": "file_content",
    "registerinterval": "300",
    "registration_splay": "true",
    "plugin.choria.registration.file_content.data": "/etc/choria/metadata.json",
    "plugin.choria.registration.file_content.target": "choria.broadcast.agent.registration"$pki
  }
}
JSON
