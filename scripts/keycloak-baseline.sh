#!/usr/bin/env bash
# Keycloak as the same-run baseline of the auth-server benchmark (issue 2 states its target
# against Keycloak 26 on a 2-core machine). Not a test: a helper for scripts/bench-auth.sh.
#
#   scripts/keycloak-baseline.sh start DIR             unzip, start, create realm `bench`, write DIR/bench.env
#   scripts/keycloak-baseline.sh refresh-tokens DIR N FILE   N refresh tokens (password grant of bench-rp)
#   scripts/keycloak-baseline.sh stop DIR              stop the server and wait for it
#
# Version: Keycloak 26.5.6 (KEYCLOAK_VERSION to change it; 26.7.3 is also served), the
# `org.keycloak:keycloak-quarkus-dist` zip from Maven Central, fetched with the Maven wrapper and
# cached in benchmarks/target/keycloak-dist/ (a second run does not download again). Keycloak 26
# needs Java 21+: the JDK is KEYCLOAK_JAVA_HOME, default Temurin 25 (/usr/lib/jvm/temurin-25-jdk-amd64).
#
# Setting: production mode, not start-dev. `kc.sh build --db=dev-file` once per DIR, then
# `kc.sh start --optimized --cache=local` with plain HTTP on 127.0.0.1 and a fixed hostname (so the
# issuer is http://127.0.0.1:PORT/realms/bench). start-dev is the same server with theme/template
# caches off and a re-augmentation on each start; `start --optimized` is what a deployment runs.
# The database is Keycloak's embedded H2 file (dev-file), the counterpart of our embedded default;
# --cache=local (a runtime option since 26.x, not a build one) because a single node has no
# cluster: the default `ispn` starts JGroups (JDBC_PING, mTLS) listening on every interface.
# Heap -Xmx$SERVER_HEAP (2g by default) and transparent huge pages (JAVA_OPTS_APPEND) like our
# server (JAVA_OPTS_KC_HEAP), Keycloak's defaults otherwise: RS256 tokens,
# refresh tokens not revoked on use, persistent user sessions, SSO session idle 30 min (a refresh
# token unused for 30 minutes expires), log level INFO to DIR/keycloak.log.
#
# The realm `bench` holds: confidential client `bench-backend` (client_secret_basic, service
# account, standard flow off, optional client scope `demo.read`); confidential client `bench-rp`
# (client_secret_basic, standard flow on, direct access grants on only to obtain the benchmark's
# initial refresh tokens); user `bench-user` (password, email verified, no required action).
# DIR/bench.env (KEY=value lines, shell-sourceable): PID (the Keycloak JVM, for CPU accounting from
# /proc/PID/stat), ISSUER, TOKEN_URL, JWKS_URL, CC_CLIENT, CC_SECRET, CC_SCOPE, RP_CLIENT, RP_SECRET,
# USERNAME, PASSWORD, plus BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, STARTUP_SECONDS.
# Warm-up trap (measured 2026-12-06, 2 cores, wrk -c16): after a 60 s warm-up Keycloak gave only
# ~590 client_credentials grants/s (3.3 ms server CPU each); it reached its plateau (~1,370/s,
# 1.4 ms) only after ~4 minutes of load, refresh grants and JWKS GETs likewise. Warm it for
# several minutes, or repeat the rounds until two agree, before taking its numbers.
# The bootstrap admin comes from KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD
# (default: admin / a random password).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/test-services.sh
source "$root/scripts/test-services.sh"

