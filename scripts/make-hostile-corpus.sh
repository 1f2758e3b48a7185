#!/usr/bin/env bash
# Writes the hostile-input corpus (cli/src/test/java/dev/sparkdoc/cli/HostileCorpus.java) into DIR, for a look by
# hand, and lists its cases: name, exit codes allowed, stderr pattern, whether it needs the reader's fixes, arguments.
# The tests (HostileCorpusTest, HostileCorpusProcessTest) write the same corpus at test time; this script is only a
# wrapper around that generator. DIR gets about 1.3 GB (a 300 MiB line, a 1 GiB gzip bomb compressed to ~1 MB).
#   scripts/make-hostile-corpus.sh /tmp/hostile
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mkdir -p "$1" && cd "$1" && pwd)"
CLASSPATH_FILE="$ROOT/cli/target/test.classpath"

# Reactor build without install: compiles the cli module's tests and writes their classpath.
(cd "$ROOT" && mvn -B -q -o -Dstyle.color=never -pl cli -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" 2>&1 | sed $'s/\e\\[[0-9;]*m//g' | grep -v '^\s*$' \
    || true)
[ -f "$CLASSPATH_FILE" ] || { echo "$0: the build failed; run 'mvn -B -pl cli -am test-compile' to see why" >&2; exit 1; }

# The generator finds the committed fixtures relative to the cli module, as the tests do.
cd "$ROOT/cli"
exec java -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" dev.sparkdoc.cli.HostileCorpus "$OUT"
