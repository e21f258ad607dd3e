#!/usr/bin/env bash
# The synthetic-only candidate packaging/models/candidates/dislocate-lines-r18-synthetic-v3.dislocate: the shipped
# recipe's stage 2 (train-default.sh, real-like-v2) trained 16 × 50 more steps on real-like-v3.preset.json, whose pixel
# noise and line contrast match real frames (measure-gap.py). No real frame is used. Real development video: centre-line
# F1 0.54 (stage 2: 0.12); synthetic M2: 0.58. The base for the next shipped model's real-frame fine-tune.
# Usage: packaging/models/recipes/train-synthetic-v3.sh STAGE2_MODEL OUT   (OUT/model.dislocate; about 35 min on 2 cores)
# Every option and seed is here; the same thread count gives the same model.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
init=${1:?usage: train-synthetic-v3.sh STAGE2_MODEL OUT}
out=${2:?usage: train-synthetic-v3.sh STAGE2_MODEL OUT}
dislocate=${DISLOCATE:-$root/artifacts/dislocate/dislocate}
nice -n 5 "$dislocate" segment train --out "$out" --preset "$here/real-like-v3.preset.json" --output lines --encoder resnet18 \
  --decoder 0.25 --crop 192 --batch 8 --steps 50 --train-count 4000 --test-count 40 --seed 1 --threads 2 --epochs 16 \
  --rate 0.001 --schedule cosine --warmup 20 --init "$init"
"$dislocate" segment export --model "$out/model.dislocate" --out "$out/dislocate-lines-r18-synthetic-v3.dislocate" --format fp16 \
  --name dislocate-lines-r18-synthetic-v3 --version 0.1.0 --quiet
