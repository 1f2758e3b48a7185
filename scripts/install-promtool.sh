#!/usr/bin/env bash
# Installs promtool from Debian's 'prometheus' package into target/tools/prometheus/ under the repository root, by
# extracting the .deb (no daemon installed or started), and prints the promtool binary's path on stdout.
#
#   scripts/install-promtool.sh            -> /path/to/repo/target/tools/prometheus/usr/bin/promtool
#
# Idempotent: once extracted it only prints the path, and needs neither root nor the network. The first run needs
# apt-get (run as root it refreshes the package lists if they do not know the package yet). Exit status: 0 with the
# path on stdout; 3 when promtool cannot be had here (no apt-get, or the package cannot be downloaded), with the reason
# on stderr. Tests that need promtool call this script and skip with that reason on 3.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/target/tools/prometheus"
promtool="$dest/usr/bin/promtool"

if [[ -x "$promtool" ]] && "$promtool" --version >/dev/null 2>&1; then
  echo "$promtool"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "install-promtool: apt-get and dpkg-deb are needed to fetch Debian's prometheus package; install promtool" \
       "and put it at $promtool" >&2
  exit 3
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

download() {
  (cd "$work" && apt-get download prometheus >/dev/null 2>"$work/apt.err")
}

if ! download; then
  if [[ "$(id -u)" == 0 ]]; then
    echo "install-promtool: refreshing the package lists (apt-get update)" >&2
    apt-get update >/dev/null 2>&1 || true
  fi
  if ! download; then
    echo "install-promtool: could not download Debian's prometheus package: $(tr '\n' ' ' < "$work/apt.err")" >&2
    exit 3
  fi
fi

mkdir -p "$dest"
dpkg-deb -x "$work"/prometheus_*.deb "$dest"
if ! "$promtool" --version >/dev/null 2>&1; then
  echo "install-promtool: extracted the package, but $promtool does not run" >&2
  exit 3
fi
echo "$promtool"
