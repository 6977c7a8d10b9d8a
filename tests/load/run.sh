#!/usr/bin/env bash
# Load figures for ingest and the live feed. Run by hand, never in CI:
#
#   bash tests/load/run.sh [seconds per run, default 15]
#
# Starts a throwaway PostgreSQL (with pg_stat_statements), a silo (Release) on it with every feature
# on, and a hello-world Kestrel endpoint as a yardstick, all on this machine, then measures with wrk:
# hello world, single-event emits, and 1,000-event batches, each in its own tenant and followed by a
# drain, so the CPU per event printed (silo, PostgreSQL) counts every projection catching up, not only
# the append; with PostgreSQL's top statements per event. Then how soon the audit log finds an event
# after its 202 under load, and emit-to-SSE latency with tests/Activity.LoadTest. Then a second silo
# joins: emits go through silo 1 alone (the baseline), then are spread over both under full load into
# one tenant (the two alternating, twice each), and then into a tenant per silo (afterwards no silo may
# have been declared dead), each with the total CPU per event of both silos and PostgreSQL and what
# PostgreSQL's backends waited on; and
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

# CPU time (user + system) of processes, in clock ticks; and of the PostgreSQL server's processes. A
# backend that exits (the pool closes idle connections) takes its time out of the sum, so the server's
# count adds what the postmaster collected from its exited children (fields 16 and 17).
ticks() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
pg_ticks() {
  local postmaster; postmaster="$(head -1 "$pg_work/data/postmaster.pid")"
  echo $(( $(ticks $(pgrep -u "$(stat -c %U "$pg_work/data")" -x postgres || true)) + $(awk '{print $16 + $17}' "/proc/$postmaster/stat") ))
}
hz="$(getconf CLK_TCK)"
us() { echo $(( $1 * 1000000 / hz / $2 )); }
drain() { curl -sf -X POST "http://127.0.0.1:$1/api/activity/drain${2:+?tenantId=$2}" -H "x-drain-secret: $DRAIN_SECRET" >/dev/null; }

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
  echo "CPU per request: server $(us $((s1 - s0)) "$requests") us, PostgreSQL $(us $((p1 - p0)) "$requests") us"
}

# Emits into a new tenant with wrk (arguments after the tenant's name), then drains, so the CPU per
# event counts everything the events caused: the append and every projection that follows the log
# (feed, dashboards, statistics, audit), not only what happened before the 202. Sets $rate (requests/s),
# $silo_us and $pg_us; prints the statements PostgreSQL spent its time on.
emit_run() {
  local name="$1"; shift
  local key id s0 p0 s1 p1 out events
  key="$(tenant "$silo_port" "$name")"; id="$(tenant_id "$silo_port" "$name")"
  statements_reset
  s0="$(ticks "${pids[0]}")"; p0="$(pg_ticks)"
  out="$(ACTIVITY_KEY="$key" wrk "$@")"
  drain "$silo_port" "$id"
  s1="$(ticks "${pids[0]}")"; p1="$(pg_ticks)"
  events="$(log_last "$id")"
  echo "$out"
  rate="$(echo "$out" | awk '/Requests\/sec/ {print int($2)}')"
  silo_us="$(us $((s1 - s0)) "$events")"; pg_us="$(us $((p1 - p0)) "$events")"
  echo "CPU per event until every projection caught up ($events events): silo $silo_us us, PostgreSQL $pg_us us"
  echo "PostgreSQL's top statements:"
  top_statements "$events"
}

echo "== hello world (yardstick)"
hello="$(measured "${pids[1]}" -t1 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$hello_port/")"
echo "$hello"
hello_rate="$(echo "$hello" | awk '/Requests\/sec/ {print int($2)}')"

echo "== single-event emits"
emit_run singles -t1 -c"$connections" -d"${seconds}s" --latency -s tests/load/emit.lua "http://127.0.0.1:$silo_port/api/activity/emit"
singles_rate="$rate"; singles_cpu=$((silo_us + pg_us))
echo "single emits: $(( 100 * singles_rate / hello_rate ))% of hello world"

