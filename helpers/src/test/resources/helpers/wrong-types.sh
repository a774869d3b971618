#!/bin/sh
# Prints a reply whose configuration holds a number and a boolean instead of strings.
cat >/dev/null
cat <<'JSON'
{"defer": false, "msg": "ok", "configuration": {"plugin.choria.server.provision": false, "registerinterval": 300, "loglevel": "info"}}
JSON
