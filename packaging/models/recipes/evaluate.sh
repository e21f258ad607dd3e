#!/usr/bin/env bash
# Scores a model the way the README's model table reports it (centre-line F1 at 3 px, `segment score`):
#   1. synthetic M2 test set: COUNT generated 512² images (defaults, seed 1000), truth = the generator's union masks;
#      and the paper's spline-length metric with the share of true dislocations matched one to one (`segment
#      evaluate-matrix`: the line map's instances against the generator's instance masks);
#   2. the real development video (../shared/data/real-dev): all 49 frames that have a frame and a mask, and the 39
#      frames outside the fine-tuning ten (split.txt beside this script).
# Usage: packaging/models/recipes/evaluate.sh MODEL OUT [COUNT=200]. Writes OUT/*/score/score.json and
# OUT/m2-paper/matrix_long.csv and prints a summary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
model=$(realpath "${1:?usage: evaluate.sh MODEL OUT [COUNT]}")
out=${2:?usage: evaluate.sh MODEL OUT [COUNT]}
count=${3:-200}
dislocate=${DISLOCATE:-$root/artifacts/dislocate/dislocate}
real=${REAL_DEV:-$root/../shared/data/real-dev/tanaka-twip-grain2um-video7}
mkdir -p "$out"

"$dislocate" synthetic generate --out "$out/m2" --count "$count" --split 0 --seed 1000 --quiet
"$dislocate" segment run "$out/m2/test/images" --model "$model" --out "$out/m2-pred" --quiet
"$dislocate" segment score --pred "$out/m2-pred" --truth "$out/m2/test/union" --out "$out/m2-pred/score" --quiet
"$dislocate" segment evaluate-matrix --models "$model" --datasets "$out/m2" --out "$out/m2-paper" --threads 2 --quiet --output-dir "$out/m2-paper"

"$here/real-dev-split.sh" "$real" "$out/real"
"$dislocate" segment run "$real/frames" --model "$model" --out "$out/real-pred" --quiet
"$dislocate" segment score --pred "$out/real-pred" --truth "$real/labels_ds" --out "$out/real-pred/score-all" --quiet
"$dislocate" segment score --pred "$out/real-pred" --truth "$out/real/test-masks" --out "$out/real-pred/score-test" --quiet
for s in "$out/m2-pred/score" "$out/real-pred/score-all" "$out/real-pred/score-test"; do
  echo "$s: $(tr -d '\n ' < "$s/score.json" | grep -oE '"frames":[0-9]+,"f1":[0-9.]+,"precision":[0-9.]+,"recall":[0-9.]+')"
done
echo "$out/m2-paper (paper metric, dislocations matched): $(tail -n 1 "$out/m2-paper/matrix_long.csv" | cut -d, -f5,8-10)"
