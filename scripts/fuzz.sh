#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest of the SDK's parsers for the bounded time its annotation gives
# (maxDuration), one target per run as Jazzer requires. scripts/test.sh calls it after the build;
# a normal `mvn verify` only replays the seed inputs (regression mode).
# Usage: scripts/fuzz.sh [ClassNamePattern]   (needs the test classes compiled: run after verify)
set -euo pipefail
cd "$(dirname "$0")/.."
pattern=${1:-}

targets=()
while IFS= read -r file; do
  class=$(basename "$file" .java)
  [ -n "$pattern" ] && [[ "$class" != *$pattern* ]] && continue
  # the method declared right after each @FuzzTest annotation
  while IFS= read -r method; do
    targets+=("$class#$method")
  done < <(awk '/@FuzzTest/{f=1; next} f && /void /{sub(/.*void /,""); sub(/\(.*/,""); print; f=0}' "$file")
done < <(grep -rl '@FuzzTest' sdk/src/test/java | sort)

echo "[fuzz] ${#targets[@]} targets"
for target in "${targets[@]}"; do
  echo "[fuzz] $target"
  JAZZER_FUZZ=1 ./mvnw -B -q -ntp -pl sdk surefire:test -Dtest="$target" \
    -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true >"sdk/target/fuzz-${target//#/-}.log" 2>&1 || {
    tail -n 60 "sdk/target/fuzz-${target//#/-}.log"
    echo "[fuzz] $target FAILED (findings are kept under sdk/src/test/resources)" >&2
    exit 1
  }
  grep -h -E '^Done [0-9]+ runs' "sdk/target/fuzz-${target//#/-}.log" | sed 's/^/[fuzz]   /' || true
done
echo "[fuzz] all ${#targets[@]} targets fuzzed without a finding"
