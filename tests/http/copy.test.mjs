// `stadshart copy` end to end: the Assen demo seeded into SQLite, copied into a new PostgreSQL database, and both
// served side by side; the public pages and the API must answer the same from either. Only in make test's
// PostgreSQL run (STADSHART_TEST_BACKEND=postgresql under scripts/with-postgres.sh).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ON_POSTGRES, StadshartServer, newPostgresDatabase, dropPostgresDatabase } from '../support/server.mjs';

const BIN = process.env.STADSHART_BIN ?? new URL('../../build/stadshart', import.meta.url).pathname;

// Pages whose answer depends only on the data and the URL (no "today", no per-request token).
const PAGES = [
  '/werkplan',
  '/werkplan/2019',
  '/werkplan/2019/export.csv',
  '/leegstand?datum=2018-01-01',
  '/panden?q=Kruisstraat',
  '/monitor',
  '/agenda/maand?maand=2026-12',
  '/api/v1/plans/2019',
  '/api/v1/units',
  '/api/v1/businesses',
  '/api/v1/vacancy/trend?from=2016-01-01&to=2019-12-31',
  '/api/v1/kpis',
  '/api/v1/events?from=2026-01-01&to=2027-12-31',
  '/api/v1/venues',
];

test('a copy into PostgreSQL serves the same pages as the SQLite original', { skip: !ON_POSTGRES && 'needs STADSHART_TEST_BACKEND=postgresql (make test)' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stadshart-copy-'));
  const original = new StadshartServer({ dir, db: join(dir, 'original.db') }).seed();
  const target = newPostgresDatabase();
  const copy = new StadshartServer({ dir, db: target });
  after(async () => {
    await original.cleanup();
    await copy.cleanup();
    dropPostgresDatabase(target);
    rmSync(dir, { recursive: true, force: true });
  });

  const out = execFileSync(BIN, ['copy', '--from', `sqlite:${original.db}`, '--to', target], { stdio: 'pipe' }).toString();
  assert.match(out, /^units: 551 rijen, controlesom [0-9a-f]{16}…$/m);
  assert.match(out, /aantallen en controlesommen \(BLAKE2b\) van bron en doel zijn gelijk/);

  // A second copy into the filled target is refused and says why.
  let refused;
  try {
    execFileSync(BIN, ['copy', '--from', original.db, '--to', target], { stdio: 'pipe' });
  } catch (e) {
    refused = e;
  }
  assert.equal(refused?.status, 1);
  assert.match(refused.stderr.toString(), /bevat al eigen gegevens: .*\(\d+ rijen\).*er is niets gekopieerd/);

  await original.start();
  await copy.start();
  for (const page of PAGES) {
    const [a, b] = await Promise.all([fetch(original.url + page), fetch(copy.url + page)]);
    assert.equal(a.status, 200, page);
    assert.equal(b.status, 200, page);
    assert.equal(await b.text(), await a.text(), `${page} differs between SQLite and its copy`);
  }

  // The demo beheerder's login and a new row work on the copy (the identities were moved past the copied ids).
  const session = await copy.login(original.admin);
  assert.ok(session.startsWith('stadshart_session='));
  const token = copy.createToken(original.admin);
  const res = await fetch(`${copy.url}/api/v1/businesses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Na de kopie',
      kvk: '87654321',
      vestiging: '000087654321',
      function: 'dagelijks',
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const created = await res.json();
  const max = Math.max(...(await (await fetch(`${original.url}/api/v1/businesses`)).json()).businesses.map((b) => b.id));
  assert.equal(created.id, max + 1);
});
