#!/usr/bin/env bash
# The full hostile-input run, as a benchmark: every suite at full size, then hostile files through the command line.
#   1. in-process suites (tests/…/Hostile*Tests.cs, one engine: tests/Support/HostileSuite.cs), with HOSTILE_CASES:
#      images and labelme (IMAGES, default 1200), model files (MODELS, 240), params and presets (RECIPES, 400),
#      points tables (TABLES, 200);
#   2. bench/hostile/cli_probe.py: CLI cases (CLI, 320) — each a `dislocate` process on a mutated file, checked for exit
#      code, time, peak memory, stack traces, internal exception names and a message naming the file.
# Prints each suite's counts and a total; exits 1 when any case failed. Needs a build (dotnet build Plugins.sln -c Release).
# Usage: bench/hostile/run.sh [WORK_FOLDER]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dislocate=${DISLOCATE:-$root/artifacts/dislocate/dislocate}
work=${1:-$(mktemp -d)}
mkdir -p "$work"
status=0
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F)"
suite() {
  local project=$1 filter=$2 cases=$3
  local log="$work/$filter.log"
  HOSTILE_CASES=$cases dotnet test "tests/$project" -c Release --no-build --nologo --logger "console;verbosity=detailed" \
    --filter "FullyQualifiedName~$filter" > "$log" 2>&1 || status=1
  echo "$filter ($project):"
  grep -E '^ +[0-9]+ cases from|^ +[^ ].* (accepted|refused|FAILED): [0-9]+' "$log" | sed -E 's/ \(first: .*//; s/^ +/  /'
  grep -E '^ +(Passed|Failed) ' "$log" | grep -i hostile | sed -E 's/^ +/  /'
}
suite Core.Tests HostileImageSuite "${IMAGES:-1200}"
suite Segment.Tests HostileModelFile "${MODELS:-240}"
suite Synthetic.Tests HostileRecipeSuite "${RECIPES:-400}"
suite Track.Tests HostileTableSuite "${TABLES:-200}"

seeds="$work/seeds"
bench/hostile/make-seeds.sh "$dislocate" "$seeds" "$work" || status=1
echo "command line (bench/hostile/cli_probe.py):"
/usr/bin/python3 bench/hostile/cli_probe.py "$dislocate" "$seeds" "$work/cli" "${CLI:-320}" | sed 's/^/  /' || status=1
exit $status
