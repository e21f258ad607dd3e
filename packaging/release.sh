#!/usr/bin/env bash
# Builds the release archive users install in one command (packaging/install.sh):
#   OUT/dislocate-<version>-linux-x64.tar.gz            CLI + plugins + default model + ImageJ bridge and Fiji drop-in
#   OUT/dislocate-<version>-linux-x64-inference.tar.gz  (with --inference-only) the same without libtorch: segment run,
#                                                       Segment Dislocations and tracking on ONNX Runtime; no training
# Self-contained (.NET runtime inside, no SDK needed), one runtime identifier (linux-x64): other platforms' natives,
# debug symbols, API docs and libtorch's Python bindings are left out. README, THIRD-PARTY-NOTICES.md and install.sh
# travel at the archive's root.
# Usage: packaging/release.sh [OUT=artifacts/release] [--inference-only]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/artifacts/release
inference=0
for a in "$@"; do
  case "$a" in
    --inference-only) inference=1 ;;
    -*) echo "release.sh: unknown option $a" >&2; exit 2 ;;
    *) out=$(realpath -m "$a") ;;
  esac
done
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -1)
rid=linux-x64
name=dislocate-$version-$rid$([ "$inference" = 1 ] && echo -inference || true)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/$name

# The CLI self-contained; its build-order references build the plugins into the same layout (plugins/<id>/).
dotnet publish "$root/host/Cli/Dislocate.Cli.csproj" -c Release -r "$rid" --self-contained \
  -p:DislocateLayoutDir="$stage/" -o "$stage" --nologo --verbosity quiet

# One platform's natives; no debug symbols, API docs or Python bindings.
find "$stage" -type d -name runtimes | while read -r runtimes; do
  find "$runtimes" -mindepth 1 -maxdepth 1 -type d ! -name "$rid" -exec rm -rf {} +
done
find "$stage" -name '*.pdb' -delete
find "$stage" -name 'Dislocate.*.xml' -delete
rm -f "$stage"/plugins/segment/runtimes/$rid/native/libtorch_python.so
if [ "$inference" = 1 ]; then
  # ONNX Runtime runs the default model; libtorch is only for training, fine-tuning and CUDA inference.
  rm -f "$stage"/plugins/segment/runtimes/$rid/native/lib{torch,torch_cpu,c10,gomp,LibTorchSharp}*.so*
fi

# A plugin's copy of a file the host already has, byte for byte (host/Core, the contracts, SkiaSharp and its native
# library), is never loaded: the plugin loader prefers the host's shared assemblies (PreferSharedTypes), and their
# native libraries resolve from the host's folder. Shipped once, at the root.
# (A self-contained publish puts the host's natives at its root, not under runtimes/<rid>/native/.)
(cd "$stage" && find plugins -mindepth 2 -type f) | while read -r file; do
  plugin=${file#plugins/*/}
  host=$stage/$plugin
  case "$plugin" in runtimes/$rid/native/*) host=$stage/$(basename "$plugin") ;; esac
  if [ -f "$host" ] && cmp -s "$stage/$file" "$host"; then
    rm "$stage/$file"
  fi
done
find "$stage/plugins" -type d -empty -delete

cp "$root/README.md" "$root/packaging/THIRD-PARTY-NOTICES.md" "$root/packaging/install.sh" "$stage/"
mkdir -p "$out"
tar -C "$work" -czf "$out/$name.tar.gz.partial" "$name"
mv "$out/$name.tar.gz.partial" "$out/$name.tar.gz"
echo "release: $out/$name.tar.gz ($(du -sh "$out/$name.tar.gz" | cut -f1) packed, $(du -sh "$stage" | cut -f1) installed)"
du -sh "$stage"/plugins/* | sed 's:^:  :'
