#!/usr/bin/env bash
# Load benchmark of the auth-server (not a test): builds the jars, starts the auth-server on the
# embedded default in a throwaway folder on a free loopback port, warms it up, runs the load
# generator (JWKS GETs, client_credentials grants, refresh grants, token exchanges (RFC 8693),
# complete password logins, and Argon2id hashes in-process as the ceiling for logins), prints a
# Markdown table, stops the server.
# Then, as the baseline of the same run, it restarts the server with RS256 access tokens
# (BASELINE_ALG, default RS256; BASELINE_ALG=none skips it) and measures the two token grants again.
# Usage: scripts/bench-auth.sh [--threads N] [--seconds S] [--warmup S] [--scenarios a,b,...]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/test-services.sh

./mvnw -B -q -ntp -DskipTests -Dspotless.skip=true -Djacoco.skip=true package -pl auth-server,benchmarks -am

auth_jar=$(ls auth-server/target/idnum-auth-server-*.jar | head -n 1)
pid=""
dir=""
stop_server() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$dir" ]; then rm -rf "$dir"; fi
  pid=""
  dir=""
}
trap stop_server EXIT

# start_server ALG: the auth-server signing access tokens with ALG, on a fresh embedded default.
start_server() {
  dir=$(mktemp -d /tmp/idnum-bench.XXXXXX)
  port=$(idnum_free_port)
  (cd "$dir" && exec java -Xmx1g -jar "$root/$auth_jar" --server.port="$port" \
    --logging.level.root=WARN --idnum.oidc.access-token-signing-alg="$1") >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/actuator/health" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$dir/server.log"; exit 1; }
    sleep 1
  done
  echo "auth-server did not start" >&2
  exit 1
}

load() {
  java -cp benchmarks/target/benchmarks.jar ca.idnum.bench.load.AuthServerLoad \
    --target "http://127.0.0.1:$port" --redirect-uri "http://localhost:8080/callback" \
    --server-pid "$pid" "$@"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n 1)"
echo "== access tokens signed with ES256 (the default)"
start_server ES256
load "$@"
stop_server

baseline=${BASELINE_ALG:-RS256}
if [ "$baseline" != none ]; then
  echo "== baseline: access tokens signed with $baseline, the token grants only"
  start_server "$baseline"
  load "$@" --scenarios client-credentials,refresh
  stop_server
fi
