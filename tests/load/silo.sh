#!/usr/bin/env bash
# Sourced by the load scripts (from the repository root): a throwaway PostgreSQL, Release silos on it,
# and tenants on them.
#
#   load_setup                            # wrk (installed when missing), PostgreSQL; both stopped, with the silos, on exit
#   start_silo N HTTP_PORT ORLEANS_PORT   # silo N in the background; its pid is appended to $pids
#   wait_ready HTTP_PORT                  # until /health/ready answers (at most a minute)
#   tenant HTTP_PORT NAME                 # creates a tenant, prints its API key
#   tenant_id HTTP_PORT NAME              # prints the id of the tenant of that name
#   psql_run [psql arguments]             # psql on the throwaway PostgreSQL (after load_setup)
#   start_data_silo                       # builds and starts one Release silo with dashboards off, sets $port, waits

source tests/postgres.sh
pids=()

load_setup() {
  command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  start_postgres
  trap stop_load EXIT
}

# Silos first, while the database still answers: a silo whose database is gone cannot finish a
# graceful stop (it keeps trying to leave the membership table), so one still there after 10 s is killed.
stop_load() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 20); do
    local running=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && running=1; done
    [ "$running" = 0 ] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  stop_postgres
}

start_silo() {
  Activity__Postgres__ConnectionString="$ACTIVITY_TEST_POSTGRES" Activity__AdminKey=load-admin Activity__DrainSecret=load-drain \
  Orleans__Endpoints__SiloPort="$3" Orleans__Endpoints__GatewayPort="$(free_port)" Orleans__Endpoints__AdvertisedIPAddress=127.0.0.1 \
  Logging__LogLevel__Default=Warning \
    dotnet src/Activity.Silo/bin/Release/net10.0/Activity.Silo.dll --contentRoot "$root/src/Activity.Silo" --urls "http://127.0.0.1:$2" >"/tmp/activity-load-silo$1.log" 2>&1 &
  pids+=($!)
}

psql_run() { as_postgres "$pg_bin/psql" -h "$pg_work" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }

# For scripts that write their data with SQL: with dashboards off nothing starts reading it in the background.
start_data_silo() {
  dotnet build -c Release src/Activity.Silo -v quiet -nologo >/dev/null
  port="$(free_port)"
  Activity__Dashboards__Enabled=false start_silo 1 "$port" "$(free_port)"
  wait_ready "$port"
}

wait_ready() {
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && return; sleep 1; done
  echo "silo on port $1 did not become ready" >&2
  return 1
}

tenant() {
  curl -sf -X POST "http://127.0.0.1:$1/api/admin/tenants" -H 'Authorization: Bearer load-admin' \
    -H 'Content-Type: application/json' -d "{\"name\":\"$2\"}" | sed -E 's/.*"apiKey":"([^"]+)".*/\1/'
}

tenant_id() {
  curl -sf "http://127.0.0.1:$1/api/admin/tenants" -H 'Authorization: Bearer load-admin' \
    | grep -o "\"id\":\"[^\"]*\",\"name\":\"$2\"" | sed -E 's/"id":"([^"]*)".*/\1/'
}
