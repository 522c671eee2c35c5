#!/usr/bin/env bash
# hl-sim and binance-sim with --tls-cert/--tls-key: https answers with the
# test CA and the right host name, a wrong host name is refused, plain http
# still answers on the same port, SIGTERM exits 0, a bad key file exits 2.
#   apps_tls_test.sh HL_SIM BINANCE_SIM MAKE_TEST_CA
set -euo pipefail
hl_sim=$1
binance_sim=$2
make_ca=$3
dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

bash "$make_ca" "$dir/ca" api.hyperliquid.test fapi.binance.test >/dev/null

# start NAME BINARY ARGS...: runs it, sets PORT and PID from its first line.
start() {
  local fifo=$dir/$1.out
  mkfifo "$fifo"
  shift
  "$@" >"$fifo" 2>"$dir/stderr" &
  PID=$!
  pids+=("$PID")
  exec 3<"$fifo"
  local line
  read -r -t 20 line <&3 || fail "no first line from $1"
  [[ $line =~ ^listening\ on\ 127\.0\.0\.1:([0-9]+)$ ]] || fail "first line: $line"
  PORT=${BASH_REMATCH[1]}
}

stop() {
  kill -TERM "$PID"
  local rc=0
  wait "$PID" || rc=$?
  [[ $rc -eq 0 ]] || fail "exit code $rc after SIGTERM"
}

check_https() { # HOST PORT PATH [DATA] -> body
  local host=$1 port=$2 path=$3
  shift 3
  curl -sS --max-time 10 --cacert "$dir/ca/ca.pem" \
    --resolve "$host:$port:127.0.0.1" "$@" "https://$host:$port$path"
}

# hl-sim
start hl "$hl_sim" --port 0 --tls-cert "$dir/ca/server.pem" --tls-key "$dir/ca/server.key"
body=$(check_https api.hyperliquid.test "$PORT" /info -H 'Content-Type: application/json' -d '{"type":"allMids"}')
[[ $body == *'"BTC":"95000.0"'* ]] || fail "hl-sim https allMids: $body"
if check_https wrong.hyperliquid.test "$PORT" /info -d '{"type":"allMids"}' >/dev/null 2>&1; then
  fail "hl-sim: a wrong host name was accepted"
fi
plain=$(curl -sS --max-time 10 "http://127.0.0.1:$PORT/_sim/health")
[[ $plain == *'"status":"ok"'* ]] || fail "hl-sim plain health: $plain"
stop

# binance-sim
start bn "$binance_sim" --port 0 --tls-cert "$dir/ca/server.pem" --tls-key "$dir/ca/server.key"
body=$(check_https fapi.binance.test "$PORT" '/fapi/v1/premiumIndex?symbol=BTCUSDT')
[[ $body == *'"markPrice":"95000.00000000"'* ]] || fail "binance-sim https premiumIndex: $body"
stop

# A key that cannot be loaded: exit 2, the file named.
rc=0
"$hl_sim" --tls-cert "$dir/ca/server.pem" --tls-key "$dir/none.key" >/dev/null 2>"$dir/err" || rc=$?
[[ $rc -eq 2 ]] || fail "hl-sim bad key: exit $rc"
grep -q -- "--tls-key $dir/none.key" "$dir/err" || fail "hl-sim bad key message: $(cat "$dir/err")"
rc=0
"$binance_sim" --tls-cert "$dir/ca/server.pem" >/dev/null 2>"$dir/err" || rc=$?
[[ $rc -eq 2 ]] || fail "binance-sim --tls-cert alone: exit $rc"
echo "apps TLS: ok"
