#!/bin/sh
# Prints text that is not JSON.
cat >/dev/null
echo "hello, this is not JSON"
echo "provisioning went fine" >&2