echo "== 1,000-event batches (events/s = requests/s x 1,000)"
emit_run batches -t1 -c8 -d"${seconds}s" --latency -s tests/load/batch.lua "http://127.0.0.1:$silo_port/api/activity/emit"
echo "batches: $(( rate * 1000 * 100 / hello_rate ))% of hello world's requests/s in events/s"

echo "== the audit log finds an event within 2 s of its 202, under load"
probe_key="$(tenant "$silo_port" audit-probe)"
ACTIVITY_KEY="$(tenant "$silo_port" audit-load)" wrk -t1 -c"$connections" -d"${seconds}s" -s tests/load/emit.lua "http://127.0.0.1:$silo_port/api/activity/emit" >/dev/null &
audit_wrk=$!
dotnet tests/Activity.LoadTest/bin/Release/net10.0/Activity.LoadTest.dll audit-lag "http://127.0.0.1:$silo_port" "$probe_key" "$((seconds * 4))"
wait "$audit_wrk"
drain "$silo_port"

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
echo "warm-up of the second silo (JIT tiering, as the first had), not measured"
ACTIVITY_KEY="$(tenant "$second_port" warm-up-2)" wrk -t1 -c"$connections" -d30s -s tests/load/emit.lua "http://127.0.0.1:$second_port/api/activity/emit" >/dev/null
drain "$second_port"

# Emits for $seconds into tenant NAME through silo 1 alone ("one"), through both with wrk on each and
# half the connections each, one tenant ("same") or a tenant per silo ("apart"), then drains. Prints
# the emits/s and the CPU per event of both silos and PostgreSQL, and sets $spread_rate and $spread_cpu.
# The baseline for the spread is the one-silo run just before it, with the second silo in the cluster:
# by then the log holds the batches' million events and more, which the first singles run had not.
spread_run() {
  local name="$1" mode="$2" key key2 s0 p0 s1 p1 events first second
  key="$(tenant "$silo_port" "$name")"; key2="$key"
  [ "$mode" = apart ] && key2="$(tenant "$silo_port" "$name-2")"
  statements_reset
  waits_start
  s0="$(ticks "${pids[0]}" "${pids[2]}")"; p0="$(pg_ticks)"
  if [ "$mode" = one ]; then
    ACTIVITY_KEY="$key" wrk -t1 -c"$connections" -d"${seconds}s" -s tests/load/emit.lua "http://127.0.0.1:$silo_port/api/activity/emit" >/tmp/activity-load-wrk1.txt
    echo "Requests/sec: 0" >/tmp/activity-load-wrk2.txt
  else
    ACTIVITY_KEY="$key" wrk -t1 -c$((connections / 2)) -d"${seconds}s" -s tests/load/emit.lua "http://127.0.0.1:$silo_port/api/activity/emit" >/tmp/activity-load-wrk1.txt &
    first="$!"
    ACTIVITY_KEY="$key2" wrk -t1 -c$((connections / 2)) -d"${seconds}s" -s tests/load/emit.lua "http://127.0.0.1:$second_port/api/activity/emit" >/tmp/activity-load-wrk2.txt
    wait "$first"
  fi
  drain "$silo_port"
  waits_stop
  s1="$(ticks "${pids[0]}" "${pids[2]}")"; p1="$(( $(pg_ticks) - waits_ticks ))"
  events=$(( $(log_last "$(tenant_id "$silo_port" "$name")") + $( [ "$mode" = apart ] && log_last "$(tenant_id "$silo_port" "$name-2")" || echo 0) ))
  first="$(awk '/Requests\/sec/ {print int($2)}' /tmp/activity-load-wrk1.txt)"; second="$(awk '/Requests\/sec/ {print int($2)}' /tmp/activity-load-wrk2.txt)"
  spread_rate=$((first + second)); spread_events="$events"
  spread_cpu=$(( $(us $((s1 - s0)) "$events") + $(us $((p1 - p0)) "$events") ))
  echo "$mode: $spread_rate emits/s (silo 1 $first, silo 2 $second); CPU per event: both silos $(us $((s1 - s0)) "$events") us + PostgreSQL $(us $((p1 - p0)) "$events") us = $spread_cpu us ($events events)"
  grep -h "Non-2xx" /tmp/activity-load-wrk1.txt /tmp/activity-load-wrk2.txt || true
}

