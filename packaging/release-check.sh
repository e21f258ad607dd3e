#!/usr/bin/env bash
# Builds the release archives, installs each with install.sh into a temporary prefix where the .NET SDK cannot be used
# (a 'dotnet' that fails comes first on PATH, DOTNET_ROOT unset), and runs what a new user runs first:
# --version, list, doctor, a small generate, a preview, segment run with the default model and track run with its
# plots (both archives), plus two training
# steps (full archive only). Exit 0 when all pass. Called by test.sh; RELEASE_CHECK=0 skips it.
# Usage: packaging/release-check.sh [WORK]   (default: a temporary folder, removed afterwards)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-}
if [ -z "$work" ]; then work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work/bin"
printf '#!/bin/sh\necho "release-check: the installed release called dotnet: $*" >&2\nexit 99\n' > "$work/bin/dotnet"
chmod +x "$work/bin/dotnet"

"$root/packaging/release.sh" "$work/out"
"$root/packaging/release.sh" "$work/out" --inference-only

for archive in "$work"/out/dislocate-*-linux-x64.tar.gz "$work"/out/dislocate-*-linux-x64-inference.tar.gz; do
  kind=$(case "$archive" in *-inference.tar.gz) echo inference ;; *) echo full ;; esac)
  prefix=$work/prefix-$kind
  (
    export PATH="$work/bin:$prefix/bin:/usr/bin:/bin" HOME="$work/home-$kind"
    unset DOTNET_ROOT DISLOCATE_PLUGINS
    mkdir -p "$HOME" && cd "$HOME"
    mkdir -p Fiji.app/plugins
    bash "$root/packaging/install.sh" "$archive" --prefix "$prefix" --fiji Fiji.app
    test -f Fiji.app/plugins/Dislocate_.jar && test -x Fiji.app/dislocate/dislocate
    # A plain ImageJ folder gets the TEM opener (File › Open of .dm3/.dm4/.ser); one with its own HandleExtraFileTypes, as Fiji, does not.
    test -f Fiji.app/plugins/Dislocate_TEM_Opener.jar
    mkdir -p Fiji2.app/plugins Fiji2.app/jars
    python3 -c 'import zipfile,sys; zipfile.ZipFile(sys.argv[1], "w").writestr("HandleExtraFileTypes.class", b"")' Fiji2.app/jars/io_-1.0.jar
    bash "$root/packaging/install.sh" "$archive" --prefix "$prefix" --fiji Fiji2.app
    test -f Fiji2.app/plugins/Dislocate_.jar && test ! -e Fiji2.app/plugins/Dislocate_TEM_Opener.jar
    dislocate --version
    dislocate list > list.txt
    grep -q '^segment ' list.txt
    dislocate doctor
    dislocate synthetic generate --out data --count 2 --width 256 --height 256 --seed 5 --quiet
    dislocate segment run data/train/images --out seg --quiet
    test -s seg/lines.csv && test -s seg/segmentation.json
    # Plots and overlays (SkiaSharp) and TIFF stacks, from plugins that use the host's shared copies.
    dislocate synthetic preview --out preview.png --count 2 --seed 5
    dislocate track run data/train/masks/000000.tif --out trk --overlay data/train/images/000000.png --quiet
    test -s preview.png && test -s trk/overlay.png && test -s trk/distance_vs_frame.png
    if [ "$kind" = full ]; then
      dislocate segment train --out model --encoder resnet18 --decoder 0.25 --crop 64 --batch 2 --epochs 1 --steps 2 \
        --test-count 2 --output lines --quiet
      test -s model/model.dislocate
    else
      if dislocate segment train --out model --crop 64 --epochs 1 --steps 1 --quiet 2> train.err; then
        echo "release-check: training ran without libtorch" >&2; exit 1
      fi
      grep -q "inference-only release" train.err
    fi
  ) > "$work/$kind.log" 2>&1 || { echo "release-check: the $kind release failed; its log:" >&2; tail -40 "$work/$kind.log" >&2; exit 1; }
  echo "release-check: $(basename "$archive") installs and runs ($(du -sh "$archive" | cut -f1) packed, $(du -sh "$prefix/lib" | cut -f1) installed)"
done
