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
#   statements_reset                      # forgets what pg_stat_statements counted so far
#   top_statements EVENTS                 # the five statements PostgreSQL spent most time on since, per event
#   log_last TENANT_ID                    # the tenant's last log sequence (how many events it has)
#   waits_start / waits_stop / waits_report  # samples what PostgreSQL's busy backends wait on, then counts it
#   start_data_silo                       # builds and starts one Release silo with dashboards off, sets $port, waits
#   load_events TENANT_ID N               # N events of the tenant written with SQL (bulk), with their per-day counts

source tests/postgres.sh

# The silos' secrets in these scripts (a silo refuses configured ones shorter than 32 characters). The
# rate limiter runs (RATE_LIMITS=false turns it off, to measure what it costs) with limits these runs
# never reach: one tenant at full speed is a load test, not a tenant's normal use. Telemetry (metrics,
# 1% of traces) is on as in production; TELEMETRY=false turns it off, to measure what it costs.
ADMIN_KEY=load-admin-key-0123456789abcdefghij
DRAIN_SECRET=load-drain-secret-0123456789abcdefgh
pids=()

load_setup() {
  command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  # 1 GB of shared buffers, as a database sized for its log would have (128 MB by default): this VM's
  # kernel pages out file cache untouched for a minute (DAMON), and the log read back from disk made
  # PostgreSQL's CPU per event swing twofold between sittings of the same code.
  ACTIVITY_PG_SETTINGS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.max=1000 -c shared_buffers=1GB" start_postgres
  trap stop_load EXIT
  psql_run -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
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
  Activity__Postgres__ConnectionString="$ACTIVITY_TEST_POSTGRES" Activity__AdminKey="$ADMIN_KEY" Activity__DrainSecret="$DRAIN_SECRET" \
  Activity__Telemetry__Enabled="${TELEMETRY:-true}" \
  Activity__RateLimits__Enabled="${RATE_LIMITS:-true}" Activity__RateLimits__EmitsPerSecond=1000000 Activity__RateLimits__EmitBurst=1000000 \
  Activity__RateLimits__ReadsPerSecond=1000000 Activity__RateLimits__ReadBurst=1000000 Activity__RateLimits__ExpensivePerMinute=1000000 Activity__RateLimits__ExpensiveBurst=1000000 \
  Orleans__Endpoints__SiloPort="$3" Orleans__Endpoints__GatewayPort="$(free_port)" Orleans__Endpoints__AdvertisedIPAddress=127.0.0.1 \
  Logging__LogLevel__Default=Warning \
    dotnet src/Activity.Silo/bin/Release/net10.0/Activity.Silo.dll --contentRoot "$root/src/Activity.Silo" --urls "http://127.0.0.1:$2" >"/tmp/activity-load-silo$1.log" 2>&1 &
  pids+=($!)
}

psql_run() { as_postgres "$pg_bin/psql" -h "$pg_work" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }

statements_reset() { psql_run -At -c "SELECT pg_stat_statements_reset()" >/dev/null; }

# Time is total_exec_time (planning not tracked); a COPY counts its rows' index and trigger work too.
top_statements() {
  psql_run -At -F ' | ' -v events="$1" <<'SQL' | sed 's/^/  /'
SELECT round((total_exec_time * 1000 / :events)::numeric, 2) || ' us/event',
       round(calls::numeric / :events, 4) || ' calls/event',
       left(regexp_replace(query, '\s+', ' ', 'g'), 110)
FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE '%load_sample_waits%'
ORDER BY total_exec_time DESC LIMIT 5
SQL
}

log_last() { psql_run -At -c "SELECT coalesce((SELECT last FROM tenant_sequences WHERE tenant_id = '$1'), 0)"; }

# One session samples pg_stat_activity every 50 ms into a table (its own transaction per sample, so
# each sees the current state), in the background until waits_stop; waits_stop sets $waits_ticks to
# the CPU the sampler spent, for the caller to take off PostgreSQL's; waits_report counts the samples
# of busy client backends by what they waited on ("CPU" when nothing) and the relations of lock waits.
waits_start() {
  psql_run <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS load_waits;
CREATE UNLOGGED TABLE load_waits (at timestamptz, wait text, relation text);
CREATE OR REPLACE PROCEDURE load_sample_waits() LANGUAGE plpgsql AS $$
BEGIN
  LOOP
    INSERT INTO load_waits
    SELECT now(), coalesce(a.wait_event_type || ':' || a.wait_event, 'CPU'),
           (SELECT string_agg(DISTINCT l.relation::regclass::text, ',') FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted)
    FROM pg_stat_activity a
    WHERE a.state = 'active' AND a.backend_type = 'client backend' AND a.query NOT LIKE 'CALL load_sample_waits%';
    COMMIT;
    PERFORM pg_sleep(0.05);
  END LOOP;
END $$;
SQL
  psql_run -c "CALL load_sample_waits()" >/dev/null 2>/tmp/activity-load-waits.log &
  waits_psql=$!
  waits_pid=""
  for _ in $(seq 1 50); do
    waits_pid="$(psql_run -At -c "SELECT pid FROM pg_stat_activity WHERE query = 'CALL load_sample_waits()'")"
    [ -n "$waits_pid" ] && break
    sleep 0.1
  done
}

