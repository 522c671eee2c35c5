#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, runs every test.
# HLC_ASAN=0 skips the sanitizer pass (it runs the unit and actor layers).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/build.sh default
ctest --preset default
if [ "${HLC_ASAN:-1}" != 0 ]; then
  scripts/build.sh asan
  ctest --preset asan -L 'unit|actor'
fi
