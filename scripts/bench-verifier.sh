#!/usr/bin/env bash
# Load benchmark of the wallet-api OpenID4VP verifier (not a test): builds the jars, starts wallet-api
# on the embedded default in a throwaway folder on a free loopback port, with the load generator
# standing in for the SAG's JWK set, then measures presentations verified per second through the
# response endpoint (direct_post.jwt, decryption included) and, in the same run, the in-process
# floor (JWE decryption + SD-JWT VC and key binding verification); prints a Markdown table.
# Usage: scripts/bench-verifier.sh [--threads N] [--presentations P]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/test-services.sh

./mvnw -B -q -ntp -DskipTests -Dspotless.skip=true -Djacoco.skip=true package -pl wallet-api,benchmarks -am

dir=$(mktemp -d /tmp/idnum-bench-wallet.XXXXXX)
port=$(idnum_free_port)
auth_port=$(idnum_free_port)
jar=$(ls wallet-api/target/idnum-wallet-api-*.jar | head -n 1)
(cd "$dir" && IDNUM_AUTH_ISSUER="http://127.0.0.1:$auth_port" exec java -Xmx1g -jar "$root/$jar" \
  --server.port="$port" --idnum.wallet.base-url="http://127.0.0.1:$port" --logging.level.root=WARN) \
  >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/actuator/health" 2>/dev/null && break
  kill -0 $pid 2>/dev/null || { tail -n 40 "$dir/server.log"; exit 1; }
  sleep 1
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n 1)"
java -cp benchmarks/target/benchmarks.jar ca.idnum.bench.load.WalletPresentationLoad \
  --target "http://127.0.0.1:$port" --auth-port "$auth_port" "$@"
