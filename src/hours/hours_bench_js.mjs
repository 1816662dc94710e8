// The opening_hours.js side of hours_bench.cc (docs/performance.md, "Opening hours engine"): the same operations on
// the same expressions. Run in a temporary directory outside the repository:
//   npm install opening_hours@3.15.0 && TZ=Europe/Amsterdam node hours_bench_js.mjs
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const OpeningHours = require('opening_hours');

const shops = [
  'Mo-Fr 09:00-18:00; Sa 10:00-17:00; Su,PH off',
  'Mo-Sa 10:00-18:00; Th 10:00-21:00; PH off',
  'Mo-Fr 08:00-12:30,13:30-17:30; Sa 08:00-12:00',
  'Mo-Th 11:00-23:00; Fr-Sa 11:00-02:00; Su 12:00-23:00',
  'Mo-Fr 10:00-18:00; Sa 10:00-17:00; Su 12:00-17:00 "koopzondag"; PH off',
];
const nominatim = { lat: 52.0907, lon: 5.1214, address: { country_code: 'nl', state: 'Utrecht' } };
const weekStart = new Date('2025-06-02T00:00:00+02:00');
const weekEnd = new Date('2025-06-09T00:00:00+02:00');
const instants = [];
for (let t = weekStart.getTime(); t < weekEnd.getTime(); t += 104 * 60000) instants.push(new Date(t));

// Microseconds per call: warm-up, then repeated for `seconds`, best of three runs.
function measure(fn, seconds = 0.7) {
  for (let i = 0; i < 200; i++) fn(i);
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < seconds * 1e9) {
      for (let i = 0; i < 50; i++) fn(n++);
      elapsed = Number(process.hrtime.bigint() - start);
    }
    best = Math.min(best, elapsed / n / 1000);
  }
  return best;
}

function shopExpression(k) {
  const a = String(7 + (k % 4)).padStart(2, '0');
  const b = String(17 + (k % 5)).padStart(2, '0');
  const a1 = String(7 + (k % 4) + 1).padStart(2, '0');
  switch (k % 5) {
    case 0: return `Mo-Fr ${a}:00-${b}:00; Sa ${a1}:00-17:00; Su,PH off`;
    case 1: return `Mo-Sa ${a}:30-${b}:00; Th ${a}:30-21:00; PH off`;
    case 2: return `Mo-Fr ${a}:00-12:30,13:30-${b}:30; Sa ${a}:00-12:00`;
    case 3: return `Mo-Th 11:00-23:00; Fr-Sa 11:00-02:00; Su 12:00-${b}:00`;
    default: return `Tu-Sa ${a}:00-${b}:00; Su 12:00-17:00 "koopzondag"; Mo off; PH off`;
  }
}

for (const expression of shops) {
  const oh = new OpeningHours(expression, nominatim);
  const parse = measure(() => new OpeningHours(expression, nominatim));
  const state = measure((i) => oh.getState(instants[i % instants.length]));
  const week = measure(() => oh.getOpenIntervals(weekStart, weekEnd));
  console.log(`${expression}\n  parse ${parse.toFixed(1)} µs  state ${state.toFixed(2)} µs  week ${week.toFixed(1)} µs`);
}

const heat = [];
for (let k = 0; k < 1000; k++) heat.push(new OpeningHours(shopExpression(k), nominatim));
let share;
const heatmap = measure(() => {
  const open = new Float64Array(168);
  for (const oh of heat) {
    for (const [from, to, unknown] of oh.getOpenIntervals(weekStart, weekEnd)) {
      if (unknown) continue;
      const a = (from - weekStart) / 1000;
      const b = (to - weekStart) / 1000;
      for (let h = Math.floor(a / 3600); h * 3600 < b && h < 168; h++) {
        open[h] += Math.min(b, (h + 1) * 3600) - Math.max(a, h * 3600);
      }
    }
  }
  share = Array.from(open, (s) => s / (1000 * 3600));
}, 3);
console.log(`heatmap 1000 shops ${(heatmap / 1000).toFixed(1)} ms (Wednesday 12:00 share ${share[2 * 24 + 12].toFixed(2)})`);
