#!/usr/bin/env bash
# Starts the IdNum platform on the embedded default: H2 file databases and in-process stores under
# ./data, demo data seeded. Builds the runnable jars first when they are missing or older than the
# sources. Ctrl-C stops everything. Environment: AUTH_PORT (default 9000), IDNUM_DATA (default ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
auth_port=${AUTH_PORT:-9000}
data=${IDNUM_DATA:-$root/data}

if ! command -v java >/dev/null 2>&1; then
  echo "Java 17 or newer is needed: sudo apt-get install -y openjdk-17-jdk-headless" >&2
  exit 1
fi

jar() { ls "$root/$1"/target/idnum-"$1"-*.jar 2>/dev/null | grep -v -e '-plain' -e 'sources' | head -n 1; }
stale() {
  local j
  j=$(jar "$1")
  [ -z "$j" ] && return 0
  [ -n "$(find "$root/$1/src" "$root/server-support/src" "$root/pom.xml" "$root/$1/pom.xml" -newer "$j" -print -quit)" ]
}
if stale auth-server; then
  echo "[run] building (first run downloads Maven and the dependencies; a few minutes)..."
  ./mvnw -B -q -ntp -DskipTests -Dspotless.skip=true -Djacoco.skip=true package -pl auth-server -am
fi

mkdir -p "$data/auth-server"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

auth_jar=$(jar auth-server)
(cd "$data/auth-server" && exec java -jar "$auth_jar" --server.port="$auth_port") \
  >"$data/auth-server/server.log" 2>&1 &
pids+=($!)

echo "[run] starting auth-server (log: $data/auth-server/server.log)..."
for _ in $(seq 1 180); do
  if curl -fsS "http://localhost:$auth_port/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "${pids[0]}" 2>/dev/null; then
    echo "[run] auth-server stopped; last lines of its log:" >&2
    tail -n 40 "$data/auth-server/server.log" >&2
    exit 1
  fi
  sleep 1
done

cat <<TEXT

IdNum is running on the embedded default (data in $data).

  auth-server (SAG OpenID Provider)  http://localhost:$auth_port/
    discovery                        http://localhost:$auth_port/.well-known/openid-configuration
    health / metrics                 http://localhost:$auth_port/actuator/health  /actuator/prometheus

Demo data (from the server log):
TEXT
grep -h -E '\[demo\]' "$data/auth-server/server.log" | sed -e 's/^.*\[demo\]/  /' || true
echo
echo "Press Ctrl-C to stop."
wait
