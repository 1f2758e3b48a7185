#!/usr/bin/env bash
# Installs the programs sparkdoc's tests drive, from Debian's packages:
#   chromium  opens the HTML report headless (HtmlReportBrowserTest)
#   tmux      gives 'sparkdoc shell' and the progress bar a real pseudo-terminal (ShellTerminalTest, ...)
# Run as root (CI does, through .ci/run). Idempotent: installs only what is missing. Tests that need one of
# these skip with a message naming this script when run outside CI without it, and fail in CI (CI=true).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
# A font with wide Unicode coverage, so screenshots show text rather than boxes.
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-tools: need root to install: ${missing[*]} (run: sudo $0)" >&2
  exit 1
fi
echo "install-test-tools: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
