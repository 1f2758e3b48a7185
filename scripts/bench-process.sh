#!/usr/bin/env bash
# The whole-process benchmark: what a user waits for, JVM start-up included. The installed distribution's
# bin/sparkdoc (analyze -o json, analyze as text, --version, and a small bundled sample) next to Spark's own replay
# (ReplayListenerBus into a counting listener) as a whole java process, on generated Spark 4.2-shaped logs of about
# 1, 10, 100 and 471 MB (212 to 100,000 tasks). Interleaved runs, medians, Spark's time over sparkdoc's.
#
#   scripts/bench-process.sh                                builds the distribution, 3 runs
#   scripts/bench-process.sh --runs 5 --tasks 212,100000
#   scripts/bench-process.sh --dist path/to/sparkdoc-VERSION.tar.gz   an existing tarball (or unpacked directory)
#   scripts/bench-process.sh --baseline path/to/older.tar.gz            also an older build (tarball or directory),
#                                                           in the same interleaved rounds: before/after under the
#                                                           same machine load
#   scripts/bench-process.sh --layouts                      also the largest log as a rolling event log (128 MiB
#                                                           parts) and a directory of 20 logs of a twentieth of its
#                                                           tasks, each with the reader's threads and on one thread
#   scripts/bench-process.sh --work DIR                     where logs and the unpacked tarball go
#                                                           (default ${TMPDIR:-/tmp}/sparkdoc-bench-process; the
#                                                           logs, about 600 MB, are kept for the next run)
#
# Builds with reactor flags only (nothing installed into ~/.m2). SPARKDOC_OPTS is honoured by bin/sparkdoc as usual.
set -euo pipefail

cd "$(dirname "$0")/.."

dist=""
baseline=""
work="${TMPDIR:-/tmp}/sparkdoc-bench-process"
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dist) dist="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --runs|--tasks) args+=("$1" "$2"); shift 2 ;;
    --layouts) args+=("$1"); shift ;;
    *) echo "bench-process.sh: unknown argument $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"

if [[ -z "$dist" ]]; then
  echo "== build (mvn -pl distribution,benchmarks -am package -DskipTests)" >&2
  mvn -q -B -pl distribution,benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime >&2
  dist="$(ls distribution/target/sparkdoc-*.tar.gz | grep -v -- '-no-spark' | head -n 1)"
else
  echo "== build (mvn -pl benchmarks -am package -DskipTests)" >&2
  mvn -q -B -pl benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime >&2
fi
cp="benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)"

# Installed as a user would: unpacked outside the repository.
install() {
  local tarball="$1" into="$2" top
  if [[ -d "$tarball" ]]; then
    (cd "$tarball" && pwd)
    return
  fi
  rm -rf "$into"
  mkdir -p "$into"
  tar -xzf "$tarball" -C "$into"
  top="$(ls -d "$into"/sparkdoc-*/)"
  printf '%s' "${top%/}"
}
home="$(install "$dist" "$work/dist")"
if [[ -n "$baseline" ]]; then
  baseline_home="$(install "$baseline" "$work/baseline")"
  args+=(--baseline "$baseline_home/bin/sparkdoc")
fi

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1)"
echo "== distribution: $home"
opens="$(java -cp "$cp" dev.sparkdoc.bench.ReaderBenchmark --print-opens)"
exec java -Xmx1g -cp "$cp" dev.sparkdoc.bench.ProcessBenchmark --sparkdoc "$home/bin/sparkdoc" \
  --bench-classpath "$cp" --spark-java-opts "$opens" --work "$work" \
  --sample "$home/samples/skewed-aggregation" ${args[@]+"${args[@]}"}
