#!/usr/bin/env bash
# Start a PostgreSQL server on loopback for eventcoder (tests or a shared store) and print the
# shell line that exports its DSN:   eval "$(bash scripts/start-postgres.sh)"
# Needs Debian's postgresql package (apt-get install postgresql). Idempotent: a server already
# running on the port is reused.
set -euo pipefail
PGDATA_DIR=${EVENTCODER_PGDATA:-/tmp/eventcoder-pgdata}
PORT=${EVENTCODER_PGPORT:-54329}
DB=${EVENTCODER_PGDB:-eventcoder_test}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$BIN" ]; then
  echo "start-postgres: PostgreSQL server binaries not found; apt-get install postgresql" >&2
  exit 1
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
  mkdir -p "$PGDATA_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PGDATA_DIR"
  as_pg "$BIN/initdb" -D "$PGDATA_DIR" -A trust -U postgres >/dev/null
fi
if ! as_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
fi
if ! as_pg psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; then
  as_pg createdb -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
fi
echo "EVENTCODER_TEST_PG_DSN=postgresql://postgres@127.0.0.1:$PORT/$DB"
