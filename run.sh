#!/usr/bin/env bash
# The main job on built-in defaults: set up, build, generate a small synthetic dataset and a preview sheet, train a
# small demonstration model for a few minutes on the CPU, generate an in-situ-like stack, segment it with the shipped
# default model and track the lines.
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
# Training, as a demonstration: a light UNet++ (ResNet-18 encoder, quarter-width decoder) on 64-px crops of the dataset,
# minutes on 2 cores. It is not used below: segmentation uses the shipped default model (packaging/models, trained by
# packaging/models/recipes/train-default.sh), which 'segment run' takes when no --model is given.
"$dislocate" segment train --out "$OUT/model" --data "$OUT/synthetic" --encoder resnet18 --decoder 0.25 \
  --crop 64 --batch 4 --epochs 5 --steps 30 --rate 0.002 --warmup 10 --seed 1
"$dislocate" segment info
# Twenty frames of gliding pileups (512×512, multi-page TIFF), then the masks, label images and polylines of every frame.
stack="$OUT/sequence/train/images/000000.tif"
"$dislocate" synthetic generate --out "$OUT/sequence" --count 1 --split 1 --frames 20 --format tif8 --seed 2
"$dislocate" segment run "$stack" --out "$OUT/segment"
# The segmented lines linked into tracks (tables with units in their headers, plots, labelme files, RoiSet.zip), and
# for comparison the generator's true masks of the same stack tracked the same way.
"$dislocate" track run "$OUT/segment" --out "$OUT/track" --overlay "$stack"
"$dislocate" track run "$OUT/sequence/train/masks/000000.tif" --out "$OUT/track-truth" --overlay "$stack"
# How many true lines the shipped model found, and how well their identities were kept (matched, missed, id accuracy),
# and its centre-line F1 at 3 px against the generator's true masks.
# score.json lies inside the folder it scores, and an existing file of an input folder is never overwritten (the
# command refuses it), so a rerun removes the previous run's score first.
rm -f "$OUT/track/score.json"
"$dislocate" track score "$OUT/track" --truth "$OUT/track-truth" --out "$OUT/track/score.json"
"$dislocate" segment score --pred "$OUT/segment" --truth "$OUT/sequence/train/masks/000000.tif" --out "$OUT/segment/score"
echo "done: dataset in $OUT/synthetic (preview.png), demonstration model in $OUT/model (curves.png), segmentation with the"
echo "      shipped model in $OUT/segment (score/score.json),"
echo "      tracks in $OUT/track (overlay.png, distance_vs_frame.png, score.json) and, from the true masks, in $OUT/track-truth"
