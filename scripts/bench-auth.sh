#!/usr/bin/env bash
# Load benchmark of the auth-server (not a test), with Keycloak measured in the same run as the
# baseline that issue 2 states its target against.
#
# 1. Builds the jars, starts the auth-server on the embedded default in a throwaway folder on a free
#    loopback port (on Temurin 25 when it is installed: see docs/performance.md), and registers a
#    relying party `bench-rp` through the admin API (client_secret_basic, ES256 ID tokens).
# 2. Warms the server up (the token scenarios in turn, WARMUP seconds in all: the JIT needs minutes
#    on 2 cores), then measures each scenario with wrk (16 keep-alive connections, one wrk thread):
#    JWKS GETs, client_credentials grants (demo-backend), refresh grants (bench-rp, each connection
#    following its own rotating chain from a complete login), token exchanges (RFC 8693, demo-rp).
# 3. Logins, on a new server (a fresh folder, bench-rp registered again) when token scenarios ran:
#    complete password logins (benchmarks/wrk/login.lua: authorization request, login page, form
#    post answered with the code; one wrk thread per connection), warmed up on their own
#    until the JIT compiler threads take under 1 % of the server's CPU in two windows of S seconds
#    in a row (LOGIN_WARMUP seconds at most); then, alternately, logins and Argon2id hashes with
#    the server's own hasher and parameters on the server's JDK, one thread per core, in a process
#    of their own (ca.idnum.auth.citizen.password.HashingCeiling, from the server's jar: the ceiling
#    for logins); and the server's own ceiling, from the CPU time of its hashes during
#    the login rounds (metrics idnum.password.hashes and idnum.password.hash.cpu).
# 4. Baseline (BASELINE, default keycloak): Keycloak 26 (scripts/keycloak-baseline.sh, its defaults:
#    RS256) warmed the same way, the JWKS, client_credentials and refresh scenarios measured the
#    same way; or BASELINE=rs256: this server with RS256 access tokens and an RS256 relying party
#    (demo-rp); or BASELINE=none.
# Prints Markdown tables: rate, p50/p99, errors, server CPU and load-generator CPU per request, and
# the share of the server's CPU its JIT compiler threads took (near 0 once the server is warm).
#
# Usage: scripts/bench-auth.sh [--seconds S] [--warmup S] [--connections N] [--scenarios a,b,...]
#                               [--rounds R] [--login-warmup LOGIN_WARMUP]
#   defaults: 20 s measured per scenario, 240 s of warm-up, 900 s at most of login warm-up,
#   16 connections, every scenario
#   (jwks,client-credentials,refresh,token-exchange,login,argon2), 3 rounds: logins and the
#   Argon2id ceiling are measured alternately R times (this machine's hashing speed drifts by tens
#   of percent within minutes), and their ratio is that of the mean rates.
# Environment: SERVER_JAVA_HOME (the JDK of the auth-server), SERVER_HEAP (the heap of both servers,
# default 2g: on the embedded default the auth-server's heap also holds every live authorization,
# and the token-exchange scenario leaves about 100,000 of them alive for 5 minutes),
# SERVER_JAVA_OPTS (the auth-server's other JVM options, default -XX:+UseParallelGC
# -XX:+UseTransparentHugePages as docs/operations.md recommends; the Argon2id ceiling runs with the
# same heap and options),
# BASELINE, KEYCLOAK_VERSION.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/test-services.sh

seconds=20
warmup=240
connections=16
scenarios=jwks,client-credentials,refresh,token-exchange,login,argon2
rounds=3
login_warmup=900
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2 ;;
    --warmup) warmup=$2 ;;
    --connections | --threads) connections=$2 ;;
    --scenarios) scenarios=$2 ;;
    --rounds) rounds=$2 ;;
    --login-warmup) login_warmup=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
baseline=${BASELINE:-keycloak}

command -v wrk >/dev/null || idnum_apt_install wrk
command -v jq >/dev/null || idnum_apt_install jq
./mvnw -B -q -ntp -DskipTests -Dspotless.skip=true -Djacoco.skip=true package -pl auth-server,benchmarks -am

