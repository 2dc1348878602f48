#!/usr/bin/env bash
# Runs every test: installs what the tests need (Debian packages, npm packages), starts a
# throwaway PostgreSQL and Redis on free loopback ports, runs the Maven build with all tests,
# and stops the services. Extra arguments go to Maven (e.g. scripts/test.sh -pl sdk).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# shellcheck source=scripts/test-services.sh
source scripts/test-services.sh
idnum_services_start
trap idnum_services_stop EXIT

echo "[test] installing the independent implementations used by interop tests (npm ci)"
(cd interop && npm ci --no-audit --no-fund --loglevel=error)
export IDNUM_INTEROP_DIR="$root/interop"
export IDNUM_CHROMIUM="${IDNUM_CHROMIUM:-$(command -v chromium || true)}"

./mvnw -B -ntp verify "$@"

# Coverage-guided fuzzing of every SDK parser, each for its bounded time (about 5 minutes in all),
# when the whole build ran (no module selection) and IDNUM_FUZZ is not 0.
if [ $# -eq 0 ] && [ "${IDNUM_FUZZ:-1}" != 0 ]; then
  bash scripts/fuzz.sh
fi
