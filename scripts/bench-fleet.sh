#!/usr/bin/env bash
# The fleet benchmark: 'sparkdoc fleet' in local mode over copies of the bundled sample logs, with 1 core and with 2:
# applications per second per core, and the scaling from 1 to 2 cores (docs/fleet.md, Performance).
#
#   scripts/bench-fleet.sh                         4 copies of the 13 bundled logs, 3 timed runs per core count
#   scripts/bench-fleet.sh --copies 8 --runs 5 --cores 1,2
#
# Builds only what the benchmark needs (reactor flags, nothing installed into ~/.m2).
set -euo pipefail

cd "$(dirname "$0")/.."

echo "== build (mvn -pl benchmarks -am package -DskipTests)" >&2
mvn -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime >&2
cp="benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)"
opens="$(java -cp "$cp" dev.sparkdoc.bench.ReaderBenchmark --print-opens)"

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
echo "== java -Xmx2g ... dev.sparkdoc.bench.FleetBenchmark $*"
# shellcheck disable=SC2086 # opens is a list of JVM flags
exec java -Xmx2g $opens -Dlog4j2.configurationFile=benchmarks/target/classes/fleet-bench-log4j2.properties -cp "$cp" dev.sparkdoc.bench.FleetBenchmark "$@"
