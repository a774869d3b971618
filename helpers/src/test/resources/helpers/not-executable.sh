#!/bin/sh
# Fails the way a broken helper does: a message on stderr and a non-zero exit.
cat >/dev/null
echo "boom details: cannot reach the CMDB" >&2
exit 3
