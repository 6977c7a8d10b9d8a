#!/usr/bin/env bash
# Failover figures. Run by hand, never in CI:
#
#   bash tests/load/failover.sh [runs, default 5]
#
# Runs the cluster suite's failure tests that many times against a throwaway PostgreSQL and prints
# each run's timings: kill -9 (three silo processes, a steady emit load through two of them): when the
# dead silo's feed answered on a survivor; SIGSTOP: when the hung silo was declared dead; SIGTERM
# under load through nginx: when the silo exited, and failed requests; a 3 s database outage under
# load: when emits were accepted again.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs="${1:-5}"

source tests/postgres.sh
start_postgres

dotnet build tests/Activity.Cluster.Tests -v quiet -nologo >/dev/null
for run in $(seq 1 "$runs"); do
  dotnet test tests/Activity.Cluster.Tests --no-build \
    --filter "FullyQualifiedName~FailoverTests.Killing|FullyQualifiedName~HungSiloTests|FullyQualifiedName~GracefulShutdownTests|FullyQualifiedName~DatabaseRestartTests" \
    --logger "console;verbosity=detailed" 2>&1 \
    | { grep -E "^ (kill -9|SIGSTOP|SIGTERM|database down)|^\s+Failed " || true; } | sed "s/^ */run $run: /"
done
