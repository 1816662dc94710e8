// Differential test of the opening-hours engine against npm opening_hours (the reference implementation, a
// test-time dependency only): generated expressions without PH, SH or sun times, evaluated by
// `stadshart hours intervals --batch` and by opening_hours.js over the same ranges in Europe/Amsterdam; the open
// and unknown intervals (from, to, unknown, comment) must be equal. The generator is seeded, so a failure names
// an expression that can be replayed; STADSHART_DIFF_SEED and STADSHART_DIFF_COUNT change seed and count.
process.env.TZ = 'Europe/Amsterdam'; // opening_hours.js evaluates in the process's local time
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const OpeningHours = require('opening_hours');
const bin = process.env.STADSHART_BIN ?? new URL('../../build/stadshart', import.meta.url).pathname;
const seed = Number(process.env.STADSHART_DIFF_SEED ?? 20251128);
const count = Number(process.env.STADSHART_DIFF_COUNT ?? 600);

// Small deterministic PRNG (mulberry32).
function random(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const days = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n) => String(n).padStart(2, '0');

// `full` also generates what does not agree yet (docs/opening_hours.md): open ends, "||" and 24/7 among other rules.
function generator(rand, full) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (list) => list[int(0, list.length - 1)];
  const clock = (lo, hi) => {
    const m = int(lo * 4, hi * 4) * 15;
    return `${two(Math.floor(m / 60))}:${two(m % 60)}`;
  };
  const weekday = () => {
    const r = rand();
    if (r < 0.45) {
      const a = int(0, 6);
      const b = int(0, 6);
      return a === b ? days[a] : `${days[a]}-${days[b]}`;
    }
    if (r < 0.8) return [...new Set([int(0, 6), int(0, 6)])].sort().map((i) => days[i]).join(',');
    return `${pick(days)}[${pick(['1', '2', '-1', '1,3'])}]`;
  };
  const timeSpan = () => {
    const r = rand();
    if (r < 0.55) {
      const from = int(5 * 4, 20 * 4) * 15;
      const to = Math.min(from + int(4, 48) * 15, 24 * 60);
      return `${two(Math.floor(from / 60))}:${two(from % 60)}-${two(Math.floor(to / 60))}:${two(to % 60)}`;
    }
    if (r < 0.7) return `${clock(18, 23)}-${clock(0, 4)}`; // past midnight
    if (r < 0.8) return `${clock(17, 22)}-${two(int(25, 28))}:00`; // written past 24:00
    if (r < 0.9 && full) return `${clock(6, 20)}+`; // open end
    return `${clock(7, 11)}-${clock(12, 13)},${clock(13, 14)}-${clock(15, 21)}`;
  };
  const dateSelector = () => {
    const r = rand();
    if (r < 0.35) {
      const a = int(0, 11);
      const b = int(0, 11);
      return a === b ? months[a] : `${months[a]}-${months[b]}`;
    }
    if (r < 0.6) {
      // Months differ: opening_hours.js reads a range that ends the day before it starts ("Feb 23-Feb 22") as
      // empty, we as the whole year (docs/opening_hours.md).
      const a = int(0, 11);
      const b = (a + int(1, 11)) % 12;
      return `${months[a]} ${two(int(1, 28))}-${months[b]} ${two(int(1, 28))}`;
    }
    if (r < 0.8) return `week ${two(int(1, 30))}-${two(int(31, 53))}${rand() < 0.5 ? '/2' : ''}`;
    return `${int(2024, 2026)} ${pick(months)}`;
  };
  const rule = () => {
    if (rand() < 0.05 && full) return '24/7';
    const parts = [];
    if (rand() < 0.3) parts.push(dateSelector());
    if (rand() < 0.85 || !full) parts.push(weekday()); // rules without a weekday: see the full profile
    const r = rand();
    if (r < 0.75) parts.push(timeSpan());
    if (rand() < 0.12) parts.push(pick(['off', 'closed', 'unknown']));
    if (rand() < 0.1) parts.push(pick(['"op afspraak"', '"koopavond"', '"Zomer"']));
    if (parts.length === 0 || (!full && parts.length === 1 && rand() < 0.5)) parts.push(timeSpan());
    return parts.join(' ');
  };
  return () => {
    let text = rule();
    const n = int(0, 3);
    for (let i = 0; i < n; i++) text += pick(full ? ['; ', '; ', '; ', ', ', ' || '] : ['; ', '; ', '; ', ', ']) + rule();
    return text;
  };
}

