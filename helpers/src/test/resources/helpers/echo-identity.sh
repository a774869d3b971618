#!/bin/sh
# Replies with a valid configuration for the identity it was given.
id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["identity"])')
printf '{"msg": "hello %s", "configuration": {"plugin.choria.server.provision": "false"}}\n' "$id"
