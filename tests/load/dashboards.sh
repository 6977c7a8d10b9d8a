#!/usr/bin/env bash
# Dashboard figures. Run by hand, never in CI:
#
#   bash tests/load/dashboards.sh [seconds of wrk, default 15] [users, default 10000]
#
# A throwaway PostgreSQL and one Release silo on this machine. Seeds a tenant with 20 items per user
# and a million votes and comments over a year, then compares a dashboard read over HTTP with the
# product reference's SQL aggregations over the same data (tests/Activity.LoadTest, `dashboards`),
# then measures dashboard reads/s with wrk (summary, weekly and top items of random users).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
seconds="${1:-15}"
users="${2:-10000}"

source tests/load/silo.sh
load_setup

dotnet build -c Release src/Activity.Silo -v quiet -nologo >/dev/null
dotnet build -c Release tests/Activity.LoadTest -v quiet -nologo >/dev/null
port="$(free_port)"
start_silo 1 "$port" "$(free_port)"
wait_ready "$port"
key="$(tenant "$port" dashboards)"
id="$(tenant_id "$port" dashboards)"

echo "== seeding, then a dashboard read against the reference's SQL, same users, one at a time"
dotnet tests/Activity.LoadTest/bin/Release/net10.0/Activity.LoadTest.dll dashboards "http://127.0.0.1:$port" "$key" "$ACTIVITY_TEST_POSTGRES" "$id" "$users"
curl -sf -X POST "http://127.0.0.1:$port/api/activity/drain?tenantId=$id" -H "x-drain-secret: $DRAIN_SECRET" >/dev/null

echo "== dashboard reads/s over HTTP (summary, weekly, top items of random users; 64 connections)"
ACTIVITY_KEY="$key" ACTIVITY_USERS="$users" wrk -t1 -c64 -d"${seconds}s" --latency -s tests/load/dashboard.lua "http://127.0.0.1:$port/"
