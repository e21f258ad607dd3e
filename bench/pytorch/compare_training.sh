#!/usr/bin/env bash
# TorchSharp against PyTorch, one training step of the same line-map UNet++ in one run (the VM's speed drifts, so both
# engines are measured back to back, twice, alternating). Both run on jemalloc retaining freed memory, as the dislocate
# launcher runs the plugin. Usage: bench/pytorch/compare_training.sh [crop=256] [batch=8] [threads=2] [steps=10] [nested=1]
# (nested: width scale of the UNet++ nested nodes, segment train --nested)
set -euo pipefail
cd "$(dirname "$0")/../.."
crop=${1:-256}; batch=${2:-8}; threads=${3:-2}; steps=${4:-10}; nested=${5:-1}
jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
export MALLOC_CONF=retain:true,dirty_decay_ms:-1,muzzy_decay_ms:-1
dotnet build bench/Segment.Bench -c Release --nologo --verbosity quiet >/dev/null
bench=bench/Segment.Bench/bin/Release/net10.0/Dislocate.Segment.Bench
for round in 1 2; do
  LD_PRELOAD=$jemalloc "$bench" trainstep "$crop" "$batch" "$threads" "$steps" 0.25 "$nested"
  LD_PRELOAD=$jemalloc /usr/bin/python3 bench/pytorch/train_step.py --crop "$crop" --batch "$batch" --threads "$threads" --steps "$steps" --nested "$nested"
done
