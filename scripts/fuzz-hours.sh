#!/usr/bin/env bash
# Fuzzes the opening-hours parser with libFuzzer for a bounded time (default 20 s; FUZZ_SECONDS to change):
# builds src/hours/fuzz/parse_fuzz.cc with the hours library under clang's -fsanitize=fuzzer,address,undefined
# into build-fuzz/, seeds the corpus with the conformance expressions (where ../shared is present) and a few
# built-in ones, and runs. Exit 0 when nothing was found; otherwise libFuzzer's exit code and a crash-* file in
# build-fuzz/ to turn into a case of src/hours/parse_fuzz_regressions_test.cc. Skipped (exit 0, with a message)
# when clang++ is not installed (STADSHART_FUZZ=1 scripts/install-deps.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-20}"
clang="$(command -v clang++ || true)"
if [ -z "$clang" ]; then
  echo "fuzz-hours: clang++ not found; skipped (install with STADSHART_FUZZ=1 scripts/install-deps.sh)"
  exit 0
fi
out=build-fuzz
mkdir -p "$out/corpus"
sources=$(ls src/hours/*.cc | grep -v -E '_(test|bench)\.cc$')
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Isrc)
if [ ! -x "$out/parse_fuzz" ] || [ -n "$(find src/hours -name '*.cc' -newer "$out/parse_fuzz" -o -name '*.h' -newer "$out/parse_fuzz" | head -1)" ]; then
  echo "fuzz-hours: building $out/parse_fuzz with $clang"
  "$clang" "${flags[@]}" src/hours/fuzz/parse_fuzz.cc $sources -ldate-tz -o "$out/parse_fuzz"
fi
# Seeds: typical shop hours and every conformance expression (one file each).
i=0
for seed in 'Mo-Fr 09:00-18:00; Sa 10:00-17:00; Su,PH off' 'ma-vr 9:00-18:00' 'Mar Su[-1]-Oct Su[-1] sunrise-sunset' \
    'Mo-Fr 08:00-12:00,13:00-17:30 || "op afspraak"' 'week 01-53/2 Fr 17:00+' '2025 Dec 24 10:00-16:00; easter -2 days off'; do
  printf '%s' "$seed" > "$out/corpus/seed-$i"; i=$((i + 1))
done
cases=../shared/conformance/opening_hours/cases.json
if [ -f "$cases" ] && command -v node >/dev/null; then
  node -e '
    const fs = require("fs");
    const cases = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).cases;
    cases.forEach((c, i) => { if (typeof c.expression === "string") fs.writeFileSync(`${process.argv[2]}/case-${i}`, c.expression); });
  ' "$cases" "$out/corpus"
fi
echo "fuzz-hours: running for ${seconds}s"
"$out/parse_fuzz" -max_total_time="$seconds" -max_len=512 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$out/" -print_final_stats=1 "$out/corpus" 2>&1 | tail -25
exit "${PIPESTATUS[0]}"
