#!/usr/bin/env bash
# The production install as a user gets it: build, `npm pack`, then install the tarball with
# --omit=dev into a fresh temporary project and count what lands in node_modules.
# Usage: bash bench/install-size.sh   (needs the npm registry; leaves nothing behind)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
npm run build --silent
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"

mkdir "$work/app"
cd "$work/app"
npm init -y >/dev/null
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error "$work/$tarball" >/dev/null

# Every installed package but the project itself (the first line of the listing is the root).
packages=$(( $(npm ls --all --omit=dev --parseable 2>/dev/null | sort -u | wc -l) - 1 ))
echo "packages: $packages (including haikubench itself)"
echo "size:     $(du -sh node_modules | cut -f1) (node_modules)"
echo "largest:"
# Packages one by one (a scope's packages, not the scope folder, so that du counts nothing twice).
find node_modules -mindepth 1 -maxdepth 2 -type d \
  \( -path 'node_modules/@*/*' -o \( -not -path 'node_modules/@*' -not -path 'node_modules/.*' -not -path 'node_modules/*/*' \) \) \
  -exec du -s {} + | sort -n | tail -n 8 | awk '{ printf "  %6.1f MB  %s\n", $1 / 1024, $2 }'
