#!/usr/bin/env bash
# Builds the ImageJ bridge jar: build.sh <ij.jar> <output jar, e.g. dislocate_bridge.jar>, and beside it
# Dislocate_TEM_Opener.jar: the HandleExtraFileTypes that lets a plain ImageJ 1.x open .dm3/.dm4/.ser files (tem-opener/;
# its own jar, because ImageJ allows one class of that name and Fiji has its own).
# Compiles for Java 8 (--release 8) so older Fiji/ImageJ JVMs load it.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 <path to ij.jar> <output jar path>" >&2
    exit 2
fi
ij_jar=$1
out_jar=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

for tool in javac jar; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "build.sh: '$tool' not found; install a JDK (8 or later, e.g. Debian's openjdk-17-jdk-headless)" >&2
        exit 3
    fi
done
if [ ! -f "$ij_jar" ]; then
    echo "build.sh: ImageJ jar '$ij_jar' not found (Debian: apt-get install libij-java, then /usr/share/java/ij.jar)" >&2
    exit 3
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/dislocate-bridge.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/classes"

mapfile -t sources < <(find "$here/src" -name '*.java' | LC_ALL=C sort)
if [ ${#sources[@]} -eq 0 ]; then
    echo "build.sh: no Java sources under $here/src" >&2
    exit 1
fi

if ! javac --release 8 -encoding UTF-8 -Xlint:-options -d "$work/classes" -cp "$ij_jar" "${sources[@]}"; then
    echo "build.sh: javac failed" >&2
    exit 1
fi
cp "$here/plugins.config" "$work/classes/plugins.config"

mkdir -p "$(dirname "$out_jar")"
out_abs=$(cd "$(dirname "$out_jar")" && pwd)/$(basename "$out_jar")
rm -f "$out_abs"
# Fixed timestamps and file order make the jar reproducible enough.
find "$work/classes" -exec touch -h -d '2000-01-01T00:00:00Z' {} +
(cd "$work/classes" && LC_ALL=C find . -type f | LC_ALL=C sort | sed 's|^\./||' > "$work/files.txt")
(cd "$work/classes" && jar cf "$out_abs" @"$work/files.txt")
echo "built $out_abs"

# The TEM opener: compiled against the bridge's classes, which it calls at run time (same class loader in plugins/).
mkdir -p "$work/opener"
if ! javac --release 8 -encoding UTF-8 -Xlint:-options -d "$work/opener" -cp "$ij_jar:$work/classes" "$here/tem-opener/HandleExtraFileTypes.java"; then
    echo "build.sh: javac failed (tem-opener)" >&2
    exit 1
fi
opener="$(dirname "$out_abs")/Dislocate_TEM_Opener.jar"
rm -f "$opener"
find "$work/opener" -exec touch -h -d '2000-01-01T00:00:00Z' {} +
(cd "$work/opener" && jar cf "$opener" HandleExtraFileTypes.class)
echo "built $opener"
