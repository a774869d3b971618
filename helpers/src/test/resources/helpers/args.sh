#!/bin/sh
# Replies with its arguments joined by '|', to check shell-style splitting.
cat >/dev/null
joined=$(printf '%s|' "$@" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')
printf '{"defer": true, "msg": "%s"}\n' "$joined"
