#!/usr/bin/env bash
# The listener benchmark (docs/performance.md, "Live listener"):
#   1. the cost per task-end event on replayed events: a generated Spark 4.2-shaped log (200,000 tasks), each line
#      turned into Spark's own event object, then timed on Spark's bus thread (onTaskEnd) and on the listener's
#      thread (adapt + fold + metrics), in batches of 100 (warm) and of 1,000 (cold) task ends; then the warm cost
#      taken apart (--replay-parts: Spark's fields read only, + adapt, + fold, + metrics);
#   2. a local[2] job of 100,000 tiny tasks (20 jobs of 5,000) without the listener and with it, attached through
#      spark.extraListeners and through the plugin (spark.plugins), 5 runs, each JVM its own: wall time, retained
#      driver heap, Spark's dropped-event counts, the CPU of the listener's thread and of Spark's queue threads.
#
#   scripts/bench-listener.sh                          both parts
#   scripts/bench-listener.sh --replay-only            part 1
#   scripts/bench-listener.sh --job-only [TASKS JOBS RUNS [extraListeners|plugin|both]]
#
# Builds only what it needs (reactor flags, nothing installed into ~/.m2). The job part takes ~25 minutes on 2 cores
# (three JVMs of ~45 s per run); with one attach mode ~15.
set -euo pipefail
cd "$(dirname "$0")/.."

replay=true
job=true
tasks=100000
jobs=20
runs=5
attach=both
case "${1:-}" in
  --replay-only) job=false ;;
  --job-only) replay=false; tasks="${2:-$tasks}"; jobs="${3:-$jobs}"; runs="${4:-$runs}"; attach="${5:-$attach}" ;;
  "") ;;
  *) echo "usage: $0 [--replay-only | --job-only [TASKS JOBS RUNS [extraListeners|plugin|both]]]" >&2; exit 2 ;;
esac

echo "== build (mvn -pl benchmarks -am package -DskipTests)" >&2
mvn -B -q -Dstyle.color=never -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime >&2
cp="benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)"
opens="$(sed -n 's/^spark.java.opens=//p' benchmarks/target/classes/sparkdoc-bench.properties)"

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1)"
echo "== listener jar on the class path: $(tr ':' '\n' < benchmarks/target/bench.classpath | grep -o 'sparkdoc-listener[^/]*\.jar\|listeners/target/classes' | head -1)"

if [[ "$replay" == true ]]; then
  log="$(mktemp -d)/bench-200k.json"
  java -Xmx256m -cp "$cp" dev.sparkdoc.bench.EventLogGenerator --tasks 200000 --out "$log"
  # shellcheck disable=SC2086 # opens is a list of JVM flags
  # Warm: task ends timed in batches of 100, each just parsed, as a live driver hands events over within milliseconds
  # of creating them. Cold: batches of 1,000, whose parsing pushes most of each batch's events out of the caches.
  # Five warm passes: the RESULT line's median fields are the median of passes 2-5 (the first warms the JIT up).
  java -Xmx3g -XX:+UseG1GC $opens -cp "$cp" dev.sparkdoc.listener.ListenerBenchmark --replay "$log" 5 100
  # shellcheck disable=SC2086
  java -Xmx3g -XX:+UseG1GC $opens -cp "$cp" dev.sparkdoc.listener.ListenerBenchmark --replay "$log" 3 1000
  # Where a warm task end's time goes: reading Spark's objects only, + adapting, + folding, + the rest.
  # shellcheck disable=SC2086
  java -Xmx3g -XX:+UseG1GC $opens -cp "$cp" dev.sparkdoc.listener.ListenerBenchmark --replay-parts "$log" 5 100
  rm -rf "$(dirname "$log")"
fi

if [[ "$job" == true ]]; then
  # shellcheck disable=SC2086
  java -Xmx512m $opens -cp "$cp" dev.sparkdoc.listener.ListenerBenchmark --job "$tasks" "$jobs" "$runs" 2g "$attach"
fi