# One silo and both alternate, twice each, and the ratios are of the two rounds' means: on a shared VM
# one run of either may land on a slow moment (a baseline at half its usual rate happened).
alone_rates=(); alone_cpus=(); spread_rates=(); spread_cpus=()
for round in 1 2; do
  echo "== round $round: single-event emits through silo 1 alone, the second silo in the cluster (the baseline), until every projection caught up"
  spread_run "alone-$round" one
  alone_rates+=("$spread_rate"); alone_cpus+=("$spread_cpu")
  echo "== round $round: single-event emits spread over both silos (wrk on each), one tenant, until every projection caught up"
  spread_run "spread-$round" same
  spread_rates+=("$spread_rate"); spread_cpus+=("$spread_cpu")
  echo "what PostgreSQL's busy backends waited on (samples every 50 ms):"
  waits_report
  echo "PostgreSQL's top statements:"
  top_statements "$spread_events"
done
mean2() { echo $(( ($1 + $2) / 2 )); }
alone_rate="$(mean2 "${alone_rates[@]}")"; alone_cpu="$(mean2 "${alone_cpus[@]}")"
spread_rate="$(mean2 "${spread_rates[@]}")"; spread_cpu="$(mean2 "${spread_cpus[@]}")"
echo "two silos (mean of two rounds): $spread_rate emits/s = $(( 100 * spread_rate / alone_rate ))% of one silo's $alone_rate ($(( 100 * spread_rate / singles_rate ))% of the first singles run); CPU per event $spread_cpu us = $(( 100 * spread_cpu / alone_cpu ))% of one silo's $alone_cpu us"
echo "== the same, each silo a tenant of its own (no shared sequence row, so no wait on its lock)"
spread_run apart apart
echo "apart: $(( 100 * spread_rate / alone_rate ))% of one silo's; CPU per event $(( 100 * spread_cpu / alone_cpu ))% of one silo's"
echo "what PostgreSQL's busy backends waited on:"
waits_report
echo "membership after the load (a silo declared dead under load would show here as Dead):"
curl -sf "http://127.0.0.1:$silo_port/api/admin/cluster" -H "Authorization: Bearer $ADMIN_KEY" \
  | grep -o '"address":"[^"]*","name":"[^"]*","host":"[^"]*","status":"[^"]*"' | sed -E 's/.*"address":"([^"]*)".*"status":"([^"]*)"/  \1 \2/'

echo "== emit -> SSE across silos: the feed grain on one silo, the SSE client on the other"
cross="$(tenant "$silo_port" cross)"
tenant_id="$(tenant_id "$silo_port" cross)"
curl -sf -X POST "http://127.0.0.1:$silo_port/api/activity/emit" -H "Authorization: Bearer $cross" -H 'Content-Type: application/json' -d '{"type":"warm","actorId":"probe"}' >/dev/null
curl -sf -X POST "http://127.0.0.1:$silo_port/api/activity/drain?tenantId=$tenant_id" -H "x-drain-secret: $DRAIN_SECRET" >/dev/null
feed_silo="$(curl -sf "http://127.0.0.1:$silo_port/api/admin/cluster/feeds/$tenant_id" -H "Authorization: Bearer $ADMIN_KEY" | sed -E 's/.*"silo":"([^"]*)".*/\1/')"
if [ "${feed_silo%%@*}" = "127.0.0.1:$first_orleans_port" ]; then home="$silo_port"; other="$second_port"; else home="$second_port"; other="$silo_port"; fi
echo "feed grain on the silo of HTTP port $home, SSE client on $other"
latency "http://127.0.0.1:$home" "http://127.0.0.1:$other" "$cross" 2000
latency "http://127.0.0.1:$home" "http://127.0.0.1:$other" "$cross" 400 25
