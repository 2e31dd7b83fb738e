#!/usr/bin/env bash
# Start (or reuse) a throwaway PostgreSQL cluster on 127.0.0.1 for the store contract tests and
# print its URL. Loopback only, trust auth, fsync off: a test server, never a deployment.
#   SITREP_PG_PORT (default 55432), SITREP_PG_DIR (default /tmp/sitrep-pg), SITREP_PG_DB (sitrep_test)
#   SITREP_PG_OPTS: more server settings, e.g. "-c shared_buffers=6GB" for the 1M-event load
#   benchmark (a server already running keeps its settings: stop it first)
#   stop: pg_ctl -D "$SITREP_PG_DIR" stop (as the owner of the folder)
set -euo pipefail
port="${SITREP_PG_PORT:-55432}"
dir="${SITREP_PG_DIR:-/tmp/sitrep-pg}"
db="${SITREP_PG_DB:-sitrep_test}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [[ -z "$bin" ]]; then
    echo "pg_test_server.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 1
fi
as_owner() {
    if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [[ ! -f "$dir/PG_VERSION" ]]; then
    mkdir -p "$dir"
    [[ "$(id -u)" == 0 ]] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir" -A trust -U postgres --no-sync >/dev/null
fi
if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o \
        "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${SITREP_PG_OPTS:-}" \
        start >/dev/null
fi
psql=("$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1)
if ! "${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    "${psql[@]}" -d postgres -c "CREATE DATABASE $db" >/dev/null
fi
# PostGIS is optional: the store works without it (plain latitude/longitude indexes).
"${psql[@]}" -d "$db" -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null 2>&1 \
    || echo "pg_test_server.sh: PostGIS not available; continuing without it" >&2
echo "postgresql://postgres@127.0.0.1:$port/$db"
