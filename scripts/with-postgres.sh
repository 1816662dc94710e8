#!/usr/bin/env bash
# Runs CMD... against a throwaway PostgreSQL 15 server, then stops the server and removes it.
#
#   scripts/with-postgres.sh build/test_storage
#
# The server is a fresh cluster (initdb) in a temporary directory, listening on a free loopback port and on a unix
# socket in that directory, tuned for tests (fsync off, no WAL archiving or replication). PostgreSQL refuses to run
# as root, so as root the cluster belongs to the `postgres` system user (or `stadshart-pg`, created when neither
# exists) and its programs run through runuser; CMD itself runs as the caller. CMD sees:
#
#   STADSHART_TEST_PG      postgresql://stadshart:PASSWORD@127.0.0.1:PORT/stadshart (the role may create databases)
#   STADSHART_TEST_PG_CTL  a shell command prefix for pg_ctl on this cluster: append `stop -m fast` or `start`
#                          (tests use it to restart the server under a connection pool)
#   STADSHART_TEST_PG_DIR  the temporary directory (data/, server.log, the socket)
#
# The exit status is CMD's. Set STADSHART_PG_BIN to use PostgreSQL programs from elsewhere.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "gebruik: $0 COMMANDO [ARGUMENTEN...]" >&2
  exit 2
fi

pg_bin=${STADSHART_PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$pg_bin/initdb" ]; then
  echo "PostgreSQL 15 niet gevonden in $pg_bin: installeer postgresql-15 (scripts/install-deps.sh doet dat)" >&2
  exit 1
fi

# The unprivileged owner of the cluster, and how to run its programs.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  if id -u postgres >/dev/null 2>&1; then
    owner=postgres
  else
    owner=stadshart-pg
    id -u "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  fi
  as_owner=(runuser -u "$owner" --)
else
  owner=$(id -un)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/stadshart-pg-XXXXXX")
data="$dir/data"
log="$dir/server.log"

cleanup() {
  if [ -f "$data/postmaster.pid" ]; then
    "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
child=""
# Before CMD runs, a signal ends the script (and the trap above cleans up); while it runs, CMD gets the signal.
on_signal() { if [ -n "$child" ]; then kill -"$1" "$child" 2>/dev/null || true; else exit "$2"; fi; }
trap 'on_signal INT 130' INT
trap 'on_signal TERM 143' TERM

[ "$(id -u)" -eq 0 ] && chown "$owner" "$dir"
chmod 700 "$dir"

password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
"${as_owner[@]}" "$pg_bin/initdb" -D "$data" --username="$owner" --auth-local=trust --auth-host=scram-sha-256 \
  --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port that nothing answers on; if another process takes it before the server binds, try another.
started=0
for attempt in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 40000))
  port_in_use "$port" && continue
  # Settings in the cluster's own configuration, so that a restart through STADSHART_TEST_PG_CTL keeps them.
  cat >"$data/postgresql.auto.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
archive_mode = off
max_connections = 50
shared_buffers = 32MB
log_min_messages = warning
EOF
  if "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t 30 start >/dev/null 2>&1; then
    started=1
    break
  fi
done
if [ "$started" -ne 1 ]; then
  echo "PostgreSQL start niet; het log:" >&2
  cat "$log" >&2 || true
  exit 1
fi

psql=("${as_owner[@]}" "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U "$owner" -d postgres)
"${psql[@]}" -c "CREATE ROLE stadshart LOGIN CREATEDB PASSWORD '$password'" >/dev/null
"${psql[@]}" -c "CREATE DATABASE stadshart OWNER stadshart" >/dev/null

export STADSHART_TEST_PG="postgresql://stadshart:$password@127.0.0.1:$port/stadshart"
export STADSHART_TEST_PG_CTL="${as_owner[*]} $pg_bin/pg_ctl -D $data -l $log -w -t 30"
export STADSHART_TEST_PG_DIR="$dir"

# CMD runs in the background so that a signal to this script reaches it at once (bash would otherwise wait for CMD
# before running a trap); its standard input is this script's.
set +e
"$@" <&0 &
child=$!
wait "$child"
status=$?
while kill -0 "$child" 2>/dev/null; do
  wait "$child"
  status=$?
done
exit "$status"
