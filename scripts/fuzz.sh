#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang-14, ASan + UBSan) and runs each
# for the given seconds; prints executions and crashes per target and exits
# non-zero when any target crashed. docs/fuzzing.md.
#
#   scripts/fuzz.sh [seconds-per-target] [target...]   (default: 60, all)
#   HLC_FUZZ_RUNS=10000000 scripts/fuzz.sh 3600        (stop at N executions)
#   HLC_FUZZ_MAX_LEN=2048 …                            (input size cap, 8192)
#
# Working corpora persist in build-fuzz/corpus/work/<target>; findings go to
# build-fuzz/crashes/<target>/ (replay one: build-fuzz/bin/<target> <file>).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
build=build-fuzz
all=(json_input hl_parse_fills hl_ws_frames hl_info bn_exchange_info bn_orders
     bn_user_stream bn_market config_loader market_files)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")

if [ ! -f "$build/CMakeCache.txt" ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  CC=clang-14 CXX=clang++-14 cmake -S fuzz -B "$build" -G Ninja \
    "${launcher[@]}" >/dev/null
fi
cmake --build "$build" -j "${HLC_FUZZ_JOBS:-2}" -- --quiet \
  $(printf 'fuzz_%s ' "${targets[@]}")
python3 fuzz/make_corpus.py . "$build/corpus" "${targets[@]}" >/dev/null

runs=()
[ -n "${HLC_FUZZ_RUNS:-}" ] && runs=(-runs="$HLC_FUZZ_RUNS")
failed=0
printf '%-18s %14s %8s %10s %8s\n' target executions seconds exec/s crashes
for t in "${targets[@]}"; do
  work="$build/corpus/work/$t" crashes="$build/crashes/$t" log="$build/logs/$t.log"
  mkdir -p "$work" "$crashes" "$build/logs"
  stamp="$build/logs/$t.start"
  touch "$stamp"
  start=$(date +%s.%N)
  rc=0
  "$build/bin/$t" -max_total_time="$seconds" "${runs[@]}" -max_len="${HLC_FUZZ_MAX_LEN:-8192}" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="$build/corpus/$t.dict" -artifact_prefix="$crashes/" \
    "$work" "$build/corpus/seeds/$t" >"$log" 2>&1 || rc=$?
  elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
  execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -1)
  found=$(find "$crashes" -maxdepth 1 -type f -newer "$stamp" | wc -l)
  if [ "$rc" -ne 0 ] && [ "$found" -eq 0 ]; then found=1; fi # died without an artifact
  printf '%-18s %14s %8.1f %10.0f %8s\n' "$t" "${execs:-?}" "$elapsed" \
    "$(awk -v n="${execs:-0}" -v s="$elapsed" 'BEGIN {print n / s}')" "$found"
  if [ "$found" -ne 0 ]; then
    failed=1
    echo "  $t: see $log and $crashes/" >&2
  fi
done
exit "$failed"