waits_stop() {
  waits_ticks="$(awk '{print $14 + $15}' "/proc/$waits_pid/stat" 2>/dev/null || echo 0)"
  psql_run -At -c "SELECT pg_cancel_backend($waits_pid)" >/dev/null
  wait "$waits_psql" 2>/dev/null || true
}

waits_report() {
  psql_run -At -F ' | ' <<'SQL' | sed 's/^/  /'
SELECT round(100.0 * count(*) / sum(count(*)) OVER (), 1) || '% of busy samples', wait, coalesce(relation, '')
FROM load_waits GROUP BY wait, relation ORDER BY count(*) DESC LIMIT 8
SQL
}

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
  curl -sf -X POST "http://127.0.0.1:$1/api/admin/tenants" -H "Authorization: Bearer $ADMIN_KEY" \
    -H 'Content-Type: application/json' -d "{\"name\":\"$2\"}" | sed -E 's/.*"apiKey":"([^"]+)".*/\1/'
}

tenant_id() {
  curl -sf "http://127.0.0.1:$1/api/admin/tenants" -H "Authorization: Bearer $ADMIN_KEY" \
    | grep -o "\"id\":\"[^\"]*\",\"name\":\"$2\"" | sed -E 's/"id":"([^"]*)".*/\1/'
}

# Writes N events of one tenant straight into event_log with SQL, as a bulk load would: the log's
# indexes besides its primary key dropped first and built again after (whatever the migrations made),
# a year's retention (so the months of events are all kept), the per-day counts to match, the feed
# marked applied up to the end, and the analytics projection applied in one pass.
load_events() {
  local id="$1" events="$2"
  local indexes start
  indexes="$(psql_run -At -c "SELECT replace(indexdef, ' ON ONLY ', ' ON ') || ';' FROM pg_indexes WHERE tablename = 'event_log' AND indexname <> 'event_log_pkey'")"
  echo "== loading $events events"
  start=$(date +%s)
  psql_run -v tenant="$id" -v events="$events" <<SQL
SET maintenance_work_mem = '512MB';
$(echo "$indexes" | sed -E 's/^CREATE (UNIQUE )?INDEX ([a-z_]+) .*/DROP INDEX \2;/')
-- A year's retention, so the benchmark's months of events are all kept; their expiry weeks exist first.
UPDATE tenants SET retention_days = 365, retention_stamped = 365 WHERE id = :'tenant';
SELECT event_log_partition(week) FROM (
  SELECT DISTINCT date_trunc('week', d)::date AS week
  FROM generate_series((now() - :events * interval '1 second')::date + 365, now()::date + 365, interval '1 day') d) weeks;
INSERT INTO event_log (tenant_id, seq, id, type, actor_id, item_id, item_owner_id, occurred_at, received_at, payload,
                            status, environment, request_id, ip_address, details, expires_on)
SELECT :'tenant', g, gen_random_uuid(),
       (ARRAY['page_view','vote','comment','SIGN_IN','deployment','endpoints_added','github_push','view','submission','badge_earned'])[1 + g % 10],
       'user-' || (g * 7919 % 10000), 'item-' || (g * 104729 % 50000), 'user-' || (g * 31 % 10000),
       now() - (:events - g) * interval '1 second', now() - (:events - g) * interval '1 second',
       jsonb_build_object('path', '/posts/' || (g % 1000), 'project', (ARRAY['orion','lyra','vega','altair','deneb','rigel','sirius','polaris','antares','canopus'])[1 + g / 7 % 10] || '-' || (g % 500)),
       CASE WHEN g % 10 IN (3, 4, 5) THEN (ARRAY['success','failed','pending'])[1 + g / 10 % 3] END,
       CASE WHEN g % 10 IN (4, 5) THEN (ARRAY['production','staging','development'])[1 + g / 10 % 3] END,
       CASE WHEN g % 10 IN (3, 4, 5) THEN 'req-' || g END,
       CASE WHEN g % 10 = 3 THEN ('10.' || (g % 256) || '.' || (g / 256 % 256) || '.' || (g / 65536 % 256))::inet END,
       CASE WHEN g % 10 IN (4, 5) THEN 'build ' || g || ' ' || (ARRAY['rolled out','rolled back','health check timed out','migrated schema','cache warmed'])[1 + g / 10 % 5] END,
       activity_expires_on(now() - (:events - g) * interval '1 second', 365)
FROM generate_series(1::bigint, :events) g;
-- The analytics projection applied before the log's last sequence says the events are there, so no
-- silo starts applying them too.
SELECT analytics_apply(:'tenant', 0, :events);
INSERT INTO tenant_sequences (tenant_id, last) VALUES (:'tenant', :events)
  ON CONFLICT (tenant_id) DO UPDATE SET last = EXCLUDED.last;
INSERT INTO feed_checkpoints (tenant_id, applied, last_change) VALUES (:'tenant', :events, 0)
  ON CONFLICT (tenant_id) DO UPDATE SET applied = EXCLUDED.applied;
INSERT INTO activity_daily_counts (tenant_id, day, type, count)
SELECT tenant_id, (occurred_at AT TIME ZONE 'UTC')::date, type, count(*) FROM event_log WHERE tenant_id = :'tenant' GROUP BY 1, 2, 3;
$indexes
ANALYZE event_log;
ANALYZE activity_daily_counts;
SQL
  echo "loaded and indexed in $(( $(date +%s) - start )) s"
}
