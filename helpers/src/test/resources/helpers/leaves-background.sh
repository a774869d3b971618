#!/bin/sh
# Answers, but leaves a background process that keeps stdout open for two seconds.
cat >/dev/null
sleep 2 &
echo '{"defer": true, "msg": "answered early"}'
