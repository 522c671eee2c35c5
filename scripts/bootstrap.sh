#!/usr/bin/env bash
# Installs what hlcopy needs to build and test on Debian 12, as root.
# Quick when everything is present: it only asks dpkg, and calls apt-get
# only for what is missing.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  libcaf-dev libboost-dev libboost-system-dev libssl-dev ca-certificates
  rapidjson-dev libsoci-dev libsqlite3-dev sqlite3
  libspdlog-dev catch2
  clang-14 libclang-rt-14-dev python3
  nodejs npm
  openssl curl
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    # nodejs/npm may come from outside Debian; a working binary is enough.
    case "$p" in
      nodejs) command -v node >/dev/null 2>&1 && continue ;;
      npm) command -v npm >/dev/null 2>&1 && continue ;;
    esac
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "bootstrap: all packages present"
fi

# SIM-5 conformance clients: exact versions from tests/conformance/package-lock.json,
# no install scripts; reinstalled only when the lock file changed.
conf_dir="$(cd "$(dirname "$0")/.." && pwd)/tests/conformance"
if [ ! -f "$conf_dir/node_modules/.package-lock.json" ] ||
   [ "$conf_dir/package-lock.json" -nt "$conf_dir/node_modules/.package-lock.json" ]; then
  echo "bootstrap: npm ci in tests/conformance"
  npm ci --prefix "$conf_dir" --ignore-scripts --no-audit --no-fund
fi
