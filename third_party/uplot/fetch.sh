#!/usr/bin/env bash
# Re-fetches the vendored uPlot (the report's charting library) from the npm registry with
# `npm pack`, checks the package's SHA-256, and replaces the files beside this script.
#   fetch.sh          fetch, verify, replace
#   fetch.sh --check  only verify that the vendored files are the pinned package's (no network)
# To move to another version: change VERSION and the hashes below after reviewing the release.
set -euo pipefail
cd "$(dirname "$0")"
VERSION=1.6.32
TARBALL_SHA256=4b8a8191e425658e3ea8c8c1314b0fc679c861ee3a1af2b20c7b16ba50b5133d
declare -A FILES=(  # vendored file -> path in the package, SHA-256
  [uPlot.iife.min.js]="package/dist/uPlot.iife.min.js 19c8d4c6ad88929a79f4ae49d6f7161566dfd0ba3d15cc495e974f787eb78f1f"
  [uPlot.min.css]="package/dist/uPlot.min.css df630c6a8d6f8eeaff264b50f73ce5b114f646ffd9a0bb74f049b0a00135fa04"
  [LICENSE]="package/LICENSE 8f989229699b4fe2f1a0432d0e9edc338a8a911e250e2d1b01ecd770a5f5b1bd"
)

check() {  # $1: directory holding the files under their package paths (or "." for the vendored ones)
  local status=0
  for f in "${!FILES[@]}"; do
    read -r src sum <<<"${FILES[$f]}"
    local path=$f
    [ "$1" = "." ] || path="$1/$src"
    if [ "$(sha256sum "$path" | cut -d' ' -f1)" != "$sum" ]; then
      echo "fetch.sh: $path: SHA-256 differs from the pinned uplot@$VERSION" >&2
      status=1
    fi
  done
  return $status
}

if [ "${1:-}" = "--check" ]; then
  check . && echo "fetch.sh: vendored uplot@$VERSION verified"
  exit
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "uplot@$VERSION" >/dev/null)
tarball="$tmp/uplot-$VERSION.tgz"
if [ "$(sha256sum "$tarball" | cut -d' ' -f1)" != "$TARBALL_SHA256" ]; then
  echo "fetch.sh: uplot-$VERSION.tgz: SHA-256 differs from the pinned one; nothing replaced" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$tmp"
check "$tmp"
for f in "${!FILES[@]}"; do
  read -r src _ <<<"${FILES[$f]}"
  cp "$tmp/$src" "$f"
done
echo "fetch.sh: uplot@$VERSION fetched and verified"
