#!/usr/bin/env bash
# 'synthetic generate' as a user runs it: through the CLI, one thread, every file written, process start included,
# four JIT settings alternated ROUNDS times (the VM's speed drifts): the shipped runtimeconfig (dynamic PGO off, loops
# not quick-jitted), loops quick-jitted (.NET's default), dynamic PGO on (.NET's default), tiered compilation off; plus
# the start-up cost of each ('dislocate list').
# Every run writes into a folder of its own and nothing is deleted until the end: on this VM's ext4, new
# files created where many were deleted in the last 1-6 minutes go through the kernel's recently_deleted() scan,
# which took ~30 % of a run's time (perf) right after the previous round's 5,000 files were removed. A user generating
# a dataset into a new folder does not meet that.
# Usage: bench/synthetic-cli.sh [IMAGES=1000] [ROUNDS=3] [FOLDER=a temporary one]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dislocate=${DISLOCATE:-$root/artifacts/dislocate/dislocate}
images=${1:-1000}
rounds=${2:-3}
work=${3:-$(mktemp -d)}
mkdir -p "$work"
now() { date +%s.%N; }
for round in $(seq 1 "$rounds"); do
  for setting in shipped DOTNET_TC_QuickJitForLoops=1 DOTNET_TieredPGO=1 DOTNET_TieredCompilation=0; do
    env=()
    [ "$setting" = shipped ] || env=("$setting")
    out="$work/out-$round-${setting%%=*}"
    rm -rf "$out"
    start=$(now)
    env "${env[@]}" "$dislocate" synthetic generate --out "$out" --count "$images" --threads 1 --seed 3 --quiet > /dev/null
    mid=$(now)
    env "${env[@]}" "$dislocate" list > /dev/null
    end=$(now)
    awk -v r="$round" -v s="$setting" -v a="$start" -v b="$mid" -v c="$end" -v n="$images" \
      'BEGIN { printf "round %d %-27s generate %.2f s (%.2f ms/image)  list %.3f s\n", r, s, b - a, (b - a) * 1000 / n, c - b }'
  done
done
rm -rf "$work"/out-*
