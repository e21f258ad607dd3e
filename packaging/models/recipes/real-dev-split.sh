#!/usr/bin/env bash
# The fixed split of the real development video used for the README's figures: ten frames to fine-tune on (every fifth
# labelled frame, listed in split.txt) and the other labelled frames to score on. Makes OUT/train-masks and
# OUT/test-masks as symbolic links into REAL/labels_ds (the data stays in ../shared, never in the repository).
# Usage: real-dev-split.sh REAL OUT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
real=$(realpath "${1:?usage: real-dev-split.sh REAL OUT}")
out=${2:?usage: real-dev-split.sh REAL OUT}
rm -rf "$out/train-masks" "$out/test-masks"
mkdir -p "$out/train-masks" "$out/test-masks"
for mask in "$real"/labels_ds/*.png; do
  name=$(basename "$mask")
  [ -f "$real/frames/$name" ] || continue   # four masks have no frame
  if grep -qx "$name" "$here/split.txt"; then ln -s "$mask" "$out/train-masks/$name"; else ln -s "$mask" "$out/test-masks/$name"; fi
done
echo "real-dev split: $(ls "$out/train-masks" | wc -l) frames to fine-tune on, $(ls "$out/test-masks" | wc -l) to score on"
