#!/usr/bin/env bash
# Tries deploy/nginx/stadshart.conf for real: nginx in front of two `stadshart serve` instances on one database of a
# throwaway PostgreSQL 15 server (tests/http/nginx.test.mjs; make test runs the same in its PostgreSQL pass).
#
#   scripts/try-nginx.sh                      # with build/stadshart
#   STADSHART_BIN=build-x/stadshart scripts/try-nginx.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export STADSHART_BIN=${STADSHART_BIN:-$root/build/stadshart}
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] ||
  { echo "nginx ontbreekt: apt-get install nginx-light (STADSHART_TEST=1 scripts/install-deps.sh doet dat)" >&2; exit 1; }
exec "$root/scripts/with-postgres.sh" env STADSHART_TEST_BACKEND=postgresql \
  node --test --test-concurrency=1 tests/http/nginx.test.mjs
