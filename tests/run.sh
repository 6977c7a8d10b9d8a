#!/usr/bin/env bash
# Runs every test of the solution against a real, throwaway PostgreSQL.
#
#   bash tests/run.sh                 # everything
#   bash tests/run.sh --filter Feed   # extra arguments go to `dotnet test`
#
# Installs PostgreSQL with apt-get when it is missing, starts a private cluster on a free local port
# in a temp dir, exports ACTIVITY_TEST_POSTGRES, runs `dotnet test Activity.sln`, and stops the
# cluster even when the tests fail.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

source tests/postgres.sh
start_postgres

dotnet test Activity.sln "$@"
