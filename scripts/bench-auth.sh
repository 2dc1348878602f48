#!/usr/bin/env bash
# Load benchmark of the auth-server (not a test): builds the jars, starts the auth-server on the
# embedded default in a throwaway folder on a free loopback port, warms it up, runs the load
# generator (JWKS GETs, client_credentials grants, refresh grants, complete password logins, and
# Argon2id hashes in-process as the ceiling for logins), prints a Markdown table, stops the server.
# Usage: scripts/bench-auth.sh [--threads N] [--seconds S] [--warmup S] [--scenarios a,b,...]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/test-services.sh

./mvnw -B -q -ntp -DskipTests -Dspotless.skip=true -Djacoco.skip=true package -pl auth-server,benchmarks -am

dir=$(mktemp -d /tmp/idnum-bench.XXXXXX)
port=$(idnum_free_port)
auth_jar=$(ls auth-server/target/idnum-auth-server-*.jar | head -n 1)
(cd "$dir" && exec java -Xmx1g -jar "$root/$auth_jar" --server.port="$port" --logging.level.root=WARN) \
  >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/actuator/health" 2>/dev/null && break
  kill -0 $pid 2>/dev/null || { tail -n 40 "$dir/server.log"; exit 1; }
  sleep 1
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n 1)"
java -cp benchmarks/target/benchmarks.jar ca.idnum.bench.load.AuthServerLoad \
  --target "http://127.0.0.1:$port" --redirect-uri "http://localhost:8080/callback" "$@"
