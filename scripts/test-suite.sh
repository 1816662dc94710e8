#!/usr/bin/env bash
# The whole test suite on one backend, with a summary line:
#
#   scripts/test-suite.sh sqlite BUILD_DIR
#   scripts/with-postgres.sh scripts/test-suite.sh postgresql BUILD_DIR
#
# sqlite: the unit tests (ctest), the HTTP tests and the browser tests, each test on its own SQLite file.
# postgresql: the same on the PostgreSQL server of scripts/with-postgres.sh (STADSHART_TEST_PG), each test on a
# database of its own, plus the PostgreSQL storage tests (test_storage run directly: one of them restarts the
# server, so it must not run beside the others).
# The summary goes to stdout and to BUILD_DIR/test-summary-BACKEND.txt. Exit status 0 only if everything passed.
set -uo pipefail

backend=${1:?sqlite of postgresql}
build=${2:?build-map}
jobs=$(nproc)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export STADSHART_BIN="$root/$build/stadshart"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

ctest_args=(--output-on-failure -j "$jobs")
if [ "$backend" = postgresql ]; then
  if [ -z "${STADSHART_TEST_PG:-}" ]; then
    echo "STADSHART_TEST_PG ontbreekt: start dit via scripts/with-postgres.sh" >&2
    exit 2
  fi
  export STADSHART_TEST_BACKEND=postgresql
  ctest_args+=(-E '^Postgres')
else
  unset STADSHART_TEST_BACKEND STADSHART_TEST_PG
fi

status=0
run() {  # NAME COMMAND...: runs it, its output to the terminal and to a log
  local name=$1
  shift
  echo "== $name ($backend)"
  "$@" 2>&1 | tee "$logs/$name" || status=1
}

run unit bash -c "cd '$build' && ctest ${ctest_args[*]@Q}"
if [ "$backend" = postgresql ]; then
  run storage "$build/test_storage" --gtest_brief=1
fi
run http node --test --test-concurrency=1 tests/http/*.test.mjs tests/hours/*.test.mjs
run browser node --test --test-concurrency=1 tests/browser/*.test.mjs

count() {  # LOG: "N passed, M failed, K skipped" from ctest, GoogleTest or node --test output
  local log=$logs/$1
  if grep -q "tests passed" "$log"; then
    local total failed skipped
    total=$(grep -oE "tests failed out of [0-9]+" "$log" | grep -oE "[0-9]+$")
    failed=$(grep -oE "[0-9]+ tests failed" "$log" | grep -oE "^[0-9]+")
    skipped=$(grep -cE "\(Skipped\)$" "$log")
    echo "$((total - failed - skipped)) passed, $failed failed, $skipped skipped"
  elif grep -q "^\[==========\]" "$log"; then
    local ran failed skipped
    ran=$(grep -oE "^\[==========\] [0-9]+ tests? from .* ran" "$log" | grep -oE "[0-9]+" | head -1)
    failed=$(grep -oE "^\[  FAILED  \] [0-9]+ tests?," "$log" | grep -oE "[0-9]+" || echo 0)
    skipped=$(grep -oE "^\[  SKIPPED \] [0-9]+ tests?," "$log" | grep -oE "[0-9]+" || echo 0)
    echo "$((ran - ${failed:-0} - ${skipped:-0})) passed, ${failed:-0} failed, ${skipped:-0} skipped"
  else
    local pass fail skip
    pass=$(grep -oE "^# pass [0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
    fail=$(grep -oE "^# fail [0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
    skip=$(grep -oE "^# skipped [0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
    echo "$pass passed, $fail failed, $skip skipped"
  fi
}

summary="$backend: unit $(count unit); "
[ "$backend" = postgresql ] && summary+="storage $(count storage); "
summary+="http $(count http); browser $(count browser)"
echo "$summary" | tee "$build/test-summary-$backend.txt"
exit $status
