#!/usr/bin/env bash
# Runs every test of the solution against a real, throwaway PostgreSQL.
#
#   bash tests/run.sh                 # everything
#   bash tests/run.sh --filter Feed   # extra arguments go to `dotnet test`, over the whole solution
#
# Installs PostgreSQL, nginx, tzdata (report schedules in named time zones), Chromium and an emoji font
# (the console's browser tests and screenshots) with apt-get when they are missing, starts a private
# PostgreSQL cluster on a free local port in a temp dir, exports ACTIVITY_TEST_POSTGRES, builds once, then
# runs the test projects (in parallel), then the browser suite, then the cluster suite of silo processes on
# its own, so its failover timings are not taken while other suites load the cores. PostgreSQL stops even
# when tests fail.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Installs a Debian package when what it provides is missing.
apt_install() {
  local package="$1" why="$2"
  echo "run.sh: $package is not installed; installing it with apt-get ($why)" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >/dev/null
}

command -v nginx >/dev/null || apt_install nginx "the cluster suite puts it in front of silos"
[ -d /usr/share/zoneinfo/Europe ] || apt_install tzdata "report schedules use named time zones"
[ -x /usr/bin/chromium ] || apt_install chromium "the console's browser tests drive it"
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || apt_install fonts-noto-color-emoji "the console shows event icons as emoji"

source tests/postgres.sh
start_postgres

dotnet build Activity.sln
if [ "$#" -gt 0 ]; then
  dotnet test Activity.sln --no-build "$@"
else
  dotnet test Activity.sln --no-build --filter "FullyQualifiedName!~Activity.Cluster.Tests&FullyQualifiedName!~Activity.Browser.Tests"
  dotnet test tests/Activity.Browser.Tests --no-build
  dotnet test tests/Activity.Cluster.Tests --no-build --logger "console;verbosity=normal"
fi
