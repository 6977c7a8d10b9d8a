#!/usr/bin/env bash
# Sourced by tests/run.sh and tests/load/run.sh: a throwaway PostgreSQL on a free local port.
#
#   source tests/postgres.sh
#   start_postgres          # exports ACTIVITY_TEST_POSTGRES; stops itself when the shell exits
#
# ACTIVITY_PG_SETTINGS adds server settings (`-c name=value ...`): the load scripts load
# pg_stat_statements with it.
#
# Installs PostgreSQL with apt-get when it is missing; runs the server as the `postgres` user when
# run as root (the server refuses to run as root).

find_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A local port nothing listens on (empty when none was found). Below Linux's ephemeral range (32768
# and up): a port an outgoing connection holds cannot be seen by a connect probe, but it cannot be
# listened on either.
free_port() {
  for _ in $(seq 1 100); do
    local candidate=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then echo "$candidate"; return; fi
  done
}

start_postgres() {
  pg_bin="$(find_pg_bin)"
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "postgres.sh: PostgreSQL is not installed; installing it with apt-get" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    pg_bin="$(find_pg_bin)"
  fi

  pg_work="$(mktemp -d /tmp/activity-pg.XXXXXX)"
  chmod 755 "$pg_work"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pg_work"; fi

  pg_port="$(free_port)"
  if [ -z "$pg_port" ]; then echo "postgres.sh: no free port found" >&2; return 1; fi

  trap stop_postgres EXIT
  as_postgres "$pg_bin/initdb" -D "$pg_work/data" -U postgres --auth=trust --no-locale -E UTF8 >"$pg_work/initdb.log"
  # fsync off: a throwaway cluster need not survive the machine crashing, only a server restart,
  # which the write-ahead log still covers (synchronous_commit stays on).
  as_postgres "$pg_bin/pg_ctl" -D "$pg_work/data" -l "$pg_work/postgres.log" -w -o \
    "-p $pg_port -k $pg_work -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=400 ${ACTIVITY_PG_SETTINGS:-}" \
    start >/dev/null

  export ACTIVITY_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  echo "postgres.sh: PostgreSQL $(basename "$(dirname "$pg_bin")") on 127.0.0.1:$pg_port" >&2
}

stop_postgres() {
  if [ -n "${pg_work:-}" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_work/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$pg_work"
  fi
}
