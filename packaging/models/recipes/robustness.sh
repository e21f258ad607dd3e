#!/usr/bin/env bash
# The README's robustness figures: centre-line F1 at 3 px of MODEL on all 49 labelled real development frames, clean
# and degraded by degrade-frames.py (noise σ 0.05, blur σ 1, gamma 1.6, an illumination gradient, 2× magnification
# scored at tolerance 6, 0.5× at tolerance 1.5), each through `segment run` with its defaults (line crests, --scale auto, piece joining).
# Usage: packaging/models/recipes/robustness.sh MODEL OUT   (the degraded frames are made once in OUT/frames; needs
# Debian's python3-numpy and python3-pil). Prints one line per set.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
model=$(realpath "${1:?usage: robustness.sh MODEL OUT}")
out=${2:?usage: robustness.sh MODEL OUT}
dislocate=${DISLOCATE:-$root/artifacts/dislocate/dislocate}
real=${REAL_DEV:-$root/../shared/data/real-dev/tanaka-twip-grain2um-video7}
if [ ! -d "$out/frames/x05-masks" ]; then
  /usr/bin/python3 "$here/degrade-frames.py" "$real/frames" "$real/labels_ds" "$out/frames"
fi
name=${NAME:-$(basename "$model" .dislocate)}  # NAME labels the outputs (two last.dislocate files would share one)
line="$name:"
for set in clean noise blur gamma16 gradient x2 x05; do
  frames=$out/frames/$set masks=$real/labels_ds tolerance=3
  [ "$set" = clean ] && frames=$real/frames
  [ "$set" = x2 ] && masks=$out/frames/x2-masks tolerance=6
  [ "$set" = x05 ] && masks=$out/frames/x05-masks tolerance=1.5
  line="$line $set $(DISLOCATE=$dislocate "$here/run-and-score.sh" "$model" "$frames" "$masks" "$tolerance" "$out/$name-$set")"
done
echo "$line"
