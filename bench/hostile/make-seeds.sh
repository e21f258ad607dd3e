#!/usr/bin/env bash
# Writes the valid files cli_probe.py mutates into SEEDS: a generated 4-frame 128² stack (stack.tif), its instance
# masks (labels.tif) and params (params.json), a 96² frame (frame.png), a committed preset (preset.json) and the
# points table of the masks tracked (points.csv, truth.csv) and the shipped model (model.dislocate). Usage: make-seeds.sh DISLOCATE SEEDS WORK
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dislocate=$1 seeds=$2 work=$3
mkdir -p "$seeds" "$work"
"$dislocate" synthetic generate --out "$work/gen-seq" --count 1 --split 1 --frames 4 --format tif8 --width 128 --height 128 --seed 2 --quiet > /dev/null
"$dislocate" synthetic generate --out "$work/gen-frame" --count 1 --split 1 --width 96 --height 96 --seed 3 --quiet > /dev/null
cp "$work/gen-seq/train/images/000000.tif" "$seeds/stack.tif"
cp "$work/gen-seq/train/masks/000000.tif" "$seeds/labels.tif"
cp "$work/gen-seq/train/params/000000.json" "$seeds/params.json"
cp "$work/gen-frame/train/images/000000.png" "$seeds/frame.png"
cp "$root/packaging/models/recipes/real-like-v2.preset.json" "$seeds/preset.json"
"$dislocate" track run "$seeds/labels.tif" --out "$work/gen-track" --quiet > /dev/null
cp "$work/gen-track/points.csv" "$seeds/points.csv"
cp "$work/gen-track/points.csv" "$seeds/truth.csv"
cp "$root/packaging/models/dislocate-lines-r18.dislocate" "$seeds/model.dislocate"
