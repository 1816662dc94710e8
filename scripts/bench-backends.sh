#!/usr/bin/env bash
# The same uncached reads against Stadshart on SQLite and on PostgreSQL, in one run (issue #4): wrk on loopback,
# one backend after the other, the demo data in both. Pages that the response cache answers are left out (they do
# not touch the database); these run a handler and read the database on every request. Prints Markdown for
# docs/performance.md.
#
# Usage: scripts/with-postgres.sh scripts/bench-backends.sh [path/to/stadshart]
#        (env: DURATION=10s CONNECTIONS=16 THREADS=2 WORKERS=4)
set -euo pipefail
BIN=${1:-build/stadshart}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-4}
command -v wrk >/dev/null || { echo "wrk ontbreekt: STADSHART_BENCH=1 scripts/install-deps.sh" >&2; exit 1; }
[ -n "${STADSHART_TEST_PG:-}" ] || { echo "start dit via scripts/with-postgres.sh" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

psql "$STADSHART_TEST_PG" -qc "CREATE DATABASE bench"
pg_url=$(python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p._replace(path="/bench").geturl())' "$STADSHART_TEST_PG")
declare -A location=([sqlite]="$work/bench.db" [postgresql]="$pg_url")
declare -A port
for backend in sqlite postgresql; do
  "$BIN" seed --demo --db "${location[$backend]}" >/dev/null
  port[$backend]=$(free_port)
  "$BIN" serve --db "${location[$backend]}" --port "${port[$backend]}" --workers "$WORKERS" --no-access-log \
    >"$work/$backend.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:${port[$backend]}/healthz" >/dev/null && break; sleep 0.1; done
done

paths=("/agenda" "/agenda/1" "/agenda.rss" "/nu-open" "/api/v1/open-now" "/panden/1")
echo "| target | backend | requests/s | p50 | p99 |"
echo "|---|---|---:|---:|---:|"
for path in "${paths[@]}"; do
  for backend in sqlite postgresql; do
    url="http://127.0.0.1:${port[$backend]}$path"
    status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
    [ "$status" = 200 ] || { echo "$backend antwoordt $status op $path" >&2; exit 1; }
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    echo "| \`GET $path\` | $backend | $rps | $p50 | $p99 |"
  done
done
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on 127.0.0.1; serve --workers $WORKERS; $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"
