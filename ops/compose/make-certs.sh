#!/bin/sh
# Makes a self-signed certificate for the compose nats-server once (provisioning-mode servers dial
# TLS without verifying it). Kept in the nats-certs volume; a second run leaves it alone.
set -eu
dir=${1:-/certs}
if [ -s "$dir/nats.pem" ] && [ -s "$dir/nats.key" ]; then
  echo "certs: $dir/nats.pem exists"
  exit 0
fi
command -v openssl >/dev/null 2>&1 || apk add --no-cache openssl >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=nats" \
  -addext "subjectAltName=DNS:nats,DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/nats.key" -out "$dir/nats.pem"
chmod 0644 "$dir/nats.pem" "$dir/nats.key"
echo "certs: wrote $dir/nats.pem"
