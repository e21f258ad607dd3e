#!/usr/bin/env bash
# Prepares a fresh machine: checks the .NET SDK, installs the Debian packages the project lists, restores NuGet packages.
# Safe to run again; it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK 10 is required (dotnet not on PATH); install it from your distribution or Microsoft's packages." >&2
  exit 1
fi
major=$(dotnet --version | cut -d. -f1)
if [ "$major" -lt 10 ]; then
  echo "setup: .NET SDK 10 or newer is required, found $(dotnet --version)." >&2
  exit 1
fi

# Debian packages the project needs, one per line in packaging/apt-packages.txt (comments with #).
want=$(grep -vE '^\s*(#|$)' packaging/apt-packages.txt || true)
missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq $missing; else sudo apt-get update -qq && sudo apt-get install -y -qq $missing; fi
fi

dotnet restore Plugins.sln --verbosity quiet