if [ -z "${SERVER_JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  SERVER_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
server_java=${SERVER_JAVA_HOME:+$SERVER_JAVA_HOME/bin/}java
# the JVM options of the auth-server, and of the Argon2id ceiling (same runtime, same collector)
export SERVER_HEAP=${SERVER_HEAP:-2g} # scripts/keycloak-baseline.sh gives Keycloak the same
server_opts="-Xmx$SERVER_HEAP ${SERVER_JAVA_OPTS--XX:+UseParallelGC -XX:+UseTransparentHugePages}"
auth_jar=$(ls auth-server/target/idnum-auth-server-*.jar | head -n 1)
work=$(mktemp -d /tmp/idnum-bench.XXXXXX)
pid=""
keycloak_dir=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$keycloak_dir" ]; then scripts/keycloak-baseline.sh stop "$keycloak_dir" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# stat_ticks FILE: the CPU ticks (user + system) in a /proc stat file, its fields counted after the
# command name, which may hold spaces ("C2 CompilerThre").
stat_ticks() { sed 's/.*) //' "$1" | awk '{print $12 + $13}'; }
ticks() { stat_ticks "/proc/$1/stat"; }
# compiler_ticks PID: the CPU ticks of the JIT compiler threads of Java process PID.
compiler_ticks() {
  local t name sum=0
  for t in /proc/"$1"/task/*; do
    read -r name <"$t/comm" 2>/dev/null || continue
    case "$name" in
      C1\ CompilerThre* | C2\ CompilerThre*)
        sum=$((sum + $(stat_ticks "$t/stat" 2>/dev/null || echo 0))) ;;
    esac
  done
  echo "$sum"
}
# rate LABEL NAME: the per-second column of scenario NAME in the rows of LABEL, the mean when it
# ran several times (empty if not run).
rate() {
  awk -F'|' -v s=" $2 " '$2 == s {sum += $4; n++} END {if (n) printf "%.1f\n", sum / n}' \
    "$work/rows-$1" 2>/dev/null || true
}
basic() { printf '%s' "$1:$2" | base64 -w0; }

# measure NAME SECONDS URL SCRIPT: one wrk run against the server $spid, as a table row.
measure() {
  local name=$1 secs=$2 url=$3 script=$4 before after jit_before jit_after out
  before=$(ticks "$spid")
  jit_before=$(compiler_ticks "$spid")
  out=$(/usr/bin/time -f 'CPU %U %S' wrk -t"$wrk_threads" -c"$connections" -d"${secs}s" -s "benchmarks/wrk/$script" "$url" 2>&1)
  after=$(ticks "$spid")
  jit_after=$(compiler_ticks "$spid")
  local n errors p50 p99 gen
  n=$(sed -n 's/.*RESULT requests=\([0-9]*\).*/\1/p' <<<"$out")
  errors=$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' <<<"$out")
  p50=$(sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p' <<<"$out")
  p99=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$out")
  gen=$(awk '/^CPU/{print $2 + $3}' <<<"$out")
  if [ -z "$n" ] || [ "$n" -eq 0 ]; then echo "| $name | wrk failed: $(tail -n 3 <<<"$out" | tr '\n' ' ') |"; return; fi
  awk -v name="$name" -v n="$n" -v s="$secs" -v p50="$p50" -v p99="$p99" -v e="$errors" \
    -v cpu="$((after - before))" -v jit="$((jit_after - jit_before))" -v gen="$gen" 'BEGIN {
      printf "| %s | %d | %.0f | %.2f | %.2f | %d | %.2f | %.2f | %.1f |\n",
        name, n, n / s, p50, p99, e, cpu * 10 / n, gen * 1000 / n, (cpu > 0 ? 100 * jit / cpu : 0) }'
}

# hash_counters: the server's Argon2id computations so far and their CPU seconds (its metrics,
# scraped over loopback, which the embedded default allows without a token).
hash_counters() {
  curl -fsS "$base/actuator/prometheus" | awk '/^idnum_password_hashes_total/ {n = $NF}
    /^idnum_password_hash_cpu_seconds_total/ {c = $NF} END {print n + 0, c + 0}'
}

# selected NAME: whether scenario NAME is among those asked for.
selected() { grep -qE "(^|,)$1(,|\$)" <<<"$scenarios"; }
# scenarios_where GREP-ARGS...: the scenarios asked for that grep keeps, comma-separated.
scenarios_where() { tr ',' '\n' <<<"$scenarios" | grep "$@" | paste -sd, || true; }

table_header() {
  echo "| scenario | requests | per second | p50 ms | p99 ms | errors | server CPU ms per request | load generator CPU ms per request | JIT compiler % of server CPU |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
}

# measured NAME: scenario NAME for 5 s unrecorded (connections open, chains start), then for
# $seconds as a row of the table and of the rows of $label.
measured() {
  scenario "$1"
  measure "$1" 5 "$url" "$script" >/dev/null
  scenario "$1"
  measure "$1" "$seconds" "$url" "$script" | tee -a "$work/rows-$label"
}

# scenario NAME: sets url/script/wrk_threads and the wrk environment of one scenario.
scenario() {
  wrk_threads=1
  case "$1" in
    jwks) url=$jwks_url; script=get.lua ;;
    client-credentials)
      url=$token_url; script=form-post.lua
      export BENCH_BASIC=$cc_basic BENCH_BODY="grant_type=client_credentials&scope=$cc_scope" ;;
    refresh)
      # fresh chains for every run: a rotated-away refresh token used again revokes its family
      url=$token_url; script=refresh.lua
      [ -z "${2:-}" ] && "$fresh_tokens" "$((connections * 2))" "$work/refresh-tokens"
      export BENCH_BASIC=$rp_basic BENCH_TOKENS=$work/refresh-tokens ;;
    token-exchange)
      # a fresh subject token for every run (access tokens live 5 minutes)
      url=$token_url; script=form-post.lua
      [ -z "${2:-}" ] && idnum_tokens --token-kind access_token --tokens 1 >"$work/subject-token"
      BENCH_BODY="grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=$(cat "$work/subject-token")&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token&audience=urn%3Aidnum%3Ademo-api&scope=profile"
      export BENCH_BASIC=$exchange_basic BENCH_BODY ;;
    login)
      # one wrk thread per connection (login.lua drives each connection through the steps of a
      # login); bench-rp's consent is given once beforehand by a complete login
      url=$base; script=login.lua; wrk_threads=$connections
      [ -z "${2:-}" ] && [ ! -e "$work/consented" ] && idnum_refresh_tokens 1 "$work/consented"
      export BENCH_AUTHORIZE="/oauth2/authorize?response_type=code&client_id=bench-rp&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fcallback&scope=openid%20profile&state=bench-state&nonce=bench-nonce&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
      export BENCH_REDIRECT=http://localhost:8080/callback BENCH_USERNAME=demo@idnum.example BENCH_PASSWORD=Demo-citoyen-2026! ;;
    *) return 1 ;;
  esac
}

