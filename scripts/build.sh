#!/usr/bin/env bash
# Configures and builds one preset (default: "default"), optionally a target.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-default}"
shift || true
[ -f "build$([ "$preset" = default ] || echo "-$preset")/CMakeCache.txt" ] || cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" "$@"
