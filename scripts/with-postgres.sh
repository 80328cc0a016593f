#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on 127.0.0.1 and
# TEST_DATABASE_URL pointing at it; the server and its files are removed after.
#   scripts/with-postgres.sh npm test
set -euo pipefail

find_bin() {
  command -v "$1" 2>/dev/null && return 0
  local candidate
  for candidate in /usr/lib/postgresql/*/bin/"$1"; do
    [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

INITDB=$(find_bin initdb) || { echo "✗ PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
PG_CTL=$(find_bin pg_ctl) || { echo "✗ pg_ctl not found" >&2; exit 1; }
PORT=${PG_TEST_PORT:-55432}
DIR=$(mktemp -d /tmp/annual-plan-pg.XXXXXX)

# initdb refuses to run as root: run the server as the postgres user then.
as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = "0" ] && chown postgres "$DIR"

cleanup() {
  as_owner "$PG_CTL" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

as_owner "$INITDB" -D "$DIR/data" -U app --auth=trust --encoding=UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }
as_owner "$PG_CTL" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
echo "• PostgreSQL $("$PG_CTL" --version | awk '{print $3}') for tests on 127.0.0.1:$PORT"

export TEST_DATABASE_URL="postgres://app@127.0.0.1:$PORT/postgres"
"$@"
