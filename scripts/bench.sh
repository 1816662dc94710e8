#!/usr/bin/env bash
# HTTP benchmark: wrk on loopback against `stadshart serve` and, in the same run, nginx serving a static copy of
# exactly the same bodies. Prints a Markdown table for docs/performance.md. Not a test: nothing is asserted.
#
# Usage: scripts/bench.sh [path/to/stadshart]   (env: DURATION=10s CONNECTIONS=64 THREADS=2)
set -euo pipefail
BIN=${1:-build/stadshart}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk ontbreekt: STADSHART_BENCH=1 scripts/install-deps.sh" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "nginx ontbreekt: STADSHART_BENCH=1 scripts/install-deps.sh" >&2; exit 1; }

work=$(mktemp -d)
chmod 755 "$work"  # nginx's workers run as nobody: with mktemp's 0700 they answered 403 to every request
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

"$BIN" seed --demo --db "$work/bench.db" >/dev/null
app_port=$(free_port)
"$BIN" serve --db "$work/bench.db" --port "$app_port" --no-access-log >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$app_port/healthz" >/dev/null && break; sleep 0.1; done

mkdir -p "$work/www/api/v1/plans" "$work/www/werkplan"
for path in /api/v1/plans/2019 /werkplan/2019; do  # a 200 with a body, not a redirect to a sign-in page
  status=$(curl -s -o "$work/www$path" -w '%{http_code}' "http://127.0.0.1:$app_port$path")
  [ "$status" = 200 ] && [ -s "$work/www$path" ] || { echo "stadshart antwoordt $status op $path" >&2; exit 1; }
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
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    default_type application/octet-stream;
  }
}
CONF
mkdir -p "$work/tmp"
"$NGINX" -c "$work/nginx.conf" -p "$work" 2>/dev/null || "$NGINX" -c "$work/nginx.conf" -p "$work" -e "$work/nginx-error.log"
sleep 0.3
for path in /api/v1/plans/2019 /werkplan/2019; do  # both must answer 200 with exactly the same body
  curl -sf "http://127.0.0.1:$nginx_port$path" | cmp -s - "$work/www$path" ||
    { echo "nginx geeft niet dezelfde body voor $path" >&2; exit 1; }
done

run() {  # url -> "requests/s p50 p99"
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1")
  if grep -q "Non-2xx" <<<"$out"; then echo "niet alleen 200-antwoorden van $1:" >&2; echo "$out" >&2; exit 1; fi
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$rps $p50 $p99"
}

echo "| target | body bytes | server | requests/s | p50 | p99 |"
echo "|---|---:|---|---:|---:|---:|"
for path in /api/v1/plans/2019 /werkplan/2019; do
  bytes=$(wc -c <"$work/www$path")
  curl -sf "http://127.0.0.1:$app_port$path" >/dev/null  # warm the response cache
  s_run=$(run "http://127.0.0.1:$app_port$path")
  n_run=$(run "http://127.0.0.1:$nginx_port$path")
  read -r s_rps s_p50 s_p99 <<<"$s_run"
  read -r n_rps n_p50 n_p99 <<<"$n_run"
  echo "| \`GET $path\` | $bytes | stadshart | $s_rps | $s_p50 | $s_p99 |"
  echo "| \`GET $path\` | $bytes | nginx (static copy) | $n_rps | $n_p50 | $n_p99 |"
  ratio=$(python3 -c "print(f'{$s_rps/$n_rps:.2f}')")
  echo "| | | ratio stadshart / nginx | $ratio | | |"
done
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on 127.0.0.1; $(nproc) cores; $(date -u +%Y-%m-%d)"
