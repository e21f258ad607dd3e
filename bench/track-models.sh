#!/usr/bin/env bash
# Models compared as the main job uses them, on several generated 20-frame sequences instead of one: per sequence
# (`synthetic generate --frames 20 --seed S`, as run.sh with seed 2), each model's `segment run`, its centre-line F1
# against the true masks, `track run` and `track score` against the tracks of the true masks.
# Usage: bench/track-models.sh OUT MODEL [MODEL …]   (SEEDS, default "2 3 4 5 6"). Prints one line per sequence and model.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dislocate=${DISLOCATE:-$root/artifacts/dislocate/dislocate}
out=${1:?usage: track-models.sh OUT MODEL [MODEL …]}
shift
[ $# -gt 0 ] || { echo "usage: track-models.sh OUT MODEL [MODEL …]" >&2; exit 2; }
mkdir -p "$out"
for seed in ${SEEDS:-2 3 4 5 6}; do
  seq=$out/seq$seed
  [ -d "$seq" ] || "$dislocate" synthetic generate --out "$seq" --count 1 --split 1 --frames 20 --format tif8 --seed "$seed" --quiet > /dev/null
  [ -d "$out/truth$seed" ] || "$dislocate" track run "$seq/train/masks/000000.tif" --out "$out/truth$seed" --quiet > /dev/null
  for model in "$@"; do
    name=$(basename "$model")
    run=$out/$seed-$name
    rm -rf "$run"  # a rerun starts clean: track score will not overwrite a score.json it finds among its inputs
    f1=$(DISLOCATE=$dislocate "$root/packaging/models/recipes/run-and-score.sh" "$model" "$seq/train/images/000000.tif" \
      "$seq/train/masks/000000.tif" 3 "$run/segment")
    "$dislocate" track run "$run/segment" --out "$run/track" --quiet > /dev/null
    tracks=$("$dislocate" track score "$run/track" --truth "$out/truth$seed" --out "$run/track/score.json" 2>&1 | head -n 1)
    echo "seed $seed, $name: F1 $f1; $tracks"
  done
done
