#!/usr/bin/env bash
# Fine-tunes a line-map model on ten frames of the real development video (split.txt), interleaved one to one with
# synthetic real-like-v2 images (real frames alone made the model forget synthetic lines), and scores it on the others.
# The best epoch is chosen on the ten training frames themselves, never on the frames it is scored on.
# Usage: packaging/models/recipes/finetune-real-dev.sh MODEL OUT
# EPOCHS (40), RATE (0.0003), ZOOM (1 = no random rescaling; 2 = crops magnified or shrunk up to 2×), BLUR (0 = none;
# 1.5 = half the crops blurred with σ up to 1.5 px), NOISE (0.05: largest noise σ) and PRESET (real-like-v2.preset.json: the
# synthetic images between the real ones), MIX (more presets whose images alternate with PRESET's, e.g. "defaults" for the
# generator's M2 defaults; empty = none), SYNTHETIC (400: how many synthetic images, rendered on demand, the
# steps draw from; more = each seen less often), SYNTHETIC_PER_REAL (1: synthetic images after each real one) and SEED
# (1: sample order, crops, augmentation, the synthetic images) change the run;
# the defaults are model 1.1.0's stage 3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
model=$(realpath "${1:?usage: finetune-real-dev.sh MODEL OUT}")
out=${2:?usage: finetune-real-dev.sh MODEL OUT}
dislocate=${DISLOCATE:-$root/artifacts/dislocate/dislocate}
real=${REAL_DEV:-$root/../shared/data/real-dev/tanaka-twip-grain2um-video7}
"$here/real-dev-split.sh" "$real" "$out/real"
"$dislocate" segment finetune --model "$model" --images "$real/frames" --masks "$out/real/train-masks" \
  --synthetic "${SYNTHETIC:-400}" --preset "${PRESET:-$here/real-like-v2.preset.json}" ${MIX:+--mix "$MIX"} \
  ${SYNTHETIC_PER_REAL:+--synthetic-per-real "$SYNTHETIC_PER_REAL"} --out "$out/model" --crop 256 --batch 4 --epochs "${EPOCHS:-40}" --steps 25 \
  --rate "${RATE:-0.0003}" --zoom "${ZOOM:-1}" --blur "${BLUR:-0}" --noise "${NOISE:-0.05}" --schedule cosine --warmup 10 --seed "${SEED:-1}" --threads 2
# Both the epoch best on the ten training frames (model) and the last epoch (last): the first can be an early epoch.
for m in model last; do
  "$dislocate" segment run "$real/frames" --model "$out/model/$m.dislocate" --out "$out/real-pred-$m" --quiet
  "$dislocate" segment score --pred "$out/real-pred-$m" --truth "$out/real/test-masks" --out "$out/real-pred-$m/score-test" --quiet
  echo "$m: $(tr -d '\n ' < "$out/real-pred-$m/score-test/score.json" | grep -oE '"frames":[0-9]+,"f1":[0-9.]+,"precision":[0-9.]+,"recall":[0-9.]+')"
done
