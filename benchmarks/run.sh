#!/usr/bin/env bash
# Runs Rapport's benchmarks on the class path the build wrote (benchmarks/target/classpath.txt).
# Build first (never part of ./mvnw verify's work):
#   ./mvnw -B -q -pl benchmarks -am package -DskipTests
# Then, from the repository root:
#   benchmarks/run.sh startup [--only jar,host,sandbox,heap] [--host-runs 5] [--warm-runs 5] [--sandbox-runs 3]
#   benchmarks/run.sh jmh [JMH options, e.g. -prof gc, or a benchmark name regex]
#   benchmarks/run.sh load [--base http://127.0.0.1:8081/rapport] [--threads 4] [--seconds 30] [--warmup 10]
# JVM options of the harness itself: BENCH_JAVA_OPTS (the startup figures' children take --jvm-opts).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/rapport-benchmarks.jar
cpfile=benchmarks/target/classpath.txt
if [ ! -f "$jar" ] || [ ! -f "$cpfile" ]; then
  echo "Build first: ./mvnw -B -q -pl benchmarks -am package -DskipTests" >&2
  exit 2
fi
cp="$jar:$(cat "$cpfile")"

what=${1:-}
[ $# -gt 0 ] && shift
case "$what" in
  startup) exec java ${BENCH_JAVA_OPTS:-} -cp "$cp" health.rapport.benchmarks.StartupFigures "$@" ;;
  jmh)     exec java ${BENCH_JAVA_OPTS:-} -cp "$cp" org.openjdk.jmh.Main "$@" ;;
  load)    exec java ${BENCH_JAVA_OPTS:--Xmx256m} -cp "$cp" health.rapport.benchmarks.LoadGenerator "$@" ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
