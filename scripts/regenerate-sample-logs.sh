#!/usr/bin/env bash
# Regenerates the sample event logs in sample-eventlogs/logs/ by running the reference jobs (local mode, one
# forked JVM each; a few minutes on 2 cores), rewrites sample-eventlogs/logs/intended-rules.txt, then rewrites
# each log's expected findings (sample-eventlogs/logs/expected/*.findings.txt) from the new logs and checks that
# every log triggers exactly its intended rules. Review `git diff sample-eventlogs/logs` before committing.
# Usage: scripts/regenerate-sample-logs.sh [JOB...]   (default: every job)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CLASSPATH_FILE="$(mktemp)"
trap 'rm -f "$CLASSPATH_FILE"' EXIT

# The reactor writes the classpath file once per module; sample-eventlogs comes last and wins.
mvn -B -q -DskipTests -pl sample-eventlogs -am package dependency:build-classpath \
    -Dmdep.outputFile="$CLASSPATH_FILE" >&2
OPENS="$(sed -n 's/^opens=//p' sample-eventlogs/target/classes/dev/sparkdoc/samples/jobs/jvm.properties)"

# shellcheck disable=SC2086 # OPENS is a list of JVM flags
java ${OPENS} -cp "sample-eventlogs/target/classes:$(cat "$CLASSPATH_FILE")" \
    dev.sparkdoc.samples.jobs.SampleLogGenerator sample-eventlogs/logs "$@"
ls -l sample-eventlogs/logs

# The expected findings, rewritten by the golden test's update switch; then the intended-rules check.
mvn -B -q -Dstyle.color=never -pl sample-eventlogs -am test -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest='SampleLogsGoldenTest,SampleLogsTest' -Dsparkdoc.updateGolden=true >&2
echo "expected findings rewritten in sample-eventlogs/logs/expected/; review: git diff sample-eventlogs/logs" >&2
