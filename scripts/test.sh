#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, runs every
# test (labels unit, actor, scenario, sim, conformance), then the unit and
# actor layers again under AddressSanitizer + UndefinedBehaviorSanitizer.
# HLC_ASAN=0 skips the sanitizer pass.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/build.sh default
ctest --preset default
if [ "${HLC_ASAN:-1}" != 0 ]; then
  scripts/build.sh asan --target test_messages test_logic test_config \
    test_persistence test_adapters test_actors
  ctest --preset asan -L 'unit|actor'
fi
