#!/usr/bin/env bash
# Audit log figures at 10 million events in one tenant. Run by hand, never in CI:
#
#   bash tests/load/audit.sh [seconds per wrk run, default 15] [events, default 10000000]
#
# A throwaway PostgreSQL and one Release silo. The events are written straight into activity_queue
# with SQL (the log's indexes of sql/008 dropped first and built again after, as a bulk load
# would), with the per-day counts to match; then wrk reads /api/activity/log with filters, with
# searches, and /log/summary, each mix on its own, 4 connections.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
seconds="${1:-15}"
events="${2:-10000000}"

source tests/load/silo.sh
load_setup

# Only the audit log is measured: the feed is marked applied up to the end of the loaded events (below),
# and dashboards are off, so nothing starts reading ten million events in the background.
start_data_silo
key="$(tenant "$port" audit)"
id="$(tenant_id "$port" audit)"

indexes="$(grep -h '^CREATE INDEX activity_queue' sql/008_retention.sql)"
echo "== loading $events events"
start=$(date +%s)
psql_run -v tenant="$id" -v events="$events" <<SQL
SET maintenance_work_mem = '512MB';
$(echo "$indexes" | sed -E 's/^CREATE INDEX ([a-z_]+) .*/DROP INDEX \1;/')
-- A year's retention, so the benchmark's months of events are all kept; their expiry weeks exist first.
UPDATE tenants SET retention_days = 365, retention_stamped = 365 WHERE id = :'tenant';
SELECT activity_queue_partition(week) FROM (
  SELECT DISTINCT date_trunc('week', d)::date AS week
  FROM generate_series((now() - :events * interval '1 second')::date + 365, now()::date + 365, interval '1 day') d) weeks;
INSERT INTO activity_queue (tenant_id, seq, id, type, actor_id, item_id, item_owner_id, occurred_at, received_at, payload,
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
INSERT INTO tenant_sequences (tenant_id, last) VALUES (:'tenant', :events)
  ON CONFLICT (tenant_id) DO UPDATE SET last = EXCLUDED.last;
INSERT INTO feed_checkpoints (tenant_id, applied, last_change) VALUES (:'tenant', :events, 0)
  ON CONFLICT (tenant_id) DO UPDATE SET applied = EXCLUDED.applied;
INSERT INTO activity_daily_counts (tenant_id, day, type, count)
SELECT tenant_id, (occurred_at AT TIME ZONE 'UTC')::date, type, count(*) FROM activity_queue WHERE tenant_id = :'tenant' GROUP BY 1, 2, 3;
$indexes
ANALYZE activity_queue;
ANALYZE activity_daily_counts;
SQL
echo "loaded and indexed in $(( $(date +%s) - start )) s"
psql_run -c "SELECT pg_size_pretty(pg_total_relation_size('activity_queue')) AS activity_queue_with_indexes"

# What PostgreSQL does with one query of each kind (the API's statement, values filled in).
explain() {
  psql_run -v tenant="$id" <<SQL | grep -E "Execution Time|Index|Seq Scan|Bitmap" | sed "s/^/  /"
EXPLAIN (ANALYZE, COSTS OFF) SELECT seq FROM activity_queue
WHERE tenant_id = :'tenant' $1 ORDER BY seq DESC LIMIT 51;
SQL
}
day_range="AND seq BETWEEN (SELECT seq FROM activity_queue WHERE tenant_id = :'tenant' AND received_at >= now() - interval '30 days' ORDER BY received_at, seq LIMIT 1)
                     AND (SELECT seq FROM activity_queue WHERE tenant_id = :'tenant' AND received_at < now() - interval '29 days' ORDER BY received_at DESC, seq DESC LIMIT 1)
          AND type = 'vote'"
for filter in "AND actor_id = 'user-4242'" "AND type = 'deployment'" "AND item_id = 'item-777'" "AND status = 'failed'" "$day_range" \
              "AND environment = 'staging' AND status = 'success'" \
              "AND activity_search_text(type, details, payload) @@ plainto_tsquery('simple', 'orion')" \
              "AND activity_search_text(type, details, payload) @@ plainto_tsquery('simple', '4444444')"; do
  echo "== plan: $filter"
  explain "$filter"
done

for mix in filter search summary; do
  echo "== $mix"
  ACTIVITY_KEY="$key" ACTIVITY_MIX="$mix" wrk -t1 -c4 -d"${seconds}s" --latency -s tests/load/audit.lua "http://127.0.0.1:$port/"
done
