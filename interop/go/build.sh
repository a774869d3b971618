#!/usr/bin/env bash
# Builds, once per source and toolchain version, into $FLEETWRIGHT_CACHE/interop/<hash>/:
#   choria          our Go Choria server (this folder: go-choria from the Go module proxy plus our main)
#   choria-upgrade  the same main and module linked with build.Version 0.99.0 (FLEETWRIGHT_UPGRADE_VERSION;
#                   also written to upgrade-version): the release choria_provision#release_update
#                   installs in the upgrade tests, served from a go-updater repository
#   nats-server     the nats-server of go-choria's own module graph; Debian's 2.9.10 does not announce
#                   tls_available, so provisioning-mode servers (which always dial TLS) refuse it
# then prints that folder. A second run only hashes and prints. bin/setup and the tests call it.
set -euo pipefail
src=$(cd "$(dirname "$0")" && pwd)
cache="${FLEETWRIGHT_CACHE:-$HOME/.cache/fleetwright}/interop"

if ! command -v go >/dev/null 2>&1; then
  echo "interop: Go is not installed; install Go 1.25 or newer to build the real Choria server" >&2
  exit 1
fi
version=$(awk '$1 == "github.com/choria-io/go-choria" { sub(/^v/, "", $2); print $2 }' "$src/go.mod")
# The JWT path is relative: each server runs in its own folder, which holds its provisioning.jwt.
ldflags="-X github.com/choria-io/go-choria/build.ProvisionJWTFile=provisioning.jwt"
upgrade_ldflags="$ldflags"
ldflags="$ldflags -X github.com/choria-io/go-choria/build.Version=$version"
# Another version string is all that differs: the updater does not check what it installs, and
# inventory and lifecycle events report build.Version, so the test can tell the two apart.
upgrade_version="${FLEETWRIGHT_UPGRADE_VERSION:-0.99.0}"
upgrade_ldflags="$upgrade_ldflags -X github.com/choria-io/go-choria/build.Version=$upgrade_version"
hash=$( (go env GOVERSION; echo "$ldflags"; echo "$upgrade_ldflags"; cd "$src" && cat go.mod go.sum ./*.go) \
  | sha256sum | cut -c1-16)
out="$cache/$hash"

if [ ! -x "$out/choria" ] || [ ! -x "$out/choria-upgrade" ] || [ ! -x "$out/nats-server" ]; then
  mkdir -p "$cache/$hash"
  echo "interop: building go-choria $version with $(go env GOVERSION) into $out (minutes, once)" >&2
  start=$(date +%s)
  (cd "$src" && GOFLAGS=-mod=readonly go build -trimpath -o "$out/choria.tmp.$$" -ldflags "$ldflags" .)
  (cd "$src" && GOFLAGS=-mod=readonly go build -trimpath -o "$out/choria-upgrade.tmp.$$" -ldflags "$upgrade_ldflags" .)
  (cd "$src" && GOFLAGS=-mod=readonly go build -trimpath -o "$out/nats-server.tmp.$$" github.com/nats-io/nats-server/v2)
  printf '%s\n' "$upgrade_version" >"$out/upgrade-version"
  mv -f "$out/choria.tmp.$$" "$out/choria"
  mv -f "$out/choria-upgrade.tmp.$$" "$out/choria-upgrade"
  mv -f "$out/nats-server.tmp.$$" "$out/nats-server"
  echo "interop: built in $(($(date +%s) - start))s" >&2
fi
echo "$out"
