#!/bin/sh
# Interop helper for upgrades: interop-helper.sh's reply plus "upgrade": VERSION.
# Usage: interop-upgrade-helper.sh BROKER-URL VERSION. Reads the node's JSON on stdin.
set -eu
here=$(dirname "$0")
reply=$(/bin/sh "$here/interop-helper.sh" "$1")
printf '%s' "$reply" | python3 -c '
import json, sys
reply = json.load(sys.stdin)
reply["upgrade"] = sys.argv[1]
json.dump(reply, sys.stdout)
' "$2"