# run_wrk_scenarios LIST: the wrk scenarios of LIST, warm-up in turn for $warmup s in all, then
# one measured run each.
run_wrk_scenarios() {
  local list=() s slice
  for s in ${1//,/ }; do scenario "$s" check 2>/dev/null && list+=("$s"); done
  [ ${#list[@]} -gt 0 ] || return 0
  slice=$(( warmup / (2 * ${#list[@]}) ))
  [ "$slice" -ge 1 ] || slice=1
  echo "warm-up: ${warmup} s (each scenario ${slice} s, twice)" >&2
  for _ in 1 2; do
    for s in "${list[@]}"; do scenario "$s"; measure "$s" "$slice" "$url" "$script" >/dev/null; done
  done
  table_header
  for s in "${list[@]}"; do measured "$s"; done
}

# warm_logins: logins until the JIT has compiled what they run: windows of $seconds until the
# compiler threads take under 1 % of the server's CPU in two windows in a row (one was not enough:
# the compiler took 5 % again in the next), for $login_warmup seconds at most (logins run about 60
# times a second, so a method run once per login reaches the optimising compiler's thresholds only
# after minutes). Progress on stderr.
warm_logins() {
  local elapsed=0 quiet=0 row jit
  scenario login
  while [ "$elapsed" -lt "$login_warmup" ]; do
    row=$(measure login "$seconds" "$url" "$script")
    elapsed=$((elapsed + seconds))
    jit=$(awk -F'|' '{gsub(/ /, "", $10); print $10}' <<<"$row")
    [ -n "$jit" ] || { echo "login warm-up: $row" >&2; return 1; }
    echo "login warm-up: ${elapsed} s, $(awk -F'|' '{gsub(/ /, "", $4); print $4}' <<<"$row") logins/s, JIT compiler $jit % of the server's CPU" >&2
    if awk -v j="$jit" 'BEGIN { exit !(j < 1) }'; then quiet=$((quiet + 1)); else quiet=0; fi
    [ "$quiet" -lt 2 ] || return 0
  done
  echo "login warm-up: the JIT compiler still took ${jit:-?} % of the server's CPU after ${login_warmup} s" >&2
}

# start_server ALG: the auth-server signing access tokens with ALG, on a fresh embedded default.
start_server() {
  local dir port
  dir=$(mktemp -d "$work/server-$1.XXXXXX")
  rm -f "$work/consented" # a new server: bench-rp and its consent are new too
  port=$(idnum_free_port)
  (cd "$dir" && exec "$server_java" $server_opts -jar "$root/$auth_jar" --server.port="$port" \
    --logging.level.root=WARN --idnum.oidc.access-token-signing-alg="$1") >"$dir/server.log" 2>&1 &
  pid=$!
  spid=$pid
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$base/actuator/health" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$dir/server.log"; exit 1; }
    sleep 1
  done
  token_url=$base/oauth2/token
  jwks_url=$base/oauth2/jwks
  cc_basic=$(basic demo-backend demo-backend-secret-for-local-testing-only)
  cc_scope=demo.read
  exchange_basic=$(basic demo-rp demo-rp-secret-for-local-testing-only)
  admin=$(curl -fsS -u "idnum-admin:$(cat "$dir/idnum-admin-secret.txt")" \
    -d grant_type=client_credentials -d scope=idnum:admin "$token_url" | jq -er .access_token)
  # the relying party of the refresh scenario: $2 (ES256 or RS256) ID tokens
  rp_secret=$(curl -fsS -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"client_id\":\"bench-rp\",\"client_name\":\"Banc d'essai\",\"sector_identifier\":\"urn:idnum:sector:bench\",\"token_endpoint_auth_method\":\"client_secret_basic\",\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"redirect_uris\":[\"http://localhost:8080/callback\"],\"scope\":\"openid profile\",\"id_token_signed_response_alg\":\"$2\"}" \
    "$base/admin/clients" | jq -er .client_secret)
  rp_basic=$(basic bench-rp "$rp_secret")
  fresh_tokens=idnum_refresh_tokens
}

idnum_tokens() {
  java -cp benchmarks/target/benchmarks.jar ca.idnum.bench.load.AuthServerLoad --target "$base" \
    --redirect-uri http://localhost:8080/callback "$@"
}

# idnum_refresh_tokens N FILE: the refresh tokens of N complete logins at bench-rp.
idnum_refresh_tokens() {
  idnum_tokens --rp-client bench-rp --rp-secret "$rp_secret" --tokens "$1" >"$2"
}

keycloak_refresh_tokens() {
  scripts/keycloak-baseline.sh refresh-tokens "$keycloak_dir" "$1" "$2" >&2
}

stop_server() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load generator wrk $(wrk --version 2>&1 | head -n 1 | awk '{print $2}')"
echo "auth-server JDK: $("$server_java" -version 2>&1 | head -n 1)"
echo
echo "== IdNum auth-server: access tokens ES256, ID tokens of bench-rp ES256"
label=idnum
start_server ES256 ES256
run_wrk_scenarios "$(scenarios_where -vx login)"
if selected login || selected argon2; then
  echo
  if selected login && [ -n "$(scenarios_where -vxE 'login|argon2')" ]; then
    # logins on a server of their own, as the ceiling's hashes run in a process of their own: on the
    # server the token scenarios used, logins took 3-4 ms more CPU each for about two minutes (the
    # exchanged authorizations alive in the heap, the JIT's profiles of other paths)
    stop_server
    start_server ES256 ES256
    echo "logins on a new server (same options), so that the token scenarios' state does not weigh on them"
  fi
  if selected login; then
    echo "logins, after their own warm-up (until the JIT compiler takes under 1 % of the server's CPU"
    echo "in two windows of $seconds s in a row, $login_warmup s at most); bench-rp's consent given once"
    echo "beforehand"
    warm_logins
  fi
  if selected argon2; then
    echo "the ceiling for logins: Argon2id hashes with the server's hasher and parameters, on the server's"
    echo "JDK, one thread per core (the server runs at most one hash per core), in a process of their own"
  fi
  selected login && selected argon2 || rounds=1
  echo "$rounds round(s):"
  table_header
  for round in $(seq 1 "$rounds"); do
    if selected login; then
      hashes_before=$(hash_counters)
      measured login
      echo "$hashes_before $(hash_counters)" >>"$work/hashes"
    fi
    if selected argon2; then
      # shellcheck disable=SC2086
      "$server_java" $server_opts -cp "$auth_jar" \
        -Dloader.main=ca.idnum.auth.citizen.password.HashingCeiling \
        org.springframework.boot.loader.launch.PropertiesLauncher --seconds "$seconds" --warmup 15 \
        | grep '^| argon2 ' | sed 's/$/ — |/' | tee -a "$work/rows-$label"
    fi
  done
fi
stop_server
login_rate=$(rate idnum login)
argon2_rate=$(rate idnum argon2)
if [ -n "$login_rate" ] && [ -n "$argon2_rate" ]; then
  awk -v a="$login_rate" -v b="$argon2_rate" -v r="$rounds" 'BEGIN { if (b > 0)
    printf "\nlogins / Argon2id ceiling, measured alternately in this run: %.1f/s / %.1f/s = %.2f (%d rounds)\n",
      a, b, a / b, r }'
  # each round's ratio, to show the spread
  awk -F'|' '$2 == " login " {l[++nl] = $4} $2 == " argon2 " {c[++nc] = $4}
    END { printf "each round:"; for (i = 1; i <= nc && i <= nl; i++) printf " %.2f", l[i] / c[i]; print "" }' \
    "$work/rows-idnum"
fi
if [ -s "$work/hashes" ]; then
  # the same question inside the server: its own hashes' CPU time (idnum.password.hash.cpu) says
  # how many hashes a second its cores could do; processes of the same jar and options hash at
  # speeds tens of percent apart, and this ceiling shares the server's
  echo
  echo "the server's own hashes during the login rounds (its metrics idnum.password.hashes and .hash.cpu):"
  awk -F'|' '$2 == " login " {print $4}' "$work/rows-idnum" | paste -d' ' - "$work/hashes" |
    awk -v cores="$(nproc)" '{ n = $4 - $2; c = $5 - $3; if (n > 0 && c > 0) {
        ms = 1000 * c / n; ceiling = cores * 1000 / ms; rate += $1; sum += ceiling; k++
        printf "- round %d: %.1f ms of CPU per hash, ceiling %.1f/s, logins %.1f/s: %.2f\n", k, ms, ceiling, $1, $1 / ceiling } }
      END { if (k) printf "logins / the server'"'"'s own Argon2id ceiling: %.1f/s / %.1f/s = %.2f\n", rate / k, sum / k, rate / sum }'
fi

# the scenarios a baseline runs too
baseline_scenarios=$(scenarios_where -E '^(jwks|client-credentials|refresh)$')
case "$baseline" in
  none) exit 0 ;;
  rs256)
    echo
    echo "== baseline: this server with RS256 access tokens and RS256 ID tokens (bench-rp)"
    label=rs256
    start_server RS256 RS256
    run_wrk_scenarios "$baseline_scenarios"
    stop_server ;;
  keycloak)
    echo
    echo "== baseline: Keycloak ${KEYCLOAK_VERSION:-26.5.6} (its defaults: RS256), same warm-up, same wrk scenarios"
    label=keycloak
    keycloak_dir=$work/keycloak
    scripts/keycloak-baseline.sh start "$keycloak_dir" >&2
    # shellcheck disable=SC1091
    source "$keycloak_dir/bench.env"
    spid=$PID
    token_url=$TOKEN_URL
    jwks_url=$JWKS_URL
    cc_basic=$(basic "$CC_CLIENT" "$CC_SECRET")
    cc_scope=$CC_SCOPE
    rp_basic=$(basic "$RP_CLIENT" "$RP_SECRET")
    fresh_tokens=keycloak_refresh_tokens
    run_wrk_scenarios "$baseline_scenarios"
    scripts/keycloak-baseline.sh stop "$keycloak_dir" >&2
    keycloak_dir="" ;;
  *) echo "unknown BASELINE $baseline (keycloak, rs256, none)" >&2; exit 2 ;;
esac

echo
echo "ratio IdNum / $baseline (rate), measured in this run:"
for s in jwks client-credentials refresh; do
  ours=$(rate idnum "$s")
  theirs=$(rate "$label" "$s")
  if [ -n "$ours" ] && [ -n "$theirs" ]; then
    awk -v s="$s" -v a="$ours" -v b="$theirs" 'BEGIN { if (b > 0) printf "- %s: %.2f×\n", s, a / b }'
  fi
done
