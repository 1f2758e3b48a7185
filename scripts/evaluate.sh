#!/usr/bin/env bash
# Prints sparkdoc's evaluation on the labelled corpus (labels/, docs/evaluation.md): per rule, true positives, false
# alarms, missing expected findings, unlabelled findings at warning or above, precision, recall and wrong-direction
# advice, then each false alarm, missing finding and wrong proposal with its label's reason.
# Usage: scripts/evaluate.sh [--strict]   (--strict: exit 4 on any false alarm, missing finding or wrong advice)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$ROOT/sparkdoc" evaluate "$ROOT/labels" --root "$ROOT" "$@"
