#!/usr/bin/env bash
# Installs what Stadshart needs to build, run and test, from Debian 12 packages and the npm lockfile.
# Idempotent and quick when everything is there: it only calls apt-get for packages that are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config ccache
  libboost-dev libsqlite3-dev nlohmann-json3-dev libical-dev libhowardhinnant-date-dev tzdata
  libsodium-dev libkainjow-mustache-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev libpq-dev postgresql-15
  nodejs npm chromium sqlite3 python3-icalendar
)
[ "${STADSHART_BENCH:-0}" = 1 ] && packages+=(wrk nginx-light)
# clang only for scripts/fuzz-hours.sh (libFuzzer), which `make test` runs for a bounded time.
[ "${STADSHART_FUZZ:-0}" = 1 ] || [ "${STADSHART_TEST:-0}" = 1 ] && packages+=(clang)
# nginx for tests/http/nginx.test.mjs (deploy/nginx/stadshart.conf in front of two instances), in make test's
# PostgreSQL pass; the test runs its own nginx on a free port (where systemd runs, Debian also starts its default
# site on port 80: `systemctl disable --now nginx` if that is unwanted).
[ "${STADSHART_TEST:-0}" = 1 ] && packages+=(nginx-light)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done

# node and npm may come from elsewhere than Debian (e.g. a newer Node.js); accept them if they work.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [ "$p" = nodejs ] || [ "$p" = npm ] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installeren uit Debian: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Niet als root en geen sudo: installeer zelf: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci only when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
