#!/usr/bin/env bash
# Starts a throw-away PostgreSQL on 127.0.0.1:${FANZHA_PG_PORT:-55432} for the store's tests, or stops it.
# Usage: .ci/postgres.sh start|stop   (prints the JDBC URL to export as FANZHA_TEST_PG_URL)
set -euo pipefail
port=${FANZHA_PG_PORT:-55432}
dir=${FANZHA_PG_DIR:-/tmp/fanzha-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
# initdb refuses to run as root: use the postgres system user where we are root.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
  start)
    if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      rm -rf "$dir"; mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
      as_pg "$bin/initdb" -D "$dir" -U fanzha --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
        -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
      as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U fanzha fanzha
    fi
    echo "jdbc:postgresql://127.0.0.1:$port/fanzha?user=fanzha"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