version=${KEYCLOAK_VERSION:-26.5.6}
java_home=${KEYCLOAK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cache_dir="$root/benchmarks/target/keycloak-dist"
zip="$cache_dir/keycloak-quarkus-dist-$version.zip"

die() {
  echo "[keycloak] error: $*" >&2
  exit 1
}
log() { echo "[keycloak] $*" >&2; }

usage() {
  sed -n '5,7p' "$0" | sed 's/^# *//' >&2
  exit 2
}

# env_get DIR KEY: one value of DIR/bench.env.
env_get() {
  sed -n "s/^$2=//p" "$1/bench.env" | head -n 1
}

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

fetch_zip() {
  [ -s "$zip" ] && return 0
  mkdir -p "$cache_dir"
  log "fetching org.keycloak:keycloak-quarkus-dist:$version:zip"
  (cd "$root" && ./mvnw -B -q -ntp -N dependency:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -DoutputDirectory="$cache_dir") ||
    die "could not fetch keycloak-quarkus-dist $version from Maven Central"
  [ -s "$zip" ] || die "$zip missing after the download"
}

# stop_pid PID: TERM, wait up to 30 s, then KILL.
stop_pid() {
  local pid=$1
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do
    alive "$pid" || return 0
    sleep 0.1
  done
  log "PID $pid still alive after 30 s, killing it"
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    alive "$pid" || return 0
    sleep 0.1
  done
}

# ---- admin REST API (curl + jq) ---------------------------------------------------------------
admin_token=""
base=""
admin_login() {
  admin_token=$(curl -fsS "$base/realms/master/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=admin-cli \
    --data-urlencode "username=$admin_user" --data-urlencode "password=$admin_password" |
    jq -er .access_token) || die "admin login failed (bootstrap admin $admin_user)"
}

# admin METHOD PATH [JSON]: prints the response headers+body to stdout; fails on HTTP >= 400.
admin() {
  local method=$1 path=$2 body=${3:-} out code
  out=$(mktemp)
  code=$(curl -sS -o "$out" -D "$out.h" -w '%{http_code}' -X "$method" "$base/admin/realms$path" \
    -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
    ${body:+--data "$body"}) || { rm -f "$out" "$out.h"; die "$method $path: no answer"; }
  if [ "$code" -ge 400 ]; then
    log "$method /admin/realms$path -> HTTP $code: $(head -c 500 "$out")"
    rm -f "$out" "$out.h"
    return 1
  fi
  cat "$out"
  rm -f "$out" "$out.h"
}

# created_id METHOD PATH JSON: creates a resource and prints its id (last segment of Location).
created_id() {
  local out code location
  out=$(mktemp)
  code=$(curl -sS -o /dev/null -D "$out" -w '%{http_code}' -X "$1" "$base/admin/realms$2" \
    -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' --data "$3") ||
    { rm -f "$out"; die "$1 $2: no answer"; }
  location=$(tr -d '\r' <"$out" | sed -n 's/^[Ll]ocation: //p')
  rm -f "$out"
  if [ "$code" != 201 ] || [ -z "$location" ]; then
    log "$1 /admin/realms$2 -> HTTP $code"
    return 1
  fi
  echo "${location##*/}"
}

random_secret() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32; }

setup_realm() {
  admin_login
  admin POST "" '{"realm":"bench","enabled":true}' >/dev/null || die "could not create realm bench"

  local scope_id backend_id
  scope_id=$(created_id POST /bench/client-scopes '{"name":"demo.read","protocol":"openid-connect",
    "attributes":{"include.in.token.scope":"true","display.on.consent.screen":"false"}}') ||
    die "could not create client scope demo.read"

  backend_id=$(created_id POST /bench/clients "$(jq -n --arg s "$cc_secret" '{clientId:"bench-backend",
    enabled:true, publicClient:false, clientAuthenticatorType:"client-secret", secret:$s,
    serviceAccountsEnabled:true, standardFlowEnabled:false, implicitFlowEnabled:false,
    directAccessGrantsEnabled:false, protocol:"openid-connect"}')") ||
    die "could not create client bench-backend"
  admin PUT "/bench/clients/$backend_id/optional-client-scopes/$scope_id" >/dev/null ||
    die "could not give demo.read to bench-backend"

  created_id POST /bench/clients "$(jq -n --arg s "$rp_secret" '{clientId:"bench-rp",
    enabled:true, publicClient:false, clientAuthenticatorType:"client-secret", secret:$s,
    standardFlowEnabled:true, directAccessGrantsEnabled:true, serviceAccountsEnabled:false,
    implicitFlowEnabled:false, redirectUris:["http://localhost:8080/callback"],
    protocol:"openid-connect"}')" >/dev/null || die "could not create client bench-rp"

  # firstName/lastName/email: the default user profile asks for them (else VERIFY_PROFILE).
  created_id POST /bench/users "$(jq -n --arg p "$user_password" '{username:"bench-user",
    enabled:true, emailVerified:true, email:"bench-user@example.org", firstName:"Bench",
    lastName:"User", requiredActions:[],
    credentials:[{type:"password", value:$p, temporary:false}]}')" >/dev/null ||
    die "could not create user bench-user"
}

