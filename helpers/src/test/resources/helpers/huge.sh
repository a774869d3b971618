#!/bin/sh
# Writes to stdout forever.
cat >/dev/null
exec yes '{"defer": true, "msg": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}'
