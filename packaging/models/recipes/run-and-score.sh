#!/usr/bin/env bash
# One scored run, as robustness.sh, scale-check.sh and bench/track-models.sh make them: `segment run` of MODEL on
# FRAMES into a fresh PRED folder (any further options go to segment run), then `segment score` against MASKS at
# TOLERANCE px into PRED/score; prints the centre-line F1.
# Usage: packaging/models/recipes/run-and-score.sh MODEL FRAMES MASKS TOLERANCE PRED [segment run options…]
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
usage="usage: run-and-score.sh MODEL FRAMES MASKS TOLERANCE PRED [segment run options…]"
model=${1:?$usage} frames=${2:?$usage} masks=${3:?$usage} tolerance=${4:?$usage} pred=${5:?$usage}
shift 5
dislocate=${DISLOCATE:-$root/artifacts/dislocate/dislocate}
rm -rf "$pred"
"$dislocate" segment run "$frames" --model "$model" --out "$pred" --quiet "$@" > /dev/null
"$dislocate" segment score --pred "$pred" --truth "$masks" --tolerance "$tolerance" --out "$pred/score" --quiet > /dev/null
tr -d '\n ' < "$pred/score/score.json" | grep -oE '"f1":[0-9.]+' | cut -d: -f2
