#!/usr/bin/env bash
# Turns a trained model into the shipped default: float16 weights (half the size, under the 30 MB limit), with its
# name, version, recipe and the scores of evaluate.sh (EVAL folder: M2 line-F1, paper metric and share of true
# dislocations matched; real-dev line-F1) in its training record.
# Usage: packaging/models/recipes/ship-default.sh MODEL EVAL [VERSION=1.0.0]
# RECIPE names the recipe that trained MODEL (default train-default.sh); EXTRA_RECORD adds key=value pairs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
model=${1:?usage: ship-default.sh MODEL EVAL [VERSION]}
eval_dir=${2:?usage: ship-default.sh MODEL EVAL [VERSION]}
version=${3:-1.0.0}
dislocate=${DISLOCATE:-$root/artifacts/dislocate/dislocate}
record="recipe=${RECIPE:-packaging/models/recipes/train-default.sh}"
record+=" $("$here/scores-record.sh" "$eval_dir")"
record+=" synthetic_test_set=M2-defaults-seed1000-$(ls "$eval_dir/m2/test/images" | wc -l)-images"
record+=" real_test_set=real-dev-video7-39-frames-outside-split.txt"
record+=" fine_tuned_on=real-dev-video7-10-frames-of-split.txt+real-like-v2-synthetic"
record+=" ${EXTRA_RECORD:-}"
"$dislocate" segment export --model "$model" --out "$root/packaging/models/dislocate-lines-r18.dislocate" --format fp16 \
  --name dislocate-lines-r18 --version "$version" --record "$record"
