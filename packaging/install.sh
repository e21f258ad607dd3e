#!/usr/bin/env bash
# Installs Dislocate from its release archive, in one command:
#   ./install.sh                          from the unpacked archive (this script sits at its root)
#   packaging/install.sh dislocate-0.1.0-linux-x64.tar.gz
# Options: --prefix DIR (default ~/.local): the release goes to DIR/lib/dislocate-<version>, DIR/bin/dislocate links to it;
#          --fiji DIR: also drop Dislocate into that Fiji.app (or ImageJ) folder: plugins/Dislocate_.jar, and
#          DIR/dislocate linking to the installed runtime, where the drop-in looks for it; into a plain ImageJ (no
#          HandleExtraFileTypes of its own, unlike Fiji) also plugins/Dislocate_TEM_Opener.jar, so File › Open reads
#          .dm3/.dm4/.ser.
# Nothing else is needed: the .NET runtime, libtorch and ONNX Runtime are inside. 'dislocate doctor' checks the rest.
set -euo pipefail
prefix=$HOME/.local
fiji=""
source=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --fiji) fiji=${2:?--fiji needs a Fiji.app folder}; shift 2 ;;
    --fiji=*) fiji=${1#--fiji=}; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    -*) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) source=$1; shift ;;
  esac
done

work=""
trap '[ -z "$work" ] || rm -rf "$work"' EXIT
if [ -z "$source" ]; then
  source=$(cd "$(dirname "$0")" && pwd)
elif [ -f "$source" ]; then
  work=$(mktemp -d)
  tar -C "$work" -xzf "$source" || { echo "install.sh: $source is not a readable .tar.gz release archive" >&2; exit 1; }
  source=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)
fi
[ -x "$source/dislocate" ] && [ -d "$source/plugins" ] || { echo "install.sh: $source holds no Dislocate release (no dislocate program and plugins/ folder)" >&2; exit 1; }

name=$(basename "$source")
case "$name" in dislocate-*) ;; *) name=dislocate-$("$source/dislocate" --version | head -1 | cut -d' ' -f2 | cut -d+ -f1) ;; esac
mkdir -p "$prefix/lib" "$prefix/bin"
target=$prefix/lib/$name
# Unpack beside, then swap in whole, so a failed copy never leaves a half-installed version.
rm -rf "$target.partial"
cp -a "$source" "$target.partial"
rm -rf "$target"
mv "$target.partial" "$target"
ln -sfn "$target/dislocate" "$prefix/bin/dislocate"
echo "installed $name in $target; $prefix/bin/dislocate links to it"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: $prefix/bin is not on your PATH; add it: export PATH=\"$prefix/bin:\$PATH\"" ;; esac

if [ -n "$fiji" ]; then
  [ -d "$fiji/plugins" ] || { echo "install.sh: $fiji has no plugins/ folder; is it a Fiji.app or ImageJ folder?" >&2; exit 1; }
  cp "$target/ij/Dislocate_.jar" "$fiji/plugins/Dislocate_.jar"
  ln -sfn "$target" "$fiji/dislocate"
  echo "dropped into $fiji: plugins/Dislocate_.jar (Plugins › Dislocations after a restart), runtime at $fiji/dislocate"
  # ImageJ asks the one class named HandleExtraFileTypes to open files it cannot read; Fiji has its own.
  rm -f "$fiji/plugins/Dislocate_TEM_Opener.jar"
  if grep -rlqa --include='*.jar' 'HandleExtraFileTypes.class' "$fiji/plugins" "$fiji/jars" 2>/dev/null; then
    echo "  .dm3/.dm4/.ser: File › Import › TEM File (DM3, DM4, SER)... (this ImageJ opens other files with its own HandleExtraFileTypes)"
  else
    cp "$target/ij/Dislocate_TEM_Opener.jar" "$fiji/plugins/Dislocate_TEM_Opener.jar"
    echo "  .dm3/.dm4/.ser: File › Open and drag and drop (plugins/Dislocate_TEM_Opener.jar), or File › Import › TEM File"
  fi
fi
"$target/dislocate" --version >/dev/null || { echo "install.sh: the installed dislocate does not start; run $target/dislocate doctor" >&2; exit 1; }
