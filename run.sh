#!/usr/bin/env bash
# The main job on built-in defaults: set up, build, generate a small synthetic dataset and a preview sheet, train a
# small segmentation model for a few minutes on the CPU, generate an in-situ-like stack and segment it.
# Outputs go to out/ (override with OUT=...). Rerunning resumes training from its checkpoint (nothing is redone).
set -euo pipefail
cd "$(dirname "$0")"
OUT=${OUT:-out}
bash scripts/setup.sh
dotnet build host/Cli/Dislocate.Cli.csproj -c Release --nologo --verbosity quiet
dislocate=artifacts/dislocate/dislocate
"$dislocate" list
"$dislocate" synthetic generate --out "$OUT/synthetic" --count 200 --split 0.8 --seed 1
"$dislocate" synthetic preview --out "$OUT/synthetic/preview.png" --count 12 --seed 1
# A light UNet++ (ResNet-18 encoder, quarter-width decoder) on 64-px crops of the dataset: minutes, not hours, on 2 cores.
"$dislocate" segment train --out "$OUT/model" --data "$OUT/synthetic" --encoder resnet18 --decoder 0.25 \
  --crop 64 --batch 4 --epochs 5 --steps 30 --rate 0.002 --warmup 10 --seed 1
# Eight frames of gliding pileups (512×512, multi-page TIFF), then the masks, label images and polylines of every frame.
"$dislocate" synthetic generate --out "$OUT/sequence" --count 1 --split 1 --frames 8 --format tif8 --seed 2
"$dislocate" segment run "$OUT/sequence/train/images/000000.tif" --model "$OUT/model/model.dislocate" --out "$OUT/segment"
echo "done: dataset in $OUT/synthetic (preview.png), model in $OUT/model (curves.png), segmentation of $OUT/sequence in $OUT/segment"
