#!/usr/bin/env bash
# Makes a throw-away test CA and a server certificate signed by it, for the
# simulators' TLS mode (docs/simulators.md "TLS"). Test use only: the keys
# are unencrypted.
#
#   scripts/make_test_ca.sh OUT_DIR [HOST ...]
#
# OUT_DIR gets ca.pem (trust this in the client), ca.key, server.pem and
# server.key (give these to --tls-cert / --tls-key). The server certificate
# carries a DNS SAN for every HOST (default: api.hyperliquid.test) and the
# IP SAN 127.0.0.1. Run it twice into two directories to get an "unknown CA"
# for negative tests.
set -euo pipefail

if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
out=$1
shift
hosts=("$@")
[[ ${#hosts[@]} -eq 0 ]] && hosts=(api.hyperliquid.test)

mkdir -p "$out"
cd "$out"

san=""
for h in "${hosts[@]}"; do san+="DNS:${h},"; done
san+="IP:127.0.0.1"

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key 2>/dev/null
openssl req -x509 -new -key ca.key -sha256 -days 3650 \
  -subj "/CN=hlcopy test CA $(openssl rand -hex 4)" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out ca.pem

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server.key 2>/dev/null
openssl req -new -key server.key -subj "/CN=${hosts[0]}" -out server.csr
cat > server.ext <<EXT
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=${san}
EXT
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key \
  -set_serial "0x$(openssl rand -hex 8)" -days 825 -sha256 \
  -extfile server.ext -out server.pem 2>/dev/null
rm -f server.csr server.ext
chmod 600 ca.key server.key
echo "test CA in ${out}: ca.pem, server.pem + server.key for ${hosts[*]} and 127.0.0.1"
