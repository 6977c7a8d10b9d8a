#!/usr/bin/env bash
# Runs every test of the solution against a real, throwaway PostgreSQL.
#
#   bash tests/run.sh                 # everything
#   bash tests/run.sh --filter Feed   # extra arguments go to `dotnet test`
#
# Installs PostgreSQL with apt-get when it is missing, starts a private cluster on a free local port
# in a temp dir (as the `postgres` user when run as root: the server refuses to run as root),
# exports ACTIVITY_TEST_POSTGRES, runs `dotnet test Activity.sln`, and stops the cluster even when
# the tests fail.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

pg_bin="$(find_pg_bin)"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "run.sh: PostgreSQL is not installed; installing it with apt-get" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  pg_bin="$(find_pg_bin)"
fi

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

work="$(mktemp -d /tmp/activity-test-pg.XXXXXX)"
chmod 755 "$work"
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$work"; fi

port=""
for _ in $(seq 1 100); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port="$candidate"; break; fi
done
if [ -z "$port" ]; then echo "run.sh: no free port found" >&2; exit 1; fi

stop_postgres() {
  as_postgres "$pg_bin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop_postgres EXIT

as_postgres "$pg_bin/initdb" -D "$work/data" -U postgres --auth=trust --no-locale -E UTF8 >"$work/initdb.log"
# fsync off: a throwaway cluster need not survive the machine crashing, only a server restart,
# which the write-ahead log still covers (synchronous_commit stays on).
as_postgres "$pg_bin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w -o \
  "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=400" \
  start >/dev/null

export ACTIVITY_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
echo "run.sh: PostgreSQL $(basename "$(dirname "$pg_bin")") on 127.0.0.1:$port" >&2

dotnet test Activity.sln "$@"
