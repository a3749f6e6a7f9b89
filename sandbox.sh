#!/usr/bin/env bash
# Starts the Rapport sandbox: a HAPI FHIR JPA server (the EHR's record) and an Apache Felix
# host running the Rapport bundle. Builds first when needed. Options: ./sandbox.sh --help
set -euo pipefail
cd "$(dirname "$0")"

jar=sandbox/target/rapport-sandbox.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "Building Rapport (first run, or sources changed) ..."
  ./mvnw -B -q -DskipTests install -pl sandbox -am
fi
exec java ${RAPPORT_SANDBOX_JAVA_OPTS:--Xmx2g -XX:TieredStopAtLevel=1} -jar "$jar" "$@"