# ---- subcommands ------------------------------------------------------------------------------
cmd_start() {
  local dir=$1
  [ -x "$java_home/bin/java" ] || die "no Java at $java_home (Keycloak 26 needs Java 21+; set KEYCLOAK_JAVA_HOME)"
  command -v jq >/dev/null || idnum_apt_install jq
  if [ -f "$dir/bench.env" ] && alive "$(env_get "$dir" PID)"; then
    log "already running in $dir (PID $(env_get "$dir" PID)); nothing to do"
    return 0
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  fetch_zip
  local home="$dir/keycloak-$version"
  if [ ! -x "$home/bin/kc.sh" ]; then
    log "unzipping into $dir"
    unzip -q -o "$zip" -d "$dir" || die "could not unzip $zip"
  fi
  # A fresh embedded database on every start, so the realm is created anew.
  rm -rf "$home/data" "$dir/bench.env"

  export JAVA_HOME="$java_home"
  export JAVA_OPTS_KC_HEAP="-Xmx${SERVER_HEAP:-2g}"
  # transparent huge pages, as bench-auth.sh gives our server (a platform setting, not a tuning)
  export JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:--XX:+UseTransparentHugePages}"
  if [ ! -f "$home/.bench-built" ]; then
    log "kc.sh build --db=dev-file"
    "$home/bin/kc.sh" build --db=dev-file >"$dir/build.log" 2>&1 ||
      { tail -n 30 "$dir/build.log" >&2; die "kc.sh build failed (see $dir/build.log)"; }
    touch "$home/.bench-built"
  fi

  admin_user=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}
  admin_password=${KC_BOOTSTRAP_ADMIN_PASSWORD:-$(random_secret)}
  cc_secret=$(random_secret)
  rp_secret=$(random_secret)
  user_password=$(random_secret)

  local port t0 t1
  kc_pid="" java_pid="" # globals: the EXIT trap below reads them
  port=$(idnum_free_port)
  base="http://127.0.0.1:$port"
  t0=$(date +%s.%N)
  # setsid: its own process group, so `stop` reaches kc.sh and the JVM together.
  KC_BOOTSTRAP_ADMIN_USERNAME=$admin_user KC_BOOTSTRAP_ADMIN_PASSWORD=$admin_password \
    setsid "$home/bin/kc.sh" start --optimized --cache=local --http-enabled=true --http-host=127.0.0.1 \
    --http-port="$port" --hostname="$base" \
    </dev/null >"$dir/keycloak.log" 2>&1 &
  kc_pid=$!
  echo "$kc_pid" >"$dir/kc.pid"
  # From here on, a failure stops what was started.
  start_dir=$dir
  trap 'log "setup failed, stopping Keycloak"; stop_pid "$java_pid"; stop_pid "$kc_pid"; rm -f "$start_dir/kc.pid"' EXIT

  for _ in $(seq 1 240); do
    [ -n "$java_pid" ] || java_pid=$(pgrep -P "$kc_pid" java || true)
    curl -fsS -o /dev/null "$base/realms/master/.well-known/openid-configuration" 2>/dev/null && break
    alive "$kc_pid" || { tail -n 40 "$dir/keycloak.log" >&2; die "Keycloak exited (see $dir/keycloak.log)"; }
    sleep 0.5
  done
  curl -fsS -o /dev/null "$base/realms/master/.well-known/openid-configuration" ||
    { tail -n 40 "$dir/keycloak.log" >&2; die "Keycloak not ready after 120 s"; }
  t1=$(date +%s.%N)
  [ -n "$java_pid" ] || java_pid=$(pgrep -P "$kc_pid" java) || die "no JVM under kc.sh (PID $kc_pid)"

  setup_realm

  local issuer="$base/realms/bench"
  {
    echo "PID=$java_pid"
    echo "KC_SH_PID=$kc_pid"
    echo "BASE_URL=$base"
    echo "ISSUER=$issuer"
    echo "TOKEN_URL=$issuer/protocol/openid-connect/token"
    echo "JWKS_URL=$issuer/protocol/openid-connect/certs"
    echo "CC_CLIENT=bench-backend"
    echo "CC_SECRET=$cc_secret"
    echo "CC_SCOPE=demo.read"
    echo "RP_CLIENT=bench-rp"
    echo "RP_SECRET=$rp_secret"
    echo "USERNAME=bench-user"
    echo "PASSWORD=$user_password"
    echo "ADMIN_USERNAME=$admin_user"
    echo "ADMIN_PASSWORD=$admin_password"
    echo "STARTUP_SECONDS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
  } >"$dir/bench.env"
  chmod 600 "$dir/bench.env"

  # Smoke check: one client_credentials grant with the scope.
  curl -fsS -u "bench-backend:$cc_secret" "$issuer/protocol/openid-connect/token" \
    -d grant_type=client_credentials -d scope=demo.read | jq -e '.access_token and (.scope | test("demo.read"))' \
    >/dev/null || die "client_credentials grant of bench-backend failed"
  trap - EXIT
  log "Keycloak $version ready at $base (JVM PID $java_pid, ready in $(env_get "$dir" STARTUP_SECONDS) s); realm bench set up; $dir/bench.env"
}

