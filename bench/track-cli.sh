#!/usr/bin/env bash
# 'track run' as a user runs it: through the CLI, process start included, on a segmented stack, writing its tables,
# its three plots (distance and velocity against frame, the overlay) and its ROIs. With OTHER set to a second
# runnable layout's 'dislocate', the two are alternated ROUNDS times (the VM's speed drifts), e.g. to weigh a change
# to the charts against the build before it.
# Usage: bench/track-cli.sh SEGMENTED [ROUNDS=5] [OVERLAY=the segmented stack's image, empty = gray]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dislocate=${DISLOCATE:-$root/artifacts/dislocate/dislocate}
input=${1:?usage: track-cli.sh SEGMENTED [ROUNDS] [OVERLAY]}
rounds=${2:-5}
overlay=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
layouts=("$dislocate")
[ -z "${OTHER:-}" ] || layouts+=("$OTHER")
for round in $(seq 1 "$rounds"); do
  for cli in "${layouts[@]}"; do
    rm -rf "$work/out"
    start=$(now)
    "$cli" track run "$input" --out "$work/out" ${overlay:+--overlay "$overlay"} --quiet > /dev/null
    end=$(now)
    awk -v r="$round" -v c="$cli" -v a="$start" -v b="$end" 'BEGIN { printf "round %d %s: track run %.2f s\n", r, c, b - a }'
  done
done
