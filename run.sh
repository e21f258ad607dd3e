#!/usr/bin/env bash
# The main job on built-in defaults: set up, build, generate a small synthetic dataset and a preview sheet.
# Outputs go to out/ (override with OUT=...).
set -euo pipefail
cd "$(dirname "$0")"
OUT=${OUT:-out}
bash scripts/setup.sh
dotnet build host/Cli/Dislocate.Cli.csproj -c Release --nologo --verbosity quiet
dislocate=artifacts/dislocate/dislocate
"$dislocate" list
"$dislocate" synthetic generate --out "$OUT/synthetic" --count 200 --split 0.8 --seed 1
"$dislocate" synthetic preview --out "$OUT/synthetic/preview.png" --count 12 --seed 1
echo "done: dataset in $OUT/synthetic (train/, test/, dataset.json), contact sheet $OUT/synthetic/preview.png"
