#!/usr/bin/env bash
# The scores of an evaluate.sh folder as training-record entries (key=value, space-separated): M2 line-F1, paper
# metric and share of true dislocations matched, and the real-dev line-F1 on the 39 held-out frames. ship-default.sh and
# ship-int8.sh put them in the shipped files' records.
# Usage: packaging/models/recipes/scores-record.sh EVAL
set -euo pipefail
eval_dir=${1:?usage: scores-record.sh EVAL}
f1() { tr -d '\n ' < "$1" | grep -oE '"f1":[0-9.]+' | cut -d: -f2; }
matrix=$(tail -n 1 "$eval_dir/m2-paper/matrix_long.csv")
echo "synthetic_line_f1=$(f1 "$eval_dir/m2-pred/score/score.json")" \
  "synthetic_paper_metric=$(echo "$matrix" | cut -d, -f5 | cut -c1-6)" \
  "synthetic_matched_share=$(echo "$matrix" | cut -d, -f10 | cut -c1-6)" \
  "real_line_f1=$(f1 "$eval_dir/real-pred/score-test/score.json")"
