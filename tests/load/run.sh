#!/usr/bin/env bash
# Load figures for ingest and the live feed. Run by hand, never in CI:
#
#   bash tests/load/run.sh [seconds per run, default 15]
#
# Starts a throwaway PostgreSQL, a silo (Release) on it, and a hello-world Kestrel endpoint as a
# yardstick, all on this machine, then measures with wrk: hello world, single-event emits, and
# 1,000-event batches; and emit-to-SSE latency with tests/Activity.LoadTest. Then a second silo joins:
# emits are spread over both under full load (afterwards no silo may have been declared dead), and
# emit-to-SSE is measured with the feed grain on one silo and the SSE client on the other.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
seconds="${1:-15}"

source tests/load/silo.sh
load_setup

dotnet build -c Release src/Activity.Silo -v quiet -nologo >/dev/null
dotnet build -c Release tests/Activity.LoadTest -v quiet -nologo >/dev/null
silo_port="$(free_port)"
hello_port="$(free_port)"
while [ "$hello_port" = "$silo_port" ]; do hello_port="$(free_port)"; done

first_orleans_port="$(free_port)"
start_silo 1 "$silo_port" "$first_orleans_port"
dotnet tests/Activity.LoadTest/bin/Release/net10.0/Activity.LoadTest.dll hello --urls "http://127.0.0.1:$hello_port" >/dev/null 2>&1 &
pids+=($!)

wait_ready "$silo_port"
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$hello_port/" >/dev/null && break; sleep 1; done

# Both measured at the same concurrency: group commit gets more done per write the more emits wait
# together, and a service with many clients has them.
connections=256

echo "== warm-up (JIT tiering), not measured"
wrk -t1 -c"$connections" -d10s "http://127.0.0.1:$hello_port/" >/dev/null
ACTIVITY_KEY="$(tenant "$silo_port" warm-up)" wrk -t1 -c"$connections" -d20s -s tests/load/emit.lua "http://127.0.0.1:$silo_port/api/activity/emit" >/dev/null

# CPU time (user + system) of processes, in clock ticks; and of the PostgreSQL server's processes.
ticks() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
pg_ticks() { ticks $(pgrep -u "$(stat -c %U "$pg_work/data")" -x postgres || true); }
hz="$(getconf CLK_TCK)"

# Runs wrk (its arguments follow the server's pid) and adds the CPU time the server and PostgreSQL
# spent per request: steadier than requests/s on a VM whose CPU is shared with its neighbours.
measured() {
  local server="$1"; shift
  local s0 p0 s1 p1 out requests
  s0="$(ticks "$server")"; p0="$(pg_ticks)"
  out="$(wrk "$@")"
  s1="$(ticks "$server")"; p1="$(pg_ticks)"
  echo "$out"
  requests="$(echo "$out" | awk '/requests in/ {print $1}')"
  echo "CPU per request: server $(( (s1 - s0) * 1000000 / hz / requests )) us, PostgreSQL $(( (p1 - p0) * 1000000 / hz / requests )) us"
}

echo "== hello world (yardstick)"
measured "${pids[1]}" -t1 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$hello_port/"

echo "== single-event emits"
ACTIVITY_KEY="$(tenant "$silo_port" singles)" measured "${pids[0]}" -t1 -c"$connections" -d"${seconds}s" --latency -s tests/load/emit.lua "http://127.0.0.1:$silo_port/api/activity/emit"

echo "== 1,000-event batches (events/s = requests/s x 1,000)"
ACTIVITY_KEY="$(tenant "$silo_port" batches)" measured "${pids[0]}" -t1 -c8 -d"${seconds}s" --latency -s tests/load/batch.lua "http://127.0.0.1:$silo_port/api/activity/emit"

echo "== waiting for the feeds to apply what was emitted"
curl -sf -X POST "http://127.0.0.1:$silo_port/api/activity/drain" -H 'x-drain-secret: load-drain'
echo

echo "== emit -> SSE"
# Back to back, each emit reaches a feed written moments ago and waits out Activity:Feed:FlushInterval;
# 25 ms apart, each finds a quiet feed, which writes at once.
latency() { dotnet tests/Activity.LoadTest/bin/Release/net10.0/Activity.LoadTest.dll sse-latency "$@"; }
latency "http://127.0.0.1:$silo_port" "http://127.0.0.1:$silo_port" "$(tenant "$silo_port" latency)" 2000
latency "http://127.0.0.1:$silo_port" "http://127.0.0.1:$silo_port" "$(tenant "$silo_port" quiet)" 400 25

echo "== a second silo joins"
second_port="$(free_port)"
start_silo 2 "$second_port" "$(free_port)"
wait_ready "$second_port"

echo "== single-event emits spread over both silos (wrk on each)"
key="$(tenant "$silo_port" spread)"
ACTIVITY_KEY="$key" wrk -t1 -c128 -d"${seconds}s" -s tests/load/emit.lua "http://127.0.0.1:$silo_port/api/activity/emit" | grep -E "Requests/sec|Non-2xx" | sed 's/^/silo 1: /' &
first_wrk=$!
ACTIVITY_KEY="$key" wrk -t1 -c128 -d"${seconds}s" -s tests/load/emit.lua "http://127.0.0.1:$second_port/api/activity/emit" | grep -E "Requests/sec|Non-2xx" | sed 's/^/silo 2: /'
wait "$first_wrk"
echo "membership after the load (a silo declared dead under load would show here as Dead):"
curl -sf "http://127.0.0.1:$silo_port/api/admin/cluster" -H 'Authorization: Bearer load-admin' \
  | grep -o '"address":"[^"]*","name":"[^"]*","host":"[^"]*","status":"[^"]*"' | sed -E 's/.*"address":"([^"]*)".*"status":"([^"]*)"/  \1 \2/'

echo "== emit -> SSE across silos: the feed grain on one silo, the SSE client on the other"
cross="$(tenant "$silo_port" cross)"
tenant_id="$(tenant_id "$silo_port" cross)"
curl -sf -X POST "http://127.0.0.1:$silo_port/api/activity/emit" -H "Authorization: Bearer $cross" -H 'Content-Type: application/json' -d '{"type":"warm","actorId":"probe"}' >/dev/null
curl -sf -X POST "http://127.0.0.1:$silo_port/api/activity/drain?tenantId=$tenant_id" -H 'x-drain-secret: load-drain' >/dev/null
feed_silo="$(curl -sf "http://127.0.0.1:$silo_port/api/admin/cluster/feeds/$tenant_id" -H 'Authorization: Bearer load-admin' | sed -E 's/.*"silo":"([^"]*)".*/\1/')"
if [ "${feed_silo%%@*}" = "127.0.0.1:$first_orleans_port" ]; then home="$silo_port"; other="$second_port"; else home="$second_port"; other="$silo_port"; fi
echo "feed grain on the silo of HTTP port $home, SSE client on $other"
latency "http://127.0.0.1:$home" "http://127.0.0.1:$other" "$cross" 2000
latency "http://127.0.0.1:$home" "http://127.0.0.1:$other" "$cross" 400 25
