#!/usr/bin/env bash
# What a request's access control (and telemetry) costs the silo, run by hand, never in CI:
#
#   bash tests/load/auth.sh [another checkout ...]
#
# Starts an embedded silo (Release) of this checkout, and of each other one named (a `git worktree` of
# an older commit, built with `dotnet build -c Release src/Activity.Silo`), makes a tenant, and runs wrk
# for 15 s against GET /api/activity/comments with the tenant key and no eventId: it passes the whole
# access path (authentication, authorization, CORS, the rate limit) and answers 400 before any store is
# read, so the silo CPU per request is mostly access control and HTTP. This checkout runs three times:
# as configured by default, with the rate limiter off, and with telemetry off (no metrics, no spans,
# no /metrics).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
admin=adm_auth_bench_admin_key_0123456789abc
drain=drn_auth_bench_drain_secret_0123456789
hz="$(getconf CLK_TCK)"
port=41000

measure() {
  local tree="$1" label="$2" limits="$3" telemetry="$4" pid key url out t0 t1 total
  port=$((port + 10))
  Activity__AdminKey=$admin Activity__DrainSecret=$drain Activity__RateLimits__Enabled="$limits" Activity__Telemetry__Enabled="$telemetry" \
  Activity__RateLimits__ReadsPerSecond=1000000 Activity__RateLimits__ReadBurst=1000000 Logging__LogLevel__Default=Warning \
  Orleans__Endpoints__SiloPort=$((port + 1)) Orleans__Endpoints__GatewayPort=$((port + 2)) \
    dotnet "$tree/src/Activity.Silo/bin/Release/net10.0/Activity.Silo.dll" --contentRoot "$tree/src/Activity.Silo" --urls "http://127.0.0.1:$port" >"/tmp/activity-auth-${label//[^a-zA-Z0-9]/_}.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done
  key="$(curl -sf -X POST "http://127.0.0.1:$port/api/admin/tenants" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"name":"bench"}' | sed -E 's/.*"apiKey":"([^"]+)".*/\1/')"
  url="http://127.0.0.1:$port/api/activity/comments"
  wrk -t1 -c64 -d15s -H "Authorization: Bearer $key" "$url" >/dev/null   # warm-up (JIT tiering)
  t0="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
  out="$(wrk -t1 -c64 -d15s -H "Authorization: Bearer $key" "$url")"
  t1="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
  total="$(echo "$out" | awk '/requests in/ {print $1}')"
  echo "$label: $(echo "$out" | awk '/^Requests\/sec/ {print $2}') requests/s, silo CPU $(( (t1 - t0) * 1000000 / hz / total )) us per request ($total requests)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

dotnet build -c Release "$root/src/Activity.Silo" -v quiet -nologo >/dev/null
measure "$root" "this checkout" true true
measure "$root" "this checkout, no rate limiter" false true
measure "$root" "this checkout, no telemetry" true false
for other in "$@"; do measure "$(cd "$other" && pwd)" "$other" true true; done
