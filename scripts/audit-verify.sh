#!/usr/bin/env bash
# Verifies the hash chain of the auth-server's audit log and names the first broken record.
# Exit status: 0 intact, 1 broken (a record was modified, removed or inserted), 2 could not run.
#
# Embedded default: checks the H2 database of scripts/run.sh (IDNUM_DATA, default ./data).
# Production: run with the server's environment, e.g.
#   SPRING_PROFILES_ACTIVE=production IDNUM_DB_URL=jdbc:postgresql://db/idnum \
#   IDNUM_DB_USER=idnum_audit IDNUM_DB_PASSWORD=... scripts/audit-verify.sh
# (a read-only database user is enough). Extra arguments go to the server's command line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
data=${IDNUM_DATA:-$root/data}

jar=$(ls "$root"/auth-server/target/*.jar 2>/dev/null | grep -v -e sources -e tests | head -n 1 || true)
if [ -z "$jar" ]; then
  echo "[audit-verify] building the auth-server jar..." >&2
  ./mvnw -B -q -ntp -DskipTests -Dspotless.skip=true -Djacoco.skip=true package -pl auth-server -am
  jar=$(ls "$root"/auth-server/target/*.jar | grep -v -e sources -e tests | head -n 1)
fi

if [ -n "${SPRING_PROFILES_ACTIVE:-}" ]; then
  exec java -jar "$jar" --idnum.audit.verify=true "$@"
fi
mkdir -p "$data/auth-server"
cd "$data/auth-server"
exec java -jar "$jar" --idnum.audit.verify=true "$@"
