#!/usr/bin/env bash
# Audit log figures at 10 million events in one tenant. Run by hand, never in CI:
#
#   bash tests/load/audit.sh [seconds per wrk run, default 15] [events, default 10000000]
#
# A throwaway PostgreSQL and one Release silo. The events are written straight into event_log
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
psql_run -c "SELECT pg_size_pretty(pg_total_relation_size('event_log')) AS event_log_with_indexes"

# How long the terms index takes for the terms a filtered page asks it (sql/011; a page first scans the
# newest events by primary key, and asks the index only when that found too few), and the plan's nodes.
explain() {
  psql_run -v tenant="$id" <<SQL | grep -E "Execution Time|^ *(->  )?(Limit|Sort|Merge Append|Append|Gather|Bitmap Heap|Index Scan)" | sed -E 's/ on event_log_e[0-9]+.*//' | sort | uniq -c | sed "s/^/  /"
EXPLAIN (ANALYZE, COSTS OFF) SELECT seq FROM event_log
WHERE tenant_id = :'tenant' AND activity_index_terms(type, actor_id, item_owner_id, item_id, status, environment, details, payload) @> $1
ORDER BY seq DESC LIMIT 51;
SQL
}
for terms in "ARRAY['a user-4242']" "ARRAY['t deployment']" "ARRAY['i item-777']" "ARRAY['s failed']" "ARRAY['e staging', 's success']" \
             "ARRAY['orion']" "ARRAY['4444444']"; do
  echo "== plan: $terms"
  explain "$terms"
done
echo "== the first sequence received 30 days ago (activity_seq_at, a binary search over the primary key)"
psql_run -v tenant="$id" <<SQL | grep -E "Execution Time" | sed "s/^/  /"
EXPLAIN (ANALYZE, COSTS OFF) SELECT activity_seq_at(:'tenant', now() - interval '30 days');
SQL

for mix in filter search summary; do
  # Not measured: each pooled connection plans its statements on first use (a week's statement of the
  # terms index over every partition the first few times), as a silo that has run for a while has done.
  ACTIVITY_KEY="$key" ACTIVITY_MIX="$mix" wrk -t1 -c4 -d5s -s tests/load/audit.lua "http://127.0.0.1:$port/" >/dev/null
  echo "== $mix"
  ACTIVITY_KEY="$key" ACTIVITY_MIX="$mix" wrk -t1 -c4 -d"${seconds}s" --latency -s tests/load/audit.lua "http://127.0.0.1:$port/"
done
