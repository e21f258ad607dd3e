#!/usr/bin/env bash
# How `--scale auto` chooses on input at other magnifications than the training images' (README, "Magnification"):
# the 49 labelled real development frames resampled 0.71× and 1.41×, and the first 12 images of evaluate.sh's M2 test
# set resampled 1.41× and 2× (scale-frames.py), each through `segment run` with --scale auto, with the factor that
# undoes the resampling, and with 1; centre-line F1 scored at 3 px times the resampling factor. Prints one line per
# set: the factor auto chose, then the F1 of each run. robustness.sh covers the real frames at 0.5× and 2×.
# Usage: packaging/models/recipes/scale-check.sh MODEL OUT [M2]   (M2: evaluate.sh's OUT/m2 folder; without it the 12
# images are generated here with evaluate.sh's seed; needs Debian's python3-numpy and python3-pil)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
model=$(realpath "${1:?usage: scale-check.sh MODEL OUT [M2]}")
out=${2:?usage: scale-check.sh MODEL OUT [M2]}
dislocate=${DISLOCATE:-$root/artifacts/dislocate/dislocate}
real=${REAL_DEV:-$root/../shared/data/real-dev/tanaka-twip-grain2um-video7}
m2=${3:-$out/m2}
if [ ! -d "$m2/test/union" ]; then
  "$dislocate" synthetic generate --out "$m2" --count 12 --split 0 --seed 1000 --quiet
fi
name=${NAME:-$(basename "$model" .dislocate)}  # NAME labels the outputs
# set, images, masks, resampling factor, how many (0 = all), the factor that undoes it
sets="real-x0.71 $real/frames $real/labels_ds 0.71 0 1.41
real-x1.41 $real/frames $real/labels_ds 1.41 0 0.71
m2-x1.41 $m2/test/images $m2/test/union 1.41 12 0.71
m2-x2 $m2/test/images $m2/test/union 2 12 0.5"
while read -r set images masks factor count undo; do
  if [ ! -d "$out/frames/$set/masks" ]; then
    /usr/bin/python3 "$here/scale-frames.py" "$images" "$masks" "$factor" "$out/frames/$set" "$count" > /dev/null
  fi
  tolerance=$(awk -v f="$factor" 'BEGIN { printf "%.2f", 3 * f }')
  line="$name $set:"
  for scale in auto "$undo" 1; do
    pred=$out/$name-$set-$scale
    f1=$(DISLOCATE=$dislocate "$here/run-and-score.sh" "$model" "$out/frames/$set/frames" "$out/frames/$set/masks" "$tolerance" "$pred" --scale "$scale")
    if [ "$scale" = auto ]; then
      chosen=$(tr -d '\n ' < "$pred/segmentation.json" | grep -oE '"requested":"auto","factor":[0-9.]+' | cut -d: -f3)
      line="$line auto chose $chosen: $f1,"
    else
      line="$line $scale: $f1,"
    fi
  done
  echo "${line%,}"
done <<< "$sets"