function ranges(rand, full) {
  // A few weeks somewhere in 2024-2026, sometimes across the autumn daylight-saving change. Windows with a spring
  // change (2024-03-31, 2025-03-30) only in the full profile: there opening_hours.js cuts or shifts the part after
  // midnight of a range from the day before (docs/opening_hours.md).
  const starts = ['2024-10-21', '2025-06-02', '2025-10-20', '2025-12-22', '2026-02-23'];
  if (full) starts.push('2024-03-25', '2025-03-24');
  const start = starts[Math.floor(rand() * starts.length)];
  const from = new Date(`${start}T00:00:00`);
  const to = new Date(from.getTime() + (7 + Math.floor(rand() * 21)) * 86400000);
  return { from, to };
}

const iso = (d) => {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const local = new Date(d.getTime() + offset * 60000).toISOString().slice(0, 19);
  return `${local}${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
};

function reference(expression, from, to) {
  let oh;
  try {
    oh = new OpeningHours(expression, null, { warnings_severity: 0 });
  } catch {
    return { error: true };
  }
  return {
    intervals: oh.getOpenIntervals(from, to).map(([a, b, unknown, comment]) => ({
      from: a.getTime(),
      to: b.getTime(),
      unknown: Boolean(unknown),
      comment: comment ?? null,
    })),
  };
}

test('intervals agree with opening_hours.js on generated expressions without PH, SH or sun times', () => {
  const rand = random(seed);
  const full = process.env.STADSHART_DIFF_FULL === '1';
  const next = generator(rand, full);
  const cases = [];
  for (let i = 0; i < count; i++) cases.push({ expression: next(), ...ranges(rand, full) });
  const input = cases.map((c) => JSON.stringify({ expression: c.expression, from: iso(c.from), to: iso(c.to) })).join('\n');
  const run = spawnSync(bin, ['hours', 'intervals', '--batch', '--tz', 'Europe/Amsterdam'], {
    input: input + '\n',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines.length, cases.length);

  const differences = [];
  let evaluated = 0;
  cases.forEach((c, i) => {
    const ours = JSON.parse(lines[i]);
    const theirs = reference(c.expression, c.from, c.to);
    if (ours.error || theirs.error) {
      if (!(ours.error && theirs.error)) {
        differences.push(`${c.expression}: ${ours.error ? `refused (${ours.error.message})` : 'accepted'} by us, ` +
          `${theirs.error ? 'refused' : 'accepted'} by opening_hours.js`);
      }
      return;
    }
    evaluated++;
    const got = ours.intervals.map((x) => ({ from: Date.parse(x.from), to: Date.parse(x.to), unknown: x.unknown, comment: x.comment }));
    try {
      assert.deepEqual(got, theirs.intervals);
    } catch {
      const show = (list) => list.slice(0, 3).map((x) => `${iso(new Date(x.from))}..${iso(new Date(x.to))}${x.unknown ? ' unknown' : ''}${x.comment ? ` "${x.comment}"` : ''}`).join(', ');
      differences.push(`${c.expression} [${iso(c.from)} .. ${iso(c.to)}]: ours ${got.length} [${show(got)}], ` +
        `opening_hours.js ${theirs.intervals.length} [${show(theirs.intervals)}]`);
    }
  });
  assert.ok(evaluated > count * 0.8, `only ${evaluated} of ${count} expressions were evaluated by both`);
  assert.deepEqual(differences, [], `${differences.length} of ${count} differ (seed ${seed})`);
});