cmd_refresh_tokens() {
  local dir=$1 n=$2 file=$3
  [ -f "$dir/bench.env" ] || die "no $dir/bench.env: run '$0 start $dir' first"
  if ! [[ "$n" =~ ^[0-9]+$ ]] || [ "$n" -eq 0 ]; then die "N must be a positive integer"; fi
  local token_url rp_client rp_secret username password tmp i
  token_url=$(env_get "$dir" TOKEN_URL)
  rp_client=$(env_get "$dir" RP_CLIENT)
  rp_secret=$(env_get "$dir" RP_SECRET)
  username=$(env_get "$dir" USERNAME)
  password=$(env_get "$dir" PASSWORD)
  tmp=$(mktemp)
  for ((i = 1; i <= n; i++)); do
    curl -fsS -u "$rp_client:$rp_secret" "$token_url" -d grant_type=password -d scope=openid \
      --data-urlencode "username=$username" --data-urlencode "password=$password" |
      jq -er .refresh_token >>"$tmp" || { rm -f "$tmp"; die "password grant $i of $n failed"; }
  done
  mv "$tmp" "$file"
  log "$n refresh tokens in $file"
}

cmd_stop() {
  local dir=$1 pid="" kc_pid=""
  [ -f "$dir/bench.env" ] && pid=$(env_get "$dir" PID)
  [ -f "$dir/kc.pid" ] && kc_pid=$(cat "$dir/kc.pid")
  if ! alive "$pid" && ! alive "$kc_pid"; then
    log "not running in $dir"
    rm -f "$dir/kc.pid"
    return 0
  fi
  stop_pid "$pid"
  stop_pid "$kc_pid"
  rm -f "$dir/kc.pid"
  log "stopped"
}

[ $# -ge 1 ] || usage
case "$1" in
  start) [ $# -eq 2 ] || usage; cmd_start "$2" ;;
  refresh-tokens) [ $# -eq 4 ] || usage; cmd_refresh_tokens "$2" "$3" "$4" ;;
  stop) [ $# -eq 2 ] || usage; cmd_stop "$2" ;;
  *) usage ;;
esac
