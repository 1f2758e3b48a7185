#!/usr/bin/env bash
# Every figure of docs/performance.md, in one command: each benchmark of the repository in turn, its output kept in
# target/bench-all/ (one file per benchmark) and shown as it runs.
#
#   scripts/bench-all.sh              about 7 minutes on a quiet 2-core machine once its logs exist; the first run
#                                     generates them (about 3 GB in ${TMPDIR:-/tmp}, kept for the next run)
#   scripts/bench-all.sh --quick      smaller logs and fewer runs (a check that everything runs, not figures to quote)
#
# 1. process   whole process, JVM start-up included: bin/sparkdoc analyze (-o json, text), --version and a bundled
#              sample next to Spark's own replay as a java process, on logs of about 1, 10, 100 and 471 MB; the
#              471 MB log as a rolling event log and as 20 logs in a directory, with the reader's threads and on one
# 2. warm      one JVM, warm: byte scan, bare Jackson token scan, sparkdoc parse, fold on one thread and with the
#              reader's parser threads, each codec (lz4, lzf, snappy, zstd) both ways
# 3. cores     the reader with its parser threads against one thread, each in its own JVM (a 471 MB log, and a
#              1.9 GB one as cores-large)
# 4. million   1,000,000 tasks piped into sparkdoc at -Xmx256m (memory bound)
# 5. json      the JSON report's size for 2,000 stages x 50 executors, bounded (default) and with every executor
#
# Figures are only comparable within one run of this script: other load on the machine moves all of them.
set -euo pipefail

cd "$(dirname "$0")/.."

quick=false
[[ "${1:-}" == "--quick" ]] && quick=true
out="target/bench-all"
mkdir -p "$out"
work="${TMPDIR:-/tmp}/sparkdoc-bench-all"
mkdir -p "$work"

run() {
  local name="$1"
  shift
  echo "=================== $name: $*"
  "$@" 2>&1 | tee "$out/$name.txt"
}

if $quick; then
  run process scripts/bench-process.sh --runs 1 --tasks 212,2000 --layouts --work "$work/process"
  run warm scripts/bench-reader.sh --warm --tasks 2000 --warmup 1 --iterations 3
  run cores scripts/bench-reader.sh --threads-vs-one --tasks 5000 --runs 1
  run million scripts/bench-reader.sh --million --million-tasks 50000
  stages=200
else
  run process scripts/bench-process.sh --runs 3 --layouts --work "$work/process"
  # five warm-up rounds: the two-thread read's code is compiled last (a fold2 settles after about five reads)
  run warm scripts/bench-reader.sh --warm --tasks 20000 --warmup 5 --iterations 7
  run cores scripts/bench-reader.sh --threads-vs-one --tasks 100000 --runs 3
  run cores-large scripts/bench-reader.sh --threads-vs-one --tasks 400000 --runs 3
  run million scripts/bench-reader.sh --million
  stages=2000
fi

# The JSON report's size: a generated log of $stages stages of 200 tasks on 50 executors, analyzed by the
# distribution the process benchmark installed.
sparkdoc="$(ls -d "$work"/process/dist/*/bin/sparkdoc | head -n 1)"
cp="benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)"
log="$work/json-$stages-stages.zstd"
if [[ ! -f "$log" ]]; then
  java -Xmx1g -cp "$cp" dev.sparkdoc.bench.EventLogGenerator --tasks $((stages * 200)) --executors 50 --stages "$stages" \
    --zstd --out "$log" >/dev/null
fi
{
  echo "JSON report of $log ($stages stages x 50 executors, $((stages * 200)) tasks):"
  bounded="$(SPARKDOC_OPTS=-Xmx2g "$sparkdoc" analyze -q -o json --no-pager "$log" | wc -c)"
  full="$(SPARKDOC_OPTS=-Xmx2g "$sparkdoc" analyze -q -o json --no-pager --executor-detail all "$log" | wc -c)"
  awk -v b="$bounded" -v f="$full" 'BEGIN {
    printf "  bounded (default --executor-detail): %d bytes (%.1f MB)\n", b, b / 1e6
    printf "  --executor-detail all:               %d bytes (%.1f MB)\n", f, f / 1e6 }'
} 2>&1 | tee "$out/json.txt"

echo "=================== all figures are in $out/"
