#!/usr/bin/env bash
# Installs (Debian packages, when missing) and starts a throwaway PostgreSQL and Redis on free
# loopback ports. Usage: source scripts/test-services.sh; idnum_services_start; ...; idnum_services_stop
# Exports IDNUM_TEST_PG_URL (JDBC URL of a superuser connection), IDNUM_TEST_PG_HOST/PORT and
# IDNUM_TEST_REDIS_HOST/PORT for the tests.

idnum_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

idnum_apt_install() {
  if [ -z "${IDNUM_APT_UPDATED:-}" ]; then
    idnum_as_root apt-get update -qq
    IDNUM_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive idnum_as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# A port below Linux's ephemeral range (32768+), so no outgoing connection holds it, and nobody
# listening on it now.
idnum_free_port() {
  local port
  while :; do
    port=$((15000 + RANDOM % 17000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

idnum_pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

idnum_services_install() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ -n "$(idnum_pg_bin)" ] && [ -x "$(idnum_pg_bin)/initdb" ] || missing+=(postgresql)
  if [ "${IDNUM_BROWSER_TESTS:-1}" = 1 ]; then
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  fi
  command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
  if ((${#missing[@]})); then
    echo "[test-services] installing Debian packages: ${missing[*]}"
    idnum_apt_install "${missing[@]}"
  fi
}

idnum_services_start() {
  idnum_services_install
  IDNUM_SERVICES_DIR=$(mktemp -d /tmp/idnum-services.XXXXXX)
  chmod 755 "$IDNUM_SERVICES_DIR"
  local pg_bin pg_port redis_port attempt
  pg_bin=$(idnum_pg_bin)

  local run_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    install -d -o postgres -g postgres "$IDNUM_SERVICES_DIR/pg"
    run_pg=(runuser -u postgres --)
  else
    mkdir -p "$IDNUM_SERVICES_DIR/pg"
  fi
  "${run_pg[@]}" "$pg_bin/initdb" -D "$IDNUM_SERVICES_DIR/pg/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
  # Another process may take a port between the check and the bind: try a few ports.
  for attempt in 1 2 3 4 5; do
    pg_port=$(idnum_free_port)
    if "${run_pg[@]}" "$pg_bin/pg_ctl" -D "$IDNUM_SERVICES_DIR/pg/data" -l "$IDNUM_SERVICES_DIR/pg/log" \
      -o "-p $pg_port -k $IDNUM_SERVICES_DIR/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
      -w start >/dev/null; then
      break
    fi
    [ "$attempt" = 5 ] && { tail -n 20 "$IDNUM_SERVICES_DIR/pg/log" >&2; return 1; }
  done

  for attempt in 1 2 3 4 5; do
    redis_port=$(idnum_free_port)
    redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --dir "$IDNUM_SERVICES_DIR" \
      --save '' --appendonly no --logfile "$IDNUM_SERVICES_DIR/redis.log" --pidfile "$IDNUM_SERVICES_DIR/redis.pid"
    for _ in $(seq 1 50); do
      redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break 2
      sleep 0.1
    done
    [ "$attempt" = 5 ] && { tail -n 20 "$IDNUM_SERVICES_DIR/redis.log" >&2; return 1; }
  done

  export IDNUM_TEST_PG_HOST=127.0.0.1 IDNUM_TEST_PG_PORT=$pg_port
  export IDNUM_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres"
  export IDNUM_TEST_REDIS_HOST=127.0.0.1 IDNUM_TEST_REDIS_PORT=$redis_port
  export IDNUM_SERVICES_DIR
  echo "[test-services] PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"
}

idnum_services_stop() {
  [ -n "${IDNUM_SERVICES_DIR:-}" ] || return 0
  redis-cli -p "$IDNUM_TEST_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  local run_pg=()
  [ "$(id -u)" -eq 0 ] && run_pg=(runuser -u postgres --)
  "${run_pg[@]}" "$(idnum_pg_bin)/pg_ctl" -D "$IDNUM_SERVICES_DIR/pg/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$IDNUM_SERVICES_DIR"
  echo "[test-services] stopped"
}
