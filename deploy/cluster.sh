#!/usr/bin/env bash
# A cluster on this machine without Docker: PostgreSQL, three silos and nginx in front of them.
#
#   bash deploy/cluster.sh up       # build the silo (Release), start everything, print URLs and keys
#   bash deploy/cluster.sh status   # what runs
#   bash deploy/cluster.sh down     # stop everything (the database's files stay; --purge removes them)
#
# State (database files, keys, logs, pids) lives in $ACTIVITY_CLUSTER_DIR (default /tmp/activity-cluster).
# Ports: nginx $ACTIVITY_PORT (8080); silos HTTP 5001-5003, Orleans silo-to-silo 11111-11113, Orleans
# gateways 30001-30003; PostgreSQL 5544. Installs PostgreSQL and nginx with apt-get when missing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${ACTIVITY_CLUSTER_DIR:-/tmp/activity-cluster}"
port="${ACTIVITY_PORT:-8080}"
pg_port=5544
silos=3

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
running() { [ -f "$state/$1.pid" ] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }

install_missing() {
  local missing=()
  [ -n "$(pg_bin)" ] || missing+=(postgresql)
  command -v nginx >/dev/null || missing+=(nginx)
  if [ "${#missing[@]}" -gt 0 ]; then
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

start_postgres() {
  mkdir -p "$state"
  chmod 755 "$state"
  if [ ! -d "$state/pg" ]; then
    mkdir -p "$state/pg"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$state/pg"; fi
    as_postgres "$(pg_bin)/initdb" -D "$state/pg/data" -U postgres --auth=trust --no-locale -E UTF8 >/dev/null
  fi
  as_postgres "$(pg_bin)/pg_ctl" -D "$state/pg/data" -l "$state/pg/postgres.log" -w -o \
    "-p $pg_port -k $state/pg -c listen_addresses=127.0.0.1 -c max_connections=300" status >/dev/null 2>&1 ||
  as_postgres "$(pg_bin)/pg_ctl" -D "$state/pg/data" -l "$state/pg/postgres.log" -w -o \
    "-p $pg_port -k $state/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'activity'" | grep -q 1 ||
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE activity"
}

# The same keys on every silo, made once and kept with the state.
keys() {
  if [ ! -f "$state/keys" ]; then
    printf 'ADMIN=adm_%s\nDRAIN=drn_%s\n' "$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" \
      "$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" > "$state/keys"
    chmod 600 "$state/keys"
  fi
  # shellcheck disable=SC1091
  source "$state/keys"
}

start_silo() {
  local i="$1"
  running "silo$i" && return
  Activity__Postgres__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=activity" \
  Activity__AdminKey="$ADMIN" Activity__DrainSecret="$DRAIN" \
  Orleans__Endpoints__SiloPort=$((11110 + i)) Orleans__Endpoints__GatewayPort=$((30000 + i)) \
  Orleans__Endpoints__AdvertisedIPAddress=127.0.0.1 \
    nohup dotnet "$root/src/Activity.Silo/bin/Release/net10.0/Activity.Silo.dll" \
      --urls "http://127.0.0.1:$((5000 + i))" --contentRoot "$root/src/Activity.Silo" >"$state/silo$i.log" 2>&1 &
  echo $! > "$state/silo$i.pid"
}

start_nginx() {
  running nginx && return
  mkdir -p "$state/nginx"
  chmod 777 "$state/nginx"
  {
    # No access log, and only critical errors: nginx's messages quote request lines, and a browser's
    # stream carries its user token in ?access_token= (deploy/nginx/compose.conf masks it in an access log).
    echo "worker_processes 1; pid $state/nginx.pid; error_log $state/nginx/error.log crit;"
    echo "events { worker_connections 4096; }"
    echo "http {"
    echo "  access_log off;"
    for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $state/nginx/$t;"; done
    echo "  upstream silos {"
    for i in $(seq 1 $silos); do echo "    server 127.0.0.1:$((5000 + i)) max_fails=1 fail_timeout=5s;"; done
    echo "  }"
    echo "  server { listen $port; include $root/deploy/nginx/locations.conf; }"
    echo "}"
  } > "$state/nginx.conf"
  nginx -p "$state/nginx" -c "$state/nginx.conf"
}

wait_ready() {
  local url="$1"
  for _ in $(seq 1 120); do
    curl -sf "$url/health/ready" >/dev/null && return 0
    sleep 0.5
  done
  echo "cluster.sh: $url did not become ready; see $state/*.log" >&2
  return 1
}

up() {
  install_missing
  echo "building the silo (Release)..."
  dotnet build -c Release "$root/src/Activity.Silo" -v quiet -nologo >/dev/null
  start_postgres
  keys
  for i in $(seq 1 $silos); do start_silo "$i"; done
  for i in $(seq 1 $silos); do wait_ready "http://127.0.0.1:$((5000 + i))"; done
  start_nginx
  wait_ready "http://127.0.0.1:$port"
  cat <<INFO

Activity cluster is up.
  console          http://127.0.0.1:$port/console/index.html  (sign in with the admin key)
  API (nginx)      http://127.0.0.1:$port        e.g. curl -s http://127.0.0.1:$port/api/admin/cluster -H "Authorization: Bearer $ADMIN"
  silos            http://127.0.0.1:5001 5002 5003  (logs: $state/silo*.log)
  Orleans gateways 127.0.0.1:30001 30002 30003       (Activity.Client; keep private)
  PostgreSQL       Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=activity
  admin key        $ADMIN
  drain secret     $DRAIN
  dashboard        http://127.0.0.1:$port/dashboard/  (password: the admin key)
  metrics          $(for i in $(seq 1 $silos); do printf 'http://127.0.0.1:%s/metrics ' $((5000 + i)); done)(Prometheus text; Authorization: Bearer <admin key>)
                   e.g. curl -s http://127.0.0.1:5001/metrics -H "Authorization: Bearer $ADMIN" | grep ^activity_
Stop it with: bash deploy/cluster.sh down
INFO
}

down() {
  if running nginx; then nginx -p "$state/nginx" -c "$state/nginx.conf" -s quit; fi
  for i in $(seq 1 $silos); do
    if running "silo$i"; then kill -TERM "$(cat "$state/silo$i.pid")"; fi
  done
  for i in $(seq 1 $silos); do
    while running "silo$i"; do sleep 0.2; done
    rm -f "$state/silo$i.pid"
  done
  if [ -d "$state/pg/data" ]; then as_postgres "$(pg_bin)/pg_ctl" -D "$state/pg/data" -m fast stop >/dev/null 2>&1 || true; fi
  if [ "${1:-}" = "--purge" ]; then rm -rf "$state"; fi
  echo "Activity cluster is down."
}

status() {
  for name in nginx $(seq -f 'silo%g' 1 $silos); do
    if running "$name"; then echo "$name: running (pid $(cat "$state/$name.pid"))"; else echo "$name: stopped"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down "${2:-}" ;;
  status) status ;;
  *) echo "usage: bash deploy/cluster.sh up|down [--purge]|status" >&2; exit 2 ;;
esac
