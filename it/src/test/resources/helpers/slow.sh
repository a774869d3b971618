#!/bin/sh
# Chaos-suite helper (subprocess): configures every node with settings derived from its identity
# only, and takes 8 s for one node in ten (identities whose number ends in 0, e.g.
# node-00010.fleet.example.net). It sleeps instead of computing, so a slow helper costs wall time,
# not CPU. With a CSR in the input (features.pki) it has the built-in CA sign it.
set -eu
input=$(cat)
identity=$(printf '%s' "$input" | sed -n 's/^.*"identity" *: *"\([^"]*\)".*$/\1/p')
if [ -z "$identity" ]; then
  echo "slow.sh: no identity in the input" >&2
  exit 1
fi
case "$identity" in
  node-*0.*) sleep 8 ;;
esac
case "$input" in
  *'"csr":null'* | *'"csr": null'*) sign=false ;;
  *) sign=true ;;
esac
cat <<JSON
{"defer": false, "msg": "configured $identity", "sign_csr": $sign,
 "configuration": {"identity": "$identity", "loglevel": "info",
  "plugin.choria.server.provision": "false",
  "plugin.choria.middleware_hosts": "nats://broker.example.net:4222"}}
JSON
