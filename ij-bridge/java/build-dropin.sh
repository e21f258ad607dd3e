#!/usr/bin/env bash
# Builds the ImageJ/Fiji drop-in jar: build-dropin.sh <ij.jar> <dislocate_bridge.jar> <dislocate program> <out Dislocate_.jar>
# It is the bridge jar with a plugins.config listing every command of the plugins beside <dislocate program> (asked
# through 'dislocate serve'), so ImageJ fills Plugins > Dislocations at start-up without starting .NET. The jar's
# name has the underscore ImageJ needs to load a jar from plugins/.
set -euo pipefail
if [ $# -ne 4 ]; then
    echo "usage: $0 <ij.jar> <dislocate_bridge.jar> <dislocate program> <out Dislocate_.jar>" >&2
    exit 2
fi
ij_jar=$1
bridge_jar=$(realpath "$2")
dislocate=$3
out_jar=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/dislocate-dropin.XXXXXX")
trap 'rm -rf "$work"' EXIT
java -Djava.awt.headless=true -cp "$ij_jar:$bridge_jar" dislocate.bridge.DropIn "$dislocate" "$work/plugins.config"
mkdir -p "$work/classes"
(cd "$work/classes" && jar xf "$bridge_jar")
cp "$work/plugins.config" "$work/classes/plugins.config"
rm -rf "$work/classes/META-INF"
find "$work/classes" -exec touch -h -d '2000-01-01T00:00:00Z' {} +
(cd "$work/classes" && LC_ALL=C find . -type f | LC_ALL=C sort | sed 's|^\./||' > "$work/files.txt")
mkdir -p "$(dirname "$out_jar")"
out_abs=$(cd "$(dirname "$out_jar")" && pwd)/$(basename "$out_jar")
rm -f "$out_abs"
(cd "$work/classes" && jar cf "$out_abs" @"$work/files.txt")
echo "built $out_abs ($(grep -c Dislocate_Command "$work/plugins.config") commands)"
