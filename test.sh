#!/usr/bin/env bash
# Builds everything in Release (warnings are errors), checks formatting, runs every test, prints one summary line, then
# builds the release archives and checks that they install and run (packaging/release-check.sh).
# Release: the tests exercise the optimized code that users run, and the runnable layout stays optimized.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
dotnet build Plugins.sln -c Release --nologo --verbosity quiet
dotnet format Plugins.sln --verify-no-changes --no-restore --verbosity quiet
log=$(mktemp)
set +e
dotnet test Plugins.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
# The release archives, installed as a user installs them, without the SDK (about 2.5 min; RELEASE_CHECK=0 skips).
if [ "${RELEASE_CHECK:-1}" != 0 ]; then bash packaging/release-check.sh; fi
