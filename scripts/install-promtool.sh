#!/usr/bin/env bash
# Installs Prometheus' promtool (and the prometheus server beside it) for sparkdoc's tests, from Debian's
# `prometheus` package: the .deb is downloaded with apt-get and extracted (dpkg-deb -x) into
# target/tools/prometheus/ under the repository root. Nothing is installed system-wide and no daemon starts.
#
#   scripts/install-promtool.sh               prints the path of promtool on stdout (and nothing else)
#   scripts/install-promtool.sh pushgateway   the same for Debian's prometheus-pushgateway package: prints the path
#                                             of the pushgateway binary (target/tools/pushgateway/)
#
# Idempotent: a second run finds the extracted binaries and only prints the path. The prometheus server is
# <dir of promtool>/prometheus. Progress and errors go to stderr; exit 0 on success, 3 when the package cannot
# be had (no apt-get, no package list and not root, no network to the Debian mirror).
# `mvn clean` at the root removes target/tools; the next run extracts again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-promtool}" in
  promtool) PACKAGE=prometheus; DEST="$ROOT/target/tools/prometheus"; PROMTOOL="$DEST/usr/bin/promtool" ;;
  pushgateway) PACKAGE=prometheus-pushgateway; DEST="$ROOT/target/tools/pushgateway"
    PROMTOOL="$DEST/usr/bin/prometheus-pushgateway" ;;
  *) echo "install-promtool: unknown tool '$1' (promtool or pushgateway)" >&2; exit 2 ;;
esac

works() {
  [ -x "$1" ] && "$1" --version >/dev/null 2>&1
}

if works "$PROMTOOL"; then
  echo "$PROMTOOL"
  exit 0
fi

fail() {
  echo "install-promtool: $1" >&2
  exit 3
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get is not available; install Prometheus 2.x so that promtool is on PATH, or extract Debian's prometheus .deb into $DEST"
command -v dpkg-deb >/dev/null 2>&1 || fail "dpkg-deb is not available; it is needed to extract Debian's prometheus package"

mkdir -p "$ROOT/target/tools"
# One installer at a time (parallel test JVMs, two shells); the second waits, then finds the result.
exec 9>"$ROOT/target/tools/.$PACKAGE.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
fi
if works "$PROMTOOL"; then
  echo "$PROMTOOL"
  exit 0
fi

WORK="$(mktemp -d "$ROOT/target/tools/$PACKAGE-download.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

download() {
  (cd "$WORK" && apt-get download -q "$PACKAGE") >&2
}

echo "install-promtool: downloading Debian's $PACKAGE package" >&2
if ! download; then
  # A fresh machine has no package lists yet; updating them needs root.
  if [ "$(id -u)" -ne 0 ]; then
    fail "apt-get download $PACKAGE failed and 'apt-get update' needs root; run 'sudo apt-get update' and try again"
  fi
  echo "install-promtool: apt-get update, then a second try" >&2
  apt-get update -q >&2 || fail "apt-get update failed; check the network to the Debian mirror"
  download || fail "apt-get download $PACKAGE failed after apt-get update; is the package in this machine's apt sources?"
fi

DEB="$(find "$WORK" -maxdepth 1 -name "${PACKAGE}_*.deb" -print -quit)"
[ -n "$DEB" ] || fail "apt-get download left no ${PACKAGE}_*.deb in $WORK"

# Extract beside the destination, then move into place, so a half-extracted tree is never taken for a result.
STAGING="$WORK/extracted"
dpkg-deb -x "$DEB" "$STAGING" || fail "dpkg-deb -x $DEB failed"
works "$STAGING/${PROMTOOL#"$DEST"/}" || fail "the extracted $STAGING/${PROMTOOL#"$DEST"/} does not run"
rm -rf "$DEST"
mv "$STAGING" "$DEST"
echo "install-promtool: $("$PROMTOOL" --version 2>&1 | head -1)" >&2
echo "$PROMTOOL"
