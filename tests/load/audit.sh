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

load_events "$id" "$events"
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
