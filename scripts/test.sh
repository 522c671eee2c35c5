#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, runs every
# test (labels unit, actor, scenario, sim, conformance), then the unit and
# actor layers and a sample of the kill -9 loop again under AddressSanitizer +
# UndefinedBehaviorSanitizer,
# then a short libFuzzer smoke of every parser (docs/fuzzing.md).
# HLC_ASAN=0 skips the sanitizer pass, HLC_FUZZ=0 the fuzz smoke.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each phase prints its duration: CI has a 30-minute budget.
phase() { echo "== test.sh: $1 done at ${SECONDS}s"; }
scripts/bootstrap.sh
phase bootstrap
scripts/build.sh default
phase "default build"
ctest --preset default
phase "default tests"
if [ "${HLC_ASAN:-1}" != 0 ]; then
  scripts/build.sh asan --target test_messages test_logic test_config \
    test_persistence test_adapters test_ingest test_actors hlcopy \
    test_crash_loop
  # unit + actor layers, and a sample of the kill -9 loop (every 8th pass of
  # every crash point) against the sanitized hlcopy.
  ctest --preset asan -L 'unit|actor|scenario-asan'
  phase "ASan build and tests"
fi
if [ "${HLC_FUZZ:-1}" != 0 ]; then
  # 3 s per target, ~35 s in all once build-fuzz/ is built; the first build
  # of the fuzz libraries takes a few minutes more.
  scripts/fuzz.sh "${HLC_FUZZ_SMOKE_SECONDS:-3}"
  phase "fuzz smoke"
fi
