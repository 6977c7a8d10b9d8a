#!/usr/bin/env bash
# Export figures at a million events in one tenant. Run by hand, never in CI:
#
#   bash tests/load/export.sh [events, default 1000000]
#
# A throwaway PostgreSQL and one Release silo; the events are written with SQL (load_events). Then
# each export is fetched once with curl: the audit log as CSV, XLSX, gzipped CSV and JSON, and a
# comprehensive report as JSON and XLSX. For each: time to the first byte and in all, size, rows, and
# the silo's peak resident memory during it (Linux's VmHWM, reset before each through clear_refs)
# next to its resident memory before. Then a report of the monthly comprehensive template, asked for
# now and timed by its run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
events="${1:-1000000}"

source tests/load/silo.sh
load_setup
start_data_silo
silo="${pids[0]}"
key="$(tenant "$port" exports)"
id="$(tenant_id "$port" exports)"
load_events "$id" "$events"

rss() { awk -v f="$1" '$1 == f":" { printf "%d MiB", $2 / 1024 }' "/proc/$silo/status"; }

export_once() {
  local query="$1" file="/tmp/activity-export.$2"
  echo 5 >"/proc/$silo/clear_refs"
  local before timing
  before="$(rss VmRSS)"
  timing="$(curl -sf -o "$file" -w '%{time_starttransfer} %{time_total} %{size_download}' \
    -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/analytics/export?$query")"
  read -r first total size <<<"$timing"
  printf '%-62s first byte %6.2f s, all %6.2f s, %5d MiB; silo RSS before %s, peak %s\n' \
    "$query" "$first" "$total" "$((size / 1048576))" "$before" "$(rss VmHWM)"
}

echo "== exports of $events events"
export_once "metric=audit-log&format=csv" csv
echo "   rows in the CSV (header included): $(wc -l </tmp/activity-export.csv)"
export_once "metric=audit-log&format=xlsx" xlsx
export_once "metric=audit-log&format=csv&compression=gzip" csv.gz
export_once "metric=audit-log&format=json" json
export_once "metric=comprehensive&format=json" comprehensive.json
export_once "metric=comprehensive&format=xlsx" comprehensive.xlsx

# A scheduled report's generation: the monthly comprehensive template, asked for now, timed by its run.
run="$(curl -sf -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"templateId":"monthly-comprehensive"}' "http://127.0.0.1:$port/api/reports/generate" | sed -E 's/.*"id":"([^"]+)".*/\1/')"
for _ in $(seq 1 300); do
  answer="$(curl -sf -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/reports/runs/$run")"
  echo "$answer" | grep -q '"status":"running"' || break
  sleep 0.2
done
echo "report monthly-comprehensive: $(echo "$answer" | grep -oE '"(status|startedAt|finishedAt|size)":[^,]*' | tr '\n' ' ')"
