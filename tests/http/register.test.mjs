// HTTP tests of the register (issue #5): vacancy figures checked against an independent computation from the
// exported CSV, occupancy changes (overlap refused, nothing changed), per-object rights (an ondernemer changes
// only their own business, an eigenaar only their own units), privacy of owners, scenarios.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from '../support/server.mjs';

let server;
let adminToken;
before(async () => {
  server = await startDemoServer();
  adminToken = server.createToken();
});
after(async () => server?.cleanup());

const api = (path, { method = 'GET', token, body } = {}) =>
  fetch(server.url + path, {
    method,
    redirect: 'manual',
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const json = async (path, options) => {
  const res = await api(path, options);
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.json();
};

// --- An independent reading of the exports (Locatus' definitions, docs/register.md) --------------------------

function parseCsv(text) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(';');
  // The demo data has no ';' or quotes inside fields; a quoted field would fail this test loudly.
  return lines.slice(1).map((line) => {
    const cells = line.split(';');
    assert.equal(cells.length, header.length, `unexpected field count in: ${line}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

const dayNumber = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
function addYears(iso, n) {
  let y = +iso.slice(0, 4) + n;
  let m = +iso.slice(5, 7);
  let d = +iso.slice(8, 10);
  if (m === 2 && d === 29 && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) d = 28;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function vacancyFromExport(units, occupancy, date, { zone, street } = {}) {
  const byBag = new Map();
  for (const row of occupancy) {
    if (!byBag.has(row.bag_id)) byBag.set(row.bag_id, []);
    byBag.get(row.bag_id).push(row);
  }
  const result = { outlets: 0, vacant: 0, floor_area_m2: 0, vacant_floor_area_m2: 0, up_to_1y: 0, y1_to_3y: 0, over_3y: 0 };
  for (const unit of units) {
    if (unit.outlet !== 'true') continue;
    if (zone && unit.zone !== zone) continue;
    if (street && unit.street !== street) continue;
    const history = (byBag.get(unit.bag_id) ?? []).slice().sort((a, b) => a.from.localeCompare(b.from));
    const index = history.findIndex((i) => i.from <= date && (i.to === '' || date < i.to));
    if (index < 0) continue;
    const state = history[index];
    if (state.kind === 'housing' || state.kind === 'transformation') continue;
    const area = Number(unit.floor_area_m2);
    result.outlets += 1;
    result.floor_area_m2 += area;
    if (state.kind !== 'vacant') continue;
    result.vacant += 1;
    result.vacant_floor_area_m2 += area;
    let start = state.from;
    for (let j = index - 1; j >= 0 && history[j].kind === 'vacant' && history[j].to === start; j--) start = history[j].from;
    if (dayNumber(date) <= dayNumber(addYears(start, 1))) result.up_to_1y += 1;
    else if (dayNumber(date) <= dayNumber(addYears(start, 3))) result.y1_to_3y += 1;
    else result.over_3y += 1;
  }
  return result;
}

test('vacancy from the API agrees with an independent computation from the exported CSV', async () => {
  const units = parseCsv(await (await api('/api/v1/units.csv')).text());
  const occupancy = parseCsv(await (await api('/api/v1/occupancy.csv')).text());
  assert.ok(units.length > 500, `${units.length} units`);
  const zones = (await json('/api/v1/zones')).zones.map((z) => z.code);
  assert.deepEqual(zones, ['kernwinkelgebied', 'aanloopstraten', 'horecagebied', 'overig']);
  // The first of every quarter from 2014 to 2026, some awkward days, and today.
  const dates = ['2016-02-29', '2018-01-01', '2019-03-31', '2020-10-25', '2024-12-31'];
  for (let y = 2014; y <= 2026; y++) for (const m of ['01', '04', '07', '10']) dates.push(`${y}-${m}-01`);
  let checked = 0;
  for (const date of dates) {
    for (const filter of [{}, ...zones.map((zone) => ({ zone })), { street: 'Kruisstraat' }, { street: 'Oudestraat' }]) {
      const query = new URLSearchParams({ date, ...filter }).toString();
      const got = await json(`/api/v1/vacancy?${query}`);
      const want = vacancyFromExport(units, occupancy, date, filter);
      const label = `${date} ${JSON.stringify(filter)}`;
      assert.equal(got.outlets, want.outlets, `outlets ${label}`);
      assert.equal(got.vacant, want.vacant, `vacant ${label}`);
      assert.equal(got.floor_area_m2, want.floor_area_m2, `floor area ${label}`);
      assert.equal(got.vacant_floor_area_m2, want.vacant_floor_area_m2, `vacant floor area ${label}`);
      assert.equal(got.by_duration.up_to_1y, want.up_to_1y, `up to 1y ${label}`);
      assert.equal(got.by_duration['1y_to_3y'], want.y1_to_3y, `1-3y ${label}`);
      assert.equal(got.by_duration.over_3y, want.over_3y, `over 3y ${label}`);
      assert.ok(Math.abs(got.rate_count - (want.outlets ? want.vacant / want.outlets : 0)) < 1e-12, label);
      checked++;
    }
  }
  assert.ok(checked > 300);
  // The plan's figure: 21.9% on 1 January 2018 (the demo data is calibrated to it, to the nearest unit).
  const y2018 = await json('/api/v1/vacancy?date=2018-01-01');
  assert.ok(Math.abs(y2018.rate_count - 0.219) < 0.005, `${y2018.rate_count}`);
});

test('the monthly trend is the day figure of every first of the month', async () => {
  const trend = await json('/api/v1/vacancy/trend?from=2017-01-15&to=2018-03-01&zone=aanloopstraten');
  assert.deepEqual(trend.months.map((m) => m.date).slice(0, 3), ['2017-01-01', '2017-02-01', '2017-03-01']);
  assert.equal(trend.months.length, 15);
  for (const month of [trend.months[0], trend.months[12], trend.months[14]]) {
    const day = await json(`/api/v1/vacancy?date=${month.date}&zone=aanloopstraten`);
    for (const key of ['outlets', 'vacant', 'floor_area_m2', 'vacant_floor_area_m2', 'by_duration']) {
      assert.deepEqual(month[key], day[key], `${key} on ${month.date}`);
    }
    assert.ok(month.businesses > 0 && month.jobs >= month.businesses);
  }
  const bad = await api('/api/v1/vacancy/trend?from=2019-02-30');
  assert.equal(bad.status, 422);
  assert.equal((await bad.json()).error.field, 'from');
});

test('bad query parameters get a JSON error naming the field', async () => {
  for (const [path, field] of [
    ['/api/v1/vacancy?date=1-3-2019', 'date'],
    ['/api/v1/vacancy?zone=nergens', 'zone'],
    ['/api/v1/units?limit=0', 'limit'],
    ['/api/v1/units?state=bewoond&date=2019-01-01', 'state'],
  ]) {
    const res = await api(path);
    assert.equal(res.status, 422, path);
    const body = await res.json();
    assert.equal(body.error.code, 'invalid');
    assert.equal(body.error.field, field, path);
  }
  assert.equal((await api('/api/v1/units/999999')).status, 404);
});

test('units follow the contract; owners are only shown to staff', async () => {
  const { units, total } = await json('/api/v1/units?limit=5&street=Kruisstraat');
  assert.equal(units.length, 5);
  assert.ok(total > 40);
  const unit = units[0];
  for (const key of ['id', 'address', 'street', 'zone', 'floor', 'floor_area_m2', 'bag_id', 'occupancy']) {
    assert.ok(key in unit, key);
  }
  assert.match(unit.bag_id, /^0106\d{12}$/);
  assert.equal(unit.street, 'Kruisstraat');
  assert.ok(!('owner' in unit), 'anonymous callers do not see owners');
  const staff = await json(`/api/v1/units/${unit.id}`, { token: adminToken });
  assert.match(staff.owner, /fictief/);
  const csv = await (await api('/api/v1/units.csv')).text();
  assert.ok(!csv.includes('fictief'), 'the public export has no owners');
  const vacantNow = await json('/api/v1/units?state=vacant');
  const today = await json('/api/v1/vacancy');
  assert.ok(vacantNow.total >= today.vacant, 'vacant outlets plus vacant upper floors');
});

async function vacantUnit() {
  const { units } = await json('/api/v1/units?state=vacant&zone=kernwinkelgebied&limit=1');
  assert.equal(units.length, 1);
  return units[0];
}

test('a new tenant per a date changes the figures; an overlap is refused and changes nothing', async () => {
  const unit = await vacantUnit();
  const open = unit.occupancy.at(-1);
  assert.equal(open.kind, 'vacant');
  assert.equal(open.to, null);
  const business = (await json('/api/v1/businesses?q=Drents')).businesses[0];
  const from = '2099-03-01';
  const before = await json(`/api/v1/vacancy?date=${from}`);

  const withoutVersion = await api(`/api/v1/units/${unit.id}/occupancy`, {
    method: 'POST', token: adminToken, body: { from, kind: 'in_use', business_id: business.id },
  });
  assert.equal(withoutVersion.status, 428);

  const res = await api(`/api/v1/units/${unit.id}/occupancy`, {
    method: 'POST', token: adminToken, body: { version: unit.version, from, kind: 'in_use', business_id: business.id },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const changed = await res.json();
  assert.equal(changed.version, unit.version + 1);
  assert.deepEqual(changed.occupancy.at(-2), { ...open, to: from });
  assert.deepEqual(changed.occupancy.at(-1), { from, to: null, kind: 'in_use', business_id: business.id });
  const after = await json(`/api/v1/vacancy?date=${from}`);
  assert.equal(after.vacant, before.vacant - 1);

  // An interval inside the history that overlaps: refused with the clashing interval named, nothing stored.
  const overlap = await api(`/api/v1/units/${unit.id}/occupancy`, {
    method: 'POST', token: adminToken,
    body: { version: changed.version, from: open.from, to: '2099-06-01', kind: 'temporary', temporary_user: 'Pop-up' },
  });
  assert.equal(overlap.status, 422);
  const error = (await overlap.json()).error;
  assert.match(error.message, /overlapt met/);
  const unchanged = await json(`/api/v1/units/${unit.id}`);
  assert.deepEqual(unchanged.occupancy, changed.occupancy);
  assert.equal(unchanged.version, changed.version);

  // A stale version: 409.
  const stale = await api(`/api/v1/units/${unit.id}/occupancy`, {
    method: 'POST', token: adminToken, body: { version: unit.version, from: '2100-01-01', kind: 'vacant' },
  });
  assert.equal(stale.status, 409);

  // The change is in the audit trail with a name on it.
  const audit = await json(`/api/v1/audit?entity_type=unit&entity_id=${unit.id}`, { token: adminToken });
  const entries = audit.entries ?? audit.audit ?? audit;
  assert.ok(JSON.stringify(entries).includes('2099-03-01'), 'the new tenant is in the audit trail');
});

test('an ondernemer changes only their own business; an eigenaar only their own units', async () => {
  const { businesses } = await json('/api/v1/businesses');
  const [own, other] = [businesses[10], businesses[11]];
  server.addUser('winkelier@example.org', 'ondernemer');
  server.cli(['user', 'link', 'winkelier@example.org', '--business', String(own.id)]);
  const ondernemer = server.createToken({ email: 'winkelier@example.org', scope: 'write' });

  const mine = await api(`/api/v1/businesses/${own.id}`, {
    method: 'PATCH', token: ondernemer, body: { version: own.version, website: 'https://nieuw.example', jobs: 4 },
  });
  assert.equal(mine.status, 200, await mine.clone().text());
  assert.equal((await mine.json()).website, 'https://nieuw.example');

  const theirs = await api(`/api/v1/businesses/${other.id}`, {
    method: 'PATCH', token: ondernemer, body: { version: other.version, website: 'https://kaping.example' },
  });
  assert.equal(theirs.status, 403);
  assert.equal((await json(`/api/v1/businesses/${other.id}`)).website, other.website, 'nothing changed');

  const unit = await vacantUnit();
  const notTheirs = await api(`/api/v1/units/${unit.id}/occupancy`, {
    method: 'POST', token: ondernemer, body: { version: unit.version, from: '2098-01-01', kind: 'vacant_let' },
  });
  assert.equal(notTheirs.status, 403, 'an ondernemer does not register occupancy');

  server.addUser('eigenaar@example.org', 'eigenaar');
  server.cli(['user', 'link', 'eigenaar@example.org', '--unit', String(unit.id)]);
  const eigenaar = server.createToken({ email: 'eigenaar@example.org', scope: 'write' });
  const ownUnit = await api(`/api/v1/units/${unit.id}/occupancy`, {
    method: 'POST', token: eigenaar, body: { version: unit.version, from: '2100-06-01', kind: 'vacant_let' },
  });
  assert.equal(ownUnit.status, 201, await ownUnit.clone().text());
  assert.ok('owner' in (await ownUnit.json()), 'the eigenaar sees the owner of their own unit');
  const otherUnit = (await json('/api/v1/units?limit=1')).units[0];
  const refused = await api(`/api/v1/units/${otherUnit.id}`, {
    method: 'PATCH', token: eigenaar, body: { version: otherUnit.version, floor_area_m2: 1 },
  });
  assert.equal(refused.status, 403);
  const readOnly = server.createToken({ email: 'eigenaar@example.org', scope: 'read' });
  const readRefused = await api(`/api/v1/units/${unit.id}`, {
    method: 'PATCH', token: readOnly, body: { version: 1, floor_area_m2: 1 },
  });
  assert.equal(readRefused.status, 403);
  assert.equal((await api('/api/v1/businesses', { method: 'POST', token: ondernemer, body: {} })).status, 403);
});

test('a scenario shows vacancy per zone before and after without changing the register', async () => {
  const before = await json('/api/v1/vacancy?date=2019-01-01');
  const anonymous = await api('/api/v1/scenarios', { method: 'POST', body: {} });
  assert.equal(anonymous.status, 401);
  server.addUser('ambtenaar@example.org', 'gemeente');
  const gemeente = server.createToken({ email: 'ambtenaar@example.org', scope: 'write' });
  const body = { name: 'Aanloopstraten wonen', date: '2019-01-01', target: 'wonen', vacant_retail_outside_core: true };
  const res = await api('/api/v1/scenarios', { method: 'POST', token: gemeente, body });
  assert.equal(res.status, 200, await res.clone().text());
  const result = await res.json();
  assert.ok(result.changed_units.length > 10, `${result.changed_units.length} units`);
  const whole = result.zones[0];
  assert.equal(whole.zone, null);
  assert.deepEqual(whole.before, before);
  assert.equal(whole.after.outlets, before.outlets - result.changed_units.length);
  assert.ok(whole.after.rate_count < whole.before.rate_count);
  const core = result.zones.find((z) => z.zone === 'kernwinkelgebied');
  assert.deepEqual(core.after, core.before, 'nothing outside the core was in the core');
  assert.deepEqual(await json('/api/v1/vacancy?date=2019-01-01'), before, 'the register did not change');

  const saved = await api('/api/v1/scenarios', { method: 'POST', token: gemeente, body: { ...body, save: true } });
  assert.equal(saved.status, 201);
  const { id } = await saved.json();
  const again = await json(`/api/v1/scenarios/${id}`, { token: adminToken });
  assert.deepEqual(again.zones, result.zones, 'a saved scenario can be shared and shows the same');

  const bad = await api('/api/v1/scenarios', { method: 'POST', token: gemeente, body: { ...body, unit_ids: [999999] } });
  assert.equal(bad.status, 422);
});

test('the GeoJSON export has the units with coordinates, with their state on the day', async () => {
  const res = await api('/api/v1/units.geojson?date=2018-01-01');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /geo\+json/);
  const geo = await res.json();
  assert.equal(geo.type, 'FeatureCollection');
  assert.ok(geo.features.length > 400);
  const vacant = geo.features.filter((f) => f.properties.kind === 'vacant').length;
  assert.ok(vacant > 50);
  const [lon, lat] = geo.features[0].geometry.coordinates;
  assert.ok(lat > 52.9 && lat < 53.1 && lon > 6.5 && lon < 6.7, `${lat},${lon} is in Assen`);
});
