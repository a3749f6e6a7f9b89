#!/usr/bin/env bash
# Runs Rapport's benchmarks on the class path the build wrote (benchmarks/target/classpath.txt).
# Build first (never part of ./mvnw verify's work):
#   ./mvnw -B -q -pl benchmarks -am package -DskipTests
# Then, from the repository root:
#   benchmarks/run.sh startup [--only jar,host,sandbox,heap] [--host-runs 5] [--warm-runs 5] [--sandbox-runs 3]
#   benchmarks/run.sh jmh [JMH options, e.g. -prof gc, or a benchmark name regex]
#   benchmarks/run.sh load [--base http://127.0.0.1:8081/rapport] [--threads 4] [--seconds 30] [--warmup 10] [--scenario health,apply,chart,form,caseload]
#   benchmarks/run.sh speed [--seconds 20] [--warmup 5] [--cds-rates 25,50,100] [--only baseline,cds,markers,enrol,chart]
#                           (open loop, each goal next to its FHIR baseline, on a throwaway in-memory sandbox)
#   benchmarks/run.sh measures [--courses 1000] [--rounds 3] [--hold-seconds S]
#                                             ($evaluate-measure on an in-memory sandbox seeded with that many courses)
#   benchmarks/run.sh heap-paths <dump.hprof> [class]   (shortest path from a GC root to each instance of the class,
#                                             default Felix's bundle class loader: what retains an old bundle)
#   benchmarks/run.sh sandbox [sandbox options]   (what ./sandbox.sh runs, from the snapshot, never rebuilding)
#   benchmarks/run.sh fuzz [--seconds 300]   (every Jazzer fuzz target of the plugin for that long, one JVM each;
#                                             builds what it needs itself; findings land beside the seeds)
# JVM options of the harness itself: BENCH_JAVA_OPTS (the startup figures' children take --jvm-opts).
set -euo pipefail
# The whole script is read before it runs (braces), so editing it never disturbs a running benchmark.
{
cd "$(dirname "$0")/.."

if [ "${1:-}" = fuzz ]; then
  seconds=300
  [ "${2:-}" = --seconds ] && seconds=${3:?--seconds needs a number}
  ./mvnw -B -pl plugin -am -Pfuzz test -Dfuzz.seconds="$seconds" -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false
  exit $?
fi

jar=benchmarks/target/rapport-benchmarks.jar
cpfile=benchmarks/target/classpath.txt
if [ ! -f "$jar" ] || [ ! -f "$cpfile" ]; then
  echo "Build first: ./mvnw -B -q -pl benchmarks -am package -DskipTests" >&2
  exit 2
fi

what=${1:-}
[ $# -gt 0 ] && shift
case "$what" in
  startup) main=health.rapport.benchmarks.StartupFigures; opts=${BENCH_JAVA_OPTS:-} ;;
  jmh)     main=org.openjdk.jmh.Main; opts=${BENCH_JAVA_OPTS:-} ;;
  load)    main=health.rapport.benchmarks.LoadGenerator; opts=${BENCH_JAVA_OPTS:--Xmx256m} ;;
  # speed: the sandbox's options (C1 only); on a busy machine a full-JIT start missed the sandbox's readiness
  # deadline. BENCH_JAVA_OPTS=-Xmx2g measures with C2, as bin/rapport runs Rapport in production.
  speed)   main=health.rapport.benchmarks.SpeedGoals; opts=${BENCH_JAVA_OPTS:--Xmx2g -XX:TieredStopAtLevel=1} ;;
  measures) main=health.rapport.benchmarks.MeasureFigures; opts=${BENCH_JAVA_OPTS:--Xmx2g -XX:TieredStopAtLevel=1} ;;
  heap-paths) main=health.rapport.benchmarks.HeapPaths; opts=${BENCH_JAVA_OPTS:--Xmx4g} ;;
  sandbox) main=health.rapport.sandbox.SandboxMain; opts=${RAPPORT_SANDBOX_JAVA_OPTS:--Xmx2g -XX:TieredStopAtLevel=1} ;;
  *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

# Snapshot Rapport's own jars (benchmarks, sandbox, plugin: from this work tree, or from ~/.m2 when
# built without -am) so that a build running beside the benchmark cannot replace a jar under a
# running JVM; third-party jars in ~/.m2 never change and are used in place.
snapshot=$(mktemp -d "${TMPDIR:-/tmp}/rapport-bench.XXXXXX")
trap 'rm -rf "$snapshot"' EXIT
root=$(pwd)
cp_entries=()
cp "$jar" "$snapshot/"
cp_entries+=("$snapshot/$(basename "$jar")")
IFS=":" read -r -a deps < "$cpfile" || true  # the file has no final newline
for entry in "${deps[@]}"; do
  # The bundle embeds no validation resources (its FHIRPath engine finds no core StructureDefinitions
  # and says so once); the sandbox's class path has them, and HAPI would load ~10 s of them into the
  # micro-benchmarks. Leave them out there, so the benchmarks run what the bundle runs.
  if [[ "$what" == jmh && "$(basename "$entry")" == hapi-fhir-validation-resources-* ]]; then
    continue
  fi
  if [[ ( "$entry" == "$root"/* || "$entry" == */health/rapport/* ) && -f "$entry" ]]; then
    copy="$snapshot/$(basename "$entry")"
    # A build beside us may be rewriting the jar right now: retry until the copy is a whole zip.
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
      cp "$entry" "$copy"
      if ! command -v unzip >/dev/null || unzip -tqq "$copy" >/dev/null 2>&1; then
        break
      fi
      [ "$attempt" = 10 ] && { echo "$entry stays unreadable (a build rewriting it?)" >&2; exit 1; }
      sleep 3
    done
    cp_entries+=("$copy")
  else
    cp_entries+=("$entry")
  fi
done
classpath=$(IFS=':'; echo "${cp_entries[*]}")

# In the background with the signals passed on, so the snapshot is removed when the JVM ends.
set +e
java $opts -cp "$classpath" "$main" "$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
wait "$child"
status=$?
if kill -0 "$child" 2>/dev/null; then
  wait "$child"
  status=$?
fi
exit "$status"
}
