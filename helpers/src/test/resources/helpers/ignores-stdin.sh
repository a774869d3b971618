#!/bin/sh
# Answers without reading its input.
echo '{"defer": true, "msg": "did not read stdin"}'
