#!/usr/bin/env bash
# Inference as users run it: `segment run` through the CLI, process start included, on each engine, with the shipped
# default model. Prints wall time, frames/s, peak RSS and the per-phase profile of every run.
# Usage: bench/inference/engines.sh STACK [BIG_FRAME …]   (STACK: a multi-page 512² TIFF, e.g. 100 frames)
# VIEWS (e.g. "1 2"; default: segment run's default) runs each case once per number of averaged views; ENGINES (default
# "int8 onnx torch") picks the engines: int8 = ONNX Runtime on the shipped int8 export (--precision int8, what
# --precision auto takes on the CPU), onnx = ONNX Runtime on the float model, torch = libtorch.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dislocate=${DISLOCATE:-$root/artifacts/dislocate/dislocate}
stack=${1:?usage: engines.sh STACK [BIG_FRAME …]}
shift
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
frames=$(/usr/bin/python3 -c "from PIL import Image; print(Image.open('$stack').n_frames)" 2>/dev/null || echo "?")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); stack: $stack ($frames frames)"
run() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/time" "$dislocate" segment run "$@" --out "$out/run" > /dev/null 2> "$out/log"
  read -r wall rss < "$out/time"
  local phases; phases=$(grep -o 'time per phase: .*' "$out/log" | sed 's/time per phase: //')
  echo "$label: wall ${wall} s, peak RSS $((rss / 1024)) MB; $phases"
  rm -rf "$out/run"
}
views=${VIEWS:-default}
engines=${ENGINES:-int8 onnx torch}
flags() {
  case $1 in
    int8) echo "--engine onnx --precision int8" ;;
    onnx) echo "--engine onnx --precision fp32" ;;
    *) echo "--engine $1" ;;
  esac
}
for v in $views; do
  opt=(); [ "$v" = default ] || opt=(--views "$v")
  for engine in $engines; do
    # shellcheck disable=SC2046 # flags() gives several words on purpose
    run "$engine, views $v, 1 frame (start-up)" "$stack" $(flags "$engine") --shard "0/$frames" "${opt[@]}"
    # shellcheck disable=SC2046
    run "$engine, views $v, $frames frames" "$stack" $(flags "$engine") "${opt[@]}"
  done
  for big in "$@"; do
    for engine in $engines; do
      # shellcheck disable=SC2046
      run "$engine, views $v, $(basename "$big")" "$big" $(flags "$engine") "${opt[@]}"
    done
  done
done
