#!/bin/sh
# Prints JSON containing bytes that are not valid UTF-8.
cat >/dev/null
printf '{"defer": true, "msg": "caf\351 \377"}\n'
