// HTTP tests of the monitor API (issue #6): the akkoord KPIs, the derived vacancy KPI against the units module,
// measurements (bad input refused, corrections audited), CSV, links with actions, rights.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDemoServer } from '../support/server.mjs';

let server;
let gemeente;
before(async () => {
  server = await startDemoServer();
  server.addUser('monitor@example.org', 'gemeente');
  gemeente = server.createToken({ email: 'monitor@example.org', scope: 'write' });
});
after(async () => server?.cleanup());

const api = (path, { method = 'GET', token, body, type } = {}) =>
  fetch(server.url + path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': type ?? 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
const json = async (path, options) => {
  const res = await api(path, options);
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.json();
};

test('the five akkoord goals are KPIs with their baselines and targets, in the contract form', async () => {
  const { kpis } = await json('/api/v1/kpis');
  const byCode = Object.fromEntries(kpis.map((k) => [k.code, k]));
  assert.deepEqual(Object.keys(byCode), ['jobs', 'businesses', 'vacancy_count', 'vacancy_floor_area', 'rating', 'ranking']);
  assert.equal(byCode.jobs.baseline.value, 3800);
  assert.equal(byCode.jobs.target.value, 5000);
  assert.equal(byCode.businesses.baseline.value, 430);
  assert.equal(byCode.businesses.target.value, 500);
  assert.equal(byCode.vacancy_count.baseline.value, 21.9);
  assert.equal(byCode.vacancy_count.baseline.source.startsWith('Locatus'), true);
  assert.deepEqual(byCode.vacancy_count.target, { value: 7.8, year: 2030, comparator: 'below' });
  assert.equal(byCode.vacancy_count.national_reference.value, 7.3);
  assert.equal(byCode.rating.target.value, 7.5);
  assert.deepEqual(byCode.ranking.target, { value: 25, year: 2021, comparator: 'at_most' });
  for (const kpi of kpis) {
    assert.ok(['on_track', 'at_risk', 'off_track', 'insufficient_data'].includes(kpi.projection.verdict), kpi.code);
    assert.equal(kpi.projection.year, kpi.target.year);
  }
  // Two measurements of the ranking: too few to say anything, and no projected value is made up.
  assert.equal(byCode.ranking.projection.verdict, 'insufficient_data');
  assert.equal(byCode.ranking.projection.value, null);
});

test('the derived vacancy KPI equals the vacancy figure of the units module for the same date', async () => {
  const kpi = await json('/api/v1/kpis/vacancy_count');
  const derived = kpi.series.derived;
  assert.ok(derived.length > 100, 'monthly since 2015');
  for (const point of [derived[0], derived[36], derived[60], derived.at(-1)]) {
    const vacancy = await json(`/api/v1/vacancy?date=${point.date}`);
    assert.ok(Math.abs(point.value - vacancy.rate_count * 100) < 1e-9, point.date);
  }
  const today = await json('/api/v1/vacancy');
  assert.ok(Math.abs(kpi.derived.value - today.rate_count * 100) < 1e-9);
  const floor = await json('/api/v1/kpis/vacancy_floor_area');
  assert.ok(Math.abs(floor.derived.value - today.rate_floor_area * 100) < 1e-9);
  assert.match(kpi.derived.method, /Locatus/);
  assert.ok(kpi.actions.length > 0, 'actions of the plan are linked');
  assert.ok(kpi.actions.every((a) => a.chapter === 'A'));
});

test('bad measurements are refused with a message and change nothing', async () => {
  const before = (await json('/api/v1/kpis/vacancy_count')).series.measured;
  const cases = [
    [{ date: '2019-01-01', value: 250, source: 'x' }, 'value'],
    [{ date: '2999-01-01', value: 12, source: 'x' }, 'date'],
    [{ date: '1-1-2019', value: 12 }, 'date'],
    [{ date: '2019-01-01', value: '12' }, 'value'],
    [{ date: '2019-01-01', value: 12, unit: 'bedrijven' }, 'unit'],
    [{ date: '2019-01-01', value: 0.12, unit: 'fraction' }, 'unit'],
  ];
  for (const [body, field] of cases) {
    const res = await api('/api/v1/kpis/vacancy_count/measurements', { method: 'POST', token: gemeente, body });
    assert.equal(res.status, 422, JSON.stringify(body));
    const error = (await res.json()).error;
    assert.equal(error.code, 'invalid');
    assert.ok(error.fields.some((f) => f.field === field), `${JSON.stringify(body)}: ${JSON.stringify(error)}`);
  }
  assert.deepEqual((await json('/api/v1/kpis/vacancy_count')).series.measured, before);
});

test('a measurement is added, corrected with the old value in the audit trail, and notes stay internal', async () => {
  const res = await api('/api/v1/kpis/vacancy_count/measurements', {
    method: 'POST', token: gemeente, body: { date: '2019-01-01', value: 18.4, source: 'Locatus', note: 'intern' },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const added = await res.json();
  const fix = await api(`/api/v1/measurements/${added.id}`, {
    method: 'PATCH', token: gemeente, body: { version: added.version, value: 18.1, source: 'Locatus', note: 'gecorrigeerd' },
  });
  assert.equal(fix.status, 200);
  const stale = await api(`/api/v1/measurements/${added.id}`, {
    method: 'PATCH', token: gemeente, body: { version: added.version, value: 18.0 },
  });
  assert.equal(stale.status, 409);
  const noVersion = await api(`/api/v1/measurements/${added.id}`, { method: 'PATCH', token: gemeente, body: { value: 1 } });
  assert.equal(noVersion.status, 428);

  const publicView = await json('/api/v1/kpis/vacancy_count');
  const point = publicView.series.measured.find((m) => m.date === '2019-01-01');
  assert.equal(point.value, 18.1);
  assert.ok(!('note' in point), 'the public does not see internal notes');
  const staffView = await json('/api/v1/kpis/vacancy_count', { token: gemeente });
  assert.equal(staffView.series.measured.find((m) => m.date === '2019-01-01').note, 'gecorrigeerd');

  const admin = server.createToken();
  const audit = await json(`/api/v1/audit?entity_type=measurement&entity_id=${added.id}`, { token: admin });
  assert.match(JSON.stringify(audit), /18\.4/);
  assert.match(JSON.stringify(audit), /monitor@example\.org/);
});

test('only monitor.write may change the monitor', async () => {
  const body = { date: '2019-01-01', value: 3, source: 'x' };
  assert.equal((await api('/api/v1/kpis/rating/measurements', { method: 'POST', body })).status, 401);
  server.addUser('zaak@example.org', 'ondernemer');
  const ondernemer = server.createToken({ email: 'zaak@example.org', scope: 'write' });
  assert.equal((await api('/api/v1/kpis/rating/measurements', { method: 'POST', token: ondernemer, body })).status, 403);
  const reader = server.createToken({ email: 'monitor@example.org', scope: 'read' });
  assert.equal((await api('/api/v1/kpis/rating/measurements', { method: 'POST', token: reader, body })).status, 403);
});

test('KPIs are added, cannot be deleted with measurements, and are archived instead', async () => {
  const create = await api('/api/v1/kpis', {
    method: 'POST', token: gemeente,
    body: { code: 'passanten', name: 'Passanten op zaterdag', unit: 'passanten', direction: 'higher',
            target: { value: 12000, year: 2028, comparator: 'at_least' }, source: 'tellingen' },
  });
  assert.equal(create.status, 201, await create.clone().text());
  const m = await api('/api/v1/kpis/passanten/measurements', {
    method: 'POST', token: gemeente, body: { date: '2024-09-07', value: 9800, source: 'telling' },
  });
  assert.equal(m.status, 201);
  assert.equal((await api('/api/v1/kpis/passanten', { method: 'DELETE', token: gemeente })).status, 409);
  const kpi = await json('/api/v1/kpis/passanten');
  const archive = await api('/api/v1/kpis/passanten', {
    method: 'PATCH', token: gemeente, body: { version: kpi.version, archived: true },
  });
  assert.equal(archive.status, 200);
  assert.ok(!(await json('/api/v1/kpis')).kpis.some((k) => k.code === 'passanten'));
  assert.ok((await json('/api/v1/kpis?archived=true')).kpis.some((k) => k.code === 'passanten'));
});

test('series as CSV; a measurements CSV is imported all or nothing, by API and command line', async () => {
  const bytes = Buffer.from(await (await api('/api/v1/kpis.csv')).arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM for Dutch Excel');
  const csv = bytes.subarray(3).toString('utf8');
  assert.ok(csv.startsWith('kpi;name;unit;series;date;value;source'));
  assert.match(csv, /vacancy_count;.*;national;2019-01-01;6,7;/);
  assert.ok(!csv.includes('intern') && !csv.includes('gecorrigeerd'), 'no notes in the export');

  const bad = 'kpi;date;value;source\r\njobs;2019-04-02;3935;LISA\r\nrating;2019-10-02;72;Koopstromen\r\n';
  const refused = await api('/api/v1/kpis/measurements.csv', { method: 'POST', token: gemeente, body: bad, type: 'text/csv' });
  assert.equal(refused.status, 422);
  assert.match((await refused.json()).error.fields[0].message, /^Regel 3: /);
  const jobs = (await json('/api/v1/kpis/jobs')).series.measured;
  assert.ok(!jobs.some((m) => m.date === '2019-04-02'), 'nothing imported');

  const good = bad.replace(';72;', ';7,2;');
  const ok = await api('/api/v1/kpis/measurements.csv', { method: 'POST', token: gemeente, body: good, type: 'text/csv' });
  assert.deepEqual(await ok.json(), { created: 2, corrected: 0, unchanged: 0, dry_run: false });
  const file = join(server.dir, 'metingen.csv');
  writeFileSync(file, good);
  assert.match(server.cli(['import', 'measurements', file]), /0 nieuw, 0 gecorrigeerd, 2 ongewijzigd/);
});

test('actions name the KPIs they should move', async () => {
  const plan = await json('/api/v1/plans/2019');
  const action = plan.chapters.find((c) => c.code === 'C').actions[0];
  assert.deepEqual((await json(`/api/v1/actions/${action.id}/kpis`)).kpis, ['rating']);
  const put = await api(`/api/v1/actions/${action.id}/kpis`, {
    method: 'PUT', token: gemeente, body: { kpis: ['rating', 'jobs'] },
  });
  assert.equal(put.status, 200);
  assert.deepEqual((await put.json()).kpis, ['jobs', 'rating']);
  const jobs = await json('/api/v1/kpis/jobs');
  assert.ok(jobs.actions.some((a) => a.id === action.id));
  const unknown = await api(`/api/v1/actions/${action.id}/kpis`, { method: 'PUT', token: gemeente, body: { kpis: ['x'] } });
  assert.equal(unknown.status, 422);
});
