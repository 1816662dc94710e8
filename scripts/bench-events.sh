#!/usr/bin/env bash
# Benchmark of the agenda with 10,000 events (issue #7): the public agenda JSON (a month) and the ICS feed, with
# wrk on loopback against `stadshart serve` and, in the same run, nginx serving a static copy of exactly the
# same bodies. Also the time of the first (uncached) answer. Prints Markdown for docs/performance.md.
#
# Usage: scripts/bench-events.sh [path/to/stadshart]   (env: DURATION=10s CONNECTIONS=64 THREADS=2 EVENTS=10000)
set -euo pipefail
BIN=${1:-build/stadshart}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
EVENTS=${EVENTS:-10000}
command -v wrk >/dev/null || { echo "wrk ontbreekt: STADSHART_BENCH=1 scripts/install-deps.sh" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 ontbreekt" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "nginx ontbreekt: STADSHART_BENCH=1 scripts/install-deps.sh" >&2; exit 1; }

work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

"$BIN" seed --demo --db "$work/bench.db" >/dev/null
# EVENTS approved public events from tomorrow over a year, 2-4 hours, at the six venues; one in ten a weekly
# series of ten (so the feed carries RRULEs and the API expands them).
sqlite3 "$work/bench.db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $EVENTS)
INSERT INTO events (uid, title, description, organiser, venue_id, start_utc, end_utc, rrule, category, audience,
                    expected_visitors, event_class, public, status, created_at, updated_at)
SELECT 'bench-' || i || '@bench', 'Evenement ' || i || ' (fictief)', 'Beschrijving van evenement ' || i || '.',
       'Bench (fictief)', 1 + i % 6,
       strftime('%Y-%m-%dT%H:00:00Z', 'now', '+' || (1 + i % 365) || ' days', 'start of day', '+' || (8 + i % 10) || ' hours'),
       strftime('%Y-%m-%dT%H:00:00Z', 'now', '+' || (1 + i % 365) || ' days', 'start of day', '+' || (10 + i % 10 + i % 3) || ' hours'),
       CASE WHEN i % 10 = 0 THEN 'FREQ=WEEKLY;COUNT=10' ELSE '' END,
       'overig', 'iedereen', 100, 'A', 1, 'goedgekeurd',
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM n;
SQL
app_port=$(free_port)
"$BIN" serve --db "$work/bench.db" --port "$app_port" --no-access-log >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$app_port/healthz" >/dev/null && break; sleep 0.1; done

from=$(date -u +%Y-%m-%d)
to=$(date -u -d '+31 days' +%Y-%m-%d)
paths=("/api/v1/events?from=$from&to=$to" "/agenda.ics")
files=("events.json" "agenda.ics")
mkdir -p "$work/www"
declare -A first
for k in 0 1; do
  url="http://127.0.0.1:$app_port${paths[$k]}"
  read -r status seconds < <(curl -s -o "$work/www/${files[$k]}" -w '%{http_code} %{time_total}\n' "$url")
  [ "$status" = 200 ] && [ -s "$work/www/${files[$k]}" ] || { echo "stadshart antwoordt $status op ${paths[$k]}" >&2; exit 1; }
  first[$k]=$seconds
done

nginx_port=$(free_port)
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
daemon on;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$nginx_port; root $work/www; default_type application/octet-stream; }
}
CONF
mkdir -p "$work/tmp"
"$NGINX" -c "$work/nginx.conf" -p "$work" 2>/dev/null || "$NGINX" -c "$work/nginx.conf" -p "$work" -e "$work/nginx-error.log"
sleep 0.3
for k in 0 1; do
  curl -sf "http://127.0.0.1:$nginx_port/${files[$k]}" | cmp -s - "$work/www/${files[$k]}" ||
    { echo "nginx geeft niet dezelfde body voor ${files[$k]}" >&2; exit 1; }
done

run() {
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1")
  if grep -q "Non-2xx" <<<"$out"; then echo "niet alleen 200-antwoorden van $1:" >&2; echo "$out" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1=="50%" {print $2}' <<<"$out") $(awk '$1=="99%" {print $2}' <<<"$out")"
}

echo "| target | body bytes | first answer (uncached) | server | requests/s | p50 | p99 |"
echo "|---|---:|---:|---|---:|---:|---:|"
for k in 0 1; do
  bytes=$(wc -c <"$work/www/${files[$k]}")
  read -r s_rps s_p50 s_p99 <<<"$(run "http://127.0.0.1:$app_port${paths[$k]}")"
  read -r n_rps n_p50 n_p99 <<<"$(run "http://127.0.0.1:$nginx_port/${files[$k]}")"
  label=${paths[$k]//$from/FROM}
  label=${label//$to/TO}
  echo "| \`GET $label\` | $bytes | ${first[$k]} s | stadshart | $s_rps | $s_p50 | $s_p99 |"
  echo "| | | | nginx (static copy) | $n_rps | $n_p50 | $n_p99 |"
  echo "| | | | ratio stadshart / nginx | $(python3 -c "print(f'{$s_rps/$n_rps:.2f}')") | | |"
done
echo
echo "$EVENTS events (one in ten weekly, ten times); wrk -t$THREADS -c$CONNECTIONS -d$DURATION on 127.0.0.1; $(nproc) cores; $(date -u +%Y-%m-%d)"
