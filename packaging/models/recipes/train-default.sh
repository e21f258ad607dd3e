#!/usr/bin/env bash
# The recipe of the shipped default model (packaging/models/dislocate-lines-r18.dislocate): a ResNet-18 UNet++ with a
# light decoder predicting one centre-line map, trained on synthetic images rendered in memory from the real-like
# preset beside this script. Every option and the seed are here; the same thread count gives the same model.
#   packaging/models/recipes/train-default.sh OUT [--init MODEL]   (then: segment run --model OUT/model.dislocate)
# With --init the run continues from a model's weights (e.g. the shipped one), so later sessions can train it further.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${1:?usage: train-default.sh OUT [--init MODEL]}
shift
dislocate=${DISLOCATE:-$root/artifacts/dislocate/dislocate}
exec "$dislocate" segment train --out "$out" --preset "$here/real-like-v1.preset.json" \
  --output lines --encoder resnet18 --decoder 0.25 --crop 192 --batch 8 \
  --epochs 24 --steps 50 --rate 0.002 --schedule cosine --warmup 50 \
  --train-count 4000 --test-count 40 --seed 1 --threads 2 --time-limit 70 "$@"
