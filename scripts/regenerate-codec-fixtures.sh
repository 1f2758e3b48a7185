#!/usr/bin/env bash
# Regenerates the Spark 4.2.0 event-log fixtures in analyzers/src/test/resources/eventlogs/spark-4.2.0/:
# one small deterministic local-mode job, run once per event-log codec and layout
# (dev.sparkdoc.samples.CodecFixtureGenerator), plus a truncated .inprogress copy of the plain log.
# Needs only Maven Central. Takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."

out=analyzers/src/test/resources/eventlogs/spark-4.2.0
classpath_file=sample-eventlogs/target/runtime-classpath.txt

# Reactor build (no install): compiles analyzers and sample-eventlogs and writes the runtime classpath.
mvn -B -q -pl sample-eventlogs -am -DskipTests compile dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/$classpath_file.tmp" 2>&1 | grep -v '^\s*$' || true
# Each reactor module overwrote the file; the last one written is sample-eventlogs'.
mv "$classpath_file.tmp" "$classpath_file"

# The --add-opens flags Spark needs on Java 17, from the root pom (property spark.java.opens).
opens=$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' pom.xml)
if [ -z "$opens" ]; then
    echo "spark.java.opens not found in pom.xml" >&2
    exit 1
fi

# shellcheck disable=SC2086
SPARK_LOCAL_IP=127.0.0.1 java -Xmx2g $opens \
    -cp "sample-eventlogs/target/classes:analyzers/target/classes:$(cat "$classpath_file")" \
    dev.sparkdoc.samples.CodecFixtureGenerator "$out"

echo "sizes:"
find "$out" -type f ! -name README.md -printf '%10s  %P\n' | sort -k2
