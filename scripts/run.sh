#!/usr/bin/env bash
# Starts the IdNum platform on the embedded default: H2 file databases and in-process stores under
# ./data, demo data seeded. Builds the runnable jars first when they are missing or older than the
# sources. Ctrl-C stops everything. Environment: AUTH_PORT (default 9000), WALLET_PORT (default
# 9001), RP_PORT (default 8080), IDNUM_DATA (default ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
auth_port=${AUTH_PORT:-9000}
rp_port=${RP_PORT:-8080}
wallet_port=${WALLET_PORT:-9001}
data=${IDNUM_DATA:-$root/data}

if ! command -v java >/dev/null 2>&1; then
  echo "Java 17 or newer is needed: sudo apt-get install -y openjdk-17-jdk-headless" >&2
  exit 1
fi

modules=(auth-server wallet-api examples/relying-party)
jar() { ls "$root/$1"/target/*.jar 2>/dev/null | grep -v -e 'sources' -e 'tests' | head -n 1; }
stale() {
  local j
  j=$(jar "$1")
  [ -z "$j" ] && return 0
  [ -n "$(find "$root/$1/src" "$root/server-support/src" "$root/pom.xml" "$root/$1/pom.xml" -newer "$j" -print -quit)" ]
}
for m in "${modules[@]}"; do
  if stale "$m"; then
    echo "[run] building (the first run downloads Maven and the dependencies: a few minutes)..."
    ./mvnw -B -q -ntp -DskipTests -Dspotless.skip=true -Djacoco.skip=true package \
      -pl "$(IFS=,; echo "${modules[*]}")" -am
    break
  fi
done

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

wait_for() { # name pid url log
  echo "[run] starting $1 (log: $4)..."
  for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null "$3" 2>/dev/null; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then
      echo "[run] $1 stopped; last lines of its log:" >&2
      tail -n 40 "$4" >&2
      exit 1
    fi
    sleep 1
  done
  echo "[run] $1 did not start in 180 s; see $4" >&2
  exit 1
}
wait_for auth-server "${pids[0]}" "http://localhost:$auth_port/actuator/health" "$data/auth-server/server.log"

mkdir -p "$data/wallet-api"
wallet_jar=$(jar wallet-api)
(cd "$data/wallet-api" && IDNUM_AUTH_ISSUER="http://localhost:$auth_port" exec java -jar "$wallet_jar" \
  --server.port="$wallet_port") >"$data/wallet-api/server.log" 2>&1 &
pids+=($!)
wait_for wallet-api "${pids[1]}" "http://localhost:$wallet_port/actuator/health" "$data/wallet-api/server.log"

mkdir -p "$data/relying-party"
rp_jar=$(jar examples/relying-party)
(cd "$data/relying-party" && exec java -jar "$rp_jar" --server.port="$rp_port" \
  --spring.security.oauth2.client.provider.idnum.issuer-uri="http://localhost:$auth_port") \
  >"$data/relying-party/server.log" 2>&1 &
pids+=($!)
wait_for "example relying party" "${pids[2]}" "http://localhost:$rp_port/" "$data/relying-party/server.log"

cat <<TEXT

IdNum is running on the embedded default (data in $data).

  auth-server (SAG OpenID Provider)  http://localhost:$auth_port/
    discovery                        http://localhost:$auth_port/.well-known/openid-configuration
    health / metrics                 http://localhost:$auth_port/actuator/health  /actuator/prometheus
  wallet-api (attestation issuers)   http://localhost:$wallet_port/
    issuer metadata (saaq, ramq, dec) http://localhost:$wallet_port/.well-known/openid-credential-issuer/issuers/saaq
    issuer guide                     docs/issuer-guide.md
  example public-body website        http://localhost:$rp_port/   (click "Se connecter avec IdNum")

Demo data (from the server log):
TEXT
grep -h -E 'Demo [a-z -]+: |admin client' "$data/auth-server/server.log" \
  | sed -e 's/^.* : /  /' || true
echo
echo "Press Ctrl-C to stop."
wait
