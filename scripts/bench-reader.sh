#!/usr/bin/env bash
# The reader benchmark: sparkdoc's reader + folder next to Spark's ReplayListenerBus on the same generated log.
#
#   scripts/bench-reader.sh                      200,000 tasks, 3 runs per side, -Xmx1g, plain JSON
#   scripts/bench-reader.sh --tasks 500000 --runs 5 --xmx 2g --zstd
#   scripts/bench-reader.sh --tasks 100000 --lz4 (or --lzf, --snappy)  a copy written by Spark's own codec
#   scripts/bench-reader.sh --log /path/to/eventlog          any existing log instead of a generated one
#   scripts/bench-reader.sh --warm --tasks 20000 --warmup 2 --iterations 5
#                                                one JVM, one thread, warm: byte scan, bare Jackson token scan,
#                                                sparkdoc parse, parse+fold, and the fold on Spark's lz4, lzf, snappy
#                                                and zstd copies (--codecs lz4,zstd to choose); medians, ratios and
#                                                codec overheads; --log takes a plain log instead
#   scripts/bench-reader.sh --million            1,000,000 tasks piped (never on disk) into sparkdoc at -Xmx256m
#   scripts/bench-reader.sh --million --million-retained-task-rows 100000 --million-stage-task-rows 100000
#                                                the same with the listener's memory bounds (docs/listener.md, Memory);
#                                                --million-stages N changes the generated log's 20 stages
#   scripts/bench-reader.sh --retained-task-rows 0 ...   the comparison with that bound on the sparkdoc side
#
# Builds only what the benchmark needs (reactor flags, nothing installed into ~/.m2).
set -euo pipefail

cd "$(dirname "$0")/.."

mode=compare
args=()
million_tasks=1000000
million_xmx=256m
million_bound=()
million_stages=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --million) mode=million; shift ;;
    --million-tasks) million_tasks="$2"; shift 2 ;;
    --million-xmx) million_xmx="$2"; shift 2 ;;
    --million-retained-task-rows) million_bound+=("-Dsparkdoc.retainedTaskRows=$2"); shift 2 ;;
    --million-stage-task-rows) million_bound+=("-Dsparkdoc.stageTaskRows=$2"); shift 2 ;;
    --million-stages) million_stages="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

echo "== build (mvn -pl benchmarks -am package -DskipTests)" >&2
mvn -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime >&2
cp="benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)"

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
java -version 2>&1 | head -1

if [[ "$mode" == compare ]]; then
  if [[ ${#args[@]} -eq 0 ]]; then
    args=(--tasks 200000 --runs 3 --xmx 1g)
  fi
  heap=-Xmx1g
  if [[ " ${args[*]} " == *" --warm "* ]]; then
    # the warm mode holds the plain log in memory next to the fold
    heap=-Xmx3g
  fi
  echo "== java $heap -cp ... dev.sparkdoc.bench.ReaderBenchmark ${args[*]}"
  exec java "$heap" -cp "$cp" dev.sparkdoc.bench.ReaderBenchmark "${args[@]}"
fi

# --million: the generator's standard output is the reader's standard input; the log never touches the disk.
opens="$(java -cp "$cp" dev.sparkdoc.bench.ReaderBenchmark --print-opens)"
echo "== EventLogGenerator --tasks $million_tasks --stages $million_stages | java -Xmx$million_xmx ${million_bound[*]} ... ReaderBenchmark --side sparkdoc --log -"
set +e
result="$(java -Xmx256m -cp "$cp" dev.sparkdoc.bench.EventLogGenerator --tasks "$million_tasks" --stages "$million_stages" \
  | java "-Xmx$million_xmx" -XX:+UseG1GC -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=/tmp $opens "${million_bound[@]}" \
      -cp "$cp" dev.sparkdoc.bench.ReaderBenchmark --side sparkdoc --log -)"
status=$?
set -e
echo "$result"
java -cp "$cp" dev.sparkdoc.bench.ReaderBenchmark --report-piped "$million_tasks" "-Xmx$million_xmx" "$status" "$result"
