#!/usr/bin/env bash
# Lays out the ImageJ/Fiji drop-in from the built layout (artifacts/dislocate, made by ./run.sh or dotnet build):
#   OUT/plugins/Dislocate_.jar   the pure-Java plugin (menus, dialogs, recorder strings; starts the worker)
#   OUT/dislocate/               the runtime it starts as 'dislocate serve' (CLI, plugins, default model)
# A user copies both into Fiji.app (or an ImageJ folder): cp -r OUT/* ~/Fiji.app/. The same two folders are what a Fiji
# update site would serve (README, "A Fiji update site").
# Usage: packaging/dropin.sh OUT [--tar]   (--tar also writes OUT.tar.gz)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: dropin.sh OUT [--tar]}
layout=${DISLOCATE_LAYOUT:-$root/artifacts/dislocate}
[ -f "$layout/ij/Dislocate_.jar" ] || { echo "dropin.sh: $layout/ij/Dislocate_.jar not found; build first (./run.sh or dotnet build host/Cli -c Release)" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out/plugins"
cp "$layout/ij/Dislocate_.jar" "$out/plugins/"
# The runtime without the in-process bridge jar (the drop-in carries its own) and without debug symbols. It keeps
# ij/Dislocate_TEM_Opener.jar, for a plain ImageJ only (Fiji has its own HandleExtraFileTypes): copied into plugins/,
# File › Open reads .dm3/.dm4/.ser.
cp -a "$layout" "$out/dislocate"
find "$out/dislocate/ij" -type f ! -name Dislocate_TEM_Opener.jar -delete
find "$out/dislocate" -name '*.pdb' -delete
echo "drop-in: $out ($(du -sh "$out" | cut -f1)); install: cp -r $out/* /path/to/Fiji.app/"
if [ "${2:-}" = "--tar" ]; then
  tar -C "$(dirname "$out")" -czf "$out.tar.gz" "$(basename "$out")"
  echo "archive: $out.tar.gz ($(du -sh "$out.tar.gz" | cut -f1))"
fi
