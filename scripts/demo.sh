#!/usr/bin/env bash
# The README's demo command: installs what is missing, builds, runs `hlcopy demo`
# in a fresh working directory.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh >&2
scripts/build.sh default --target hlcopy >&2
workdir="$(mktemp -d)"
cd "$workdir"
exec "$OLDPWD/build/apps/hlcopy/hlcopy" demo "$@"
