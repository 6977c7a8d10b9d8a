#!/usr/bin/env bash
# Does retention block ingest? Run by hand, never in CI:
#
#   bash tests/load/retention.sh [seconds per run, default 20] [expired events, default 3000000]
#
# A throwaway PostgreSQL and one Release silo (dashboards off: nothing here is about them). The
# expired events are written straight into event_log, received 200 days ago and before, so
# their expiry weeks have passed; the feed's checkpoint is set past them. Then single-event emits
# (wrk, 64 connections) twice: once alone, once with POST /api/admin/retention/run started three
# seconds in, which drops those weeks. Compare requests/s and the latency tail of the two runs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
seconds="${1:-20}"
events="${2:-3000000}"

source tests/load/silo.sh
load_setup

start_data_silo
key="$(tenant "$port" emitter)"
tenant "$port" expired >/dev/null
id="$(tenant_id "$port" expired)"

echo "== loading $events expired events"
start=$(date +%s)
psql_run -v tenant="$id" -v events="$events" <<SQL
SELECT event_log_partition(week) FROM (
  SELECT DISTINCT date_trunc('week', activity_expires_on(now() - (200 + d) * interval '1 day', 90))::date AS week FROM generate_series(0, 27) d) weeks;
INSERT INTO event_log (tenant_id, seq, id, type, actor_id, item_id, occurred_at, received_at, payload, expires_on)
SELECT :'tenant', g, gen_random_uuid(), 'page_view', 'user-' || (g % 10000), 'item-' || (g % 50000),
       now() - (200 + g % 28) * interval '1 day', now() - (200 + g % 28) * interval '1 day',
       jsonb_build_object('path', '/posts/' || (g % 1000)),
       activity_expires_on(now() - (200 + g % 28) * interval '1 day', 90)
FROM generate_series(1::bigint, :events) g;
INSERT INTO tenant_sequences (tenant_id, last) VALUES (:'tenant', :events) ON CONFLICT (tenant_id) DO UPDATE SET last = EXCLUDED.last;
INSERT INTO feed_checkpoints (tenant_id, applied, last_change) VALUES (:'tenant', :events, 0) ON CONFLICT (tenant_id) DO UPDATE SET applied = EXCLUDED.applied;
ANALYZE event_log;
SQL
echo "loaded in $(( $(date +%s) - start )) s"
psql_run -c "SELECT count(*) AS partitions FROM pg_inherits WHERE inhparent = 'event_log'::regclass"

echo "== warm-up, not measured"
ACTIVITY_KEY="$key" wrk -t1 -c64 -d10s -s tests/load/emit.lua "http://127.0.0.1:$port/api/activity/emit" >/dev/null

echo "== single-event emits alone"
ACTIVITY_KEY="$key" wrk -t1 -c64 -d"${seconds}s" --latency -s tests/load/emit.lua "http://127.0.0.1:$port/api/activity/emit"

echo "== single-event emits while retention drops the expired weeks"
ACTIVITY_KEY="$key" wrk -t1 -c64 -d"${seconds}s" --latency -s tests/load/emit.lua "http://127.0.0.1:$port/api/activity/emit" &
wrk_pid=$!
sleep 3
run_start=$(date +%s%N)
curl -sf -X POST "http://127.0.0.1:$port/api/admin/retention/run" -H "Authorization: Bearer $ADMIN_KEY"
echo
echo "retention run answered after $(( ($(date +%s%N) - run_start) / 1000000 )) ms"
wait "$wrk_pid"
psql_run -c "SELECT count(*) AS partitions_left FROM pg_inherits WHERE inhparent = 'event_log'::regclass"
