#!/usr/bin/env bash
# Configures and builds one preset (default: "default"), optionally a target.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-default}"
shift || true
# ccache, when installed, makes rebuilds cheap; it is optional.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
[ -f "build$([ "$preset" = default ] || echo "-$preset")/CMakeCache.txt" ] ||
  cmake --preset "$preset" "${launcher[@]}" >/dev/null
cmake --build --preset "$preset" "$@"
