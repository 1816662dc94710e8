// HTTP tests of the opening hours in the platform (issue #8): "nu open" correct on the daylight-saving days, the
// live check of Dutch input, rights (an ondernemer edits only their own business's hours; anonymous and read
// tokens are refused), a bad expression refused with its position and a Dutch message and nothing changed,
// versions (428 without, 409 when stale), the form (post/redirect/get, CSRF), and the analysis only for staff.
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

const api = (path, { method = 'GET', token, body, cookie } = {}) =>
  fetch(server.url + path, {
    method,
    redirect: 'manual',
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(cookie ? { cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const json = async (path, options) => {
  const res = await api(path, options);
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.json();
};
const auditCount = async (id) =>
  (await json(`/api/v1/audit?entity_type=business_hours&entity_id=${id}`, { token: adminToken })).entries.length;

// Businesses active on every one of the given days (open-now lists those), by id.
async function activeOn(...instants) {
  const lists = await Promise.all(instants.map((at) => json(`/api/v1/open-now?at=${encodeURIComponent(at)}`)));
  const ids = lists.map((l) => new Set(l.businesses.map((b) => b.id)));
  return lists[0].businesses.filter((b) => ids.every((set) => set.has(b.id)));
}

test('every active demo business has hours, and open-now answers in the documented shape', async () => {
  const now = await json('/api/v1/open-now');
  assert.ok(now.businesses.length > 300, `${now.businesses.length} businesses`);
  assert.match(now.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  for (const b of now.businesses) {
    for (const key of ['id', 'name', 'street', 'group', 'open', 'unknown', 'next_change', 'comment']) assert.ok(key in b, key);
    assert.equal(b.has_hours, true, `${b.name} has demo hours`);
  }
  const groups = new Set(now.businesses.map((b) => b.group));
  assert.ok(groups.has('horeca') && groups.has('mode_luxe'), [...groups].join());
  assert.equal((await api('/api/v1/open-now?at=gisteren')).status, 422);
});

test('open-now is right on both daylight-saving days of 2025 (Europe/Amsterdam)', async () => {
  const [shop] = await activeOn('2025-03-30T12:00:00Z', '2025-10-26T12:00:00Z', '2025-06-02T12:00:00Z');
  assert.ok(shop, 'a business active on all three days');
  const current = await json(`/api/v1/businesses/${shop.id}/hours`);
  const saved = await api(`/api/v1/businesses/${shop.id}/hours`, {
    method: 'PATCH', token: adminToken,
    body: { version: current.version, opening_hours: 'Su 01:00-04:00; Mo-Sa 09:00-18:00', exceptions: [] },
  });
  assert.equal(saved.status, 200, await saved.clone().text());
  const at = async (instant) => (await json(`/api/v1/open-now?at=${encodeURIComponent(instant)}`)).businesses
    .find((b) => b.id === shop.id);

  // 30 March 2025: 02:00 CET becomes 03:00 CEST. 00:30Z is 01:30 CET; 01:30Z is 03:30 CEST; closing at 04:00 CEST.
  let s = await at('2025-03-30T00:30:00Z');
  assert.equal(s.open, true);
  assert.equal(s.next_change, '2025-03-30T04:00:00+02:00');
  assert.equal(s.next_change_text, 'sluit om 4:00');
  s = await at('2025-03-30T01:30:00Z');
  assert.equal(s.open, true);
  assert.equal(s.next_change, '2025-03-30T04:00:00+02:00');
  s = await at('2025-03-30T02:00:00Z');  // 04:00 CEST: closed, opens Monday
  assert.equal(s.open, false);
  assert.equal(s.next_change, '2025-03-31T09:00:00+02:00');
  assert.equal(s.next_change_text, 'opent morgen om 9:00');
  // A wall-clock time in the gap (02:30 does not exist) is read as the first instant after it.
  assert.equal((await json('/api/v1/open-now?at=2025-03-30T02:30')).at, '2025-03-30T03:00:00+02:00');

  // 26 October 2025: 03:00 CEST becomes 02:00 CET; the Sunday lasts 25 hours, so 01:00-04:00 is four real hours.
  s = await at('2025-10-26T00:30:00Z');  // 02:30 CEST (first pass)
  assert.equal(s.open, true);
  assert.equal(s.next_change, '2025-10-26T04:00:00+01:00');
  s = await at('2025-10-26T02:59:00Z');  // 03:59 CET
  assert.equal(s.open, true);
  s = await at('2025-10-26T03:00:00Z');  // 04:00 CET
  assert.equal(s.open, false);
  assert.equal(s.next_change, '2025-10-27T09:00:00+01:00');

  // An ordinary Monday afternoon.
  s = await at('2025-06-02T12:00:00Z');
  assert.equal(s.open, true);
  assert.equal(s.next_change_text, 'sluit om 18:00');
});

test('the check accepts Dutch input with warnings and a normalised suggestion, and says where it goes wrong', async () => {
  const ok = await json(`/api/v1/hours/check?expression=${encodeURIComponent('ma-vr 9:00-18:00; za 10-17')}`);
  assert.equal(ok.valid, true);
  assert.equal(ok.normalised, 'Mo-Fr 09:00-18:00; Sa 10:00-17:00');
  assert.ok(ok.warnings.some((w) => w.message.includes("'ma' is gelezen als 'Mo'")), JSON.stringify(ok.warnings));
  assert.equal(ok.week.length, 7);
  assert.equal(ok.week[0].day, 'Ma');
  assert.equal(ok.week[0].hours, '09:00–18:00');
  assert.equal(ok.week[6].hours, 'gesloten');
  const bad = await json(`/api/v1/hours/check?expression=${encodeURIComponent('Mo-Fr 09:00-')}`);
  assert.equal(bad.valid, false);
  assert.equal(bad.error.position, 12);
  assert.match(bad.error.message, /teken 13/);
});

test('an ondernemer edits only their own hours; anonymous and read-only callers are refused', async () => {
  const list = (await json('/api/v1/open-now')).businesses;
  const [own, other] = [list[20], list[21]];
  server.addUser('uren@example.org', 'ondernemer');
  server.cli(['user', 'link', 'uren@example.org', '--business', String(own.id)]);
  const ondernemer = server.createToken({ email: 'uren@example.org', scope: 'write' });

  const mine = await json(`/api/v1/businesses/${own.id}/hours`);
  const changed = await api(`/api/v1/businesses/${own.id}/hours`, {
    method: 'PATCH', token: ondernemer,
    body: { version: mine.version, opening_hours: 'di-za 10:00-17:30; PH off',
      exceptions: [{ date: '2025-12-24', closed: false, hours: '10:00-15:00', reason: 'Kerstavond' }] },
  });
  assert.equal(changed.status, 200, await changed.clone().text());
  const stored = await changed.json();
  assert.equal(stored.opening_hours, 'Tu-Sa 10:00-17:30; PH off');
  assert.equal(stored.version, mine.version + 1);
  assert.deepEqual(stored.exceptions, [{ date: '2025-12-24', closed: false, hours: '10:00-15:00', reason: 'Kerstavond' }]);
  const christmasEve = (await json('/api/v1/open-now?at=2025-12-24T15:00:00Z')).businesses.find((b) => b.id === own.id);
  if (christmasEve) {  // when the business is still active then
    assert.equal(christmasEve.open, false);
    // Wednesday 24 December 16:00, after the exception's 15:00; both Christmas days are PH off.
    assert.equal(christmasEve.next_change_text, 'opent zaterdag om 10:00');
  }

  const theirs = await json(`/api/v1/businesses/${other.id}/hours`);
  const refused = await api(`/api/v1/businesses/${other.id}/hours`, {
    method: 'PATCH', token: ondernemer, body: { version: theirs.version, opening_hours: 'Mo-Su 00:00-24:00' },
  });
  assert.equal(refused.status, 403);
  const anonymous = await api(`/api/v1/businesses/${other.id}/hours`, {
    method: 'PATCH', body: { version: theirs.version, opening_hours: 'Mo-Su 00:00-24:00' },
  });
  assert.equal(anonymous.status, 401);
  const readOnly = server.createToken({ email: 'uren@example.org', scope: 'read' });
  const read = await api(`/api/v1/businesses/${own.id}/hours`, {
    method: 'PATCH', token: readOnly, body: { version: stored.version, opening_hours: 'Mo-Su 00:00-24:00' },
  });
  assert.equal(read.status, 403);
  assert.deepEqual(await json(`/api/v1/businesses/${other.id}/hours`), theirs, 'nothing changed');
  assert.equal((await json(`/api/v1/businesses/${own.id}/hours`)).version, stored.version);

  // The page form: anonymous is sent to sign in, and nothing changes.
  const form = await api(`/bedrijven/${other.id}/openingstijden`, {
    method: 'POST', body: undefined, cookie: undefined,
  });
  assert.ok([302, 303, 401, 403].includes(form.status), `${form.status}`);
  assert.deepEqual(await json(`/api/v1/businesses/${other.id}/hours`), theirs);
});

test('a bad expression is refused with 422, its position and a Dutch message; nothing changes', async () => {
  const shop = (await json('/api/v1/open-now')).businesses[30];
  const beforeHours = await json(`/api/v1/businesses/${shop.id}/hours`);
  const beforeAudit = await auditCount(shop.id);
  const res = await api(`/api/v1/businesses/${shop.id}/hours`, {
    method: 'PATCH', token: adminToken, body: { version: beforeHours.version, opening_hours: 'Mo-Fr 09:00-' },
  });
  assert.equal(res.status, 422);
  const { error } = await res.json();
  assert.equal(error.code, 'invalid');
  assert.equal(error.field, 'opening_hours');
  assert.equal(error.position, 12);
  assert.match(error.message, /^Niet begrepen bij teken 13: verwacht/);
  assert.ok(error.message_en.length > 0);
  const badException = await api(`/api/v1/businesses/${shop.id}/hours`, {
    method: 'PATCH', token: adminToken,
    body: { version: beforeHours.version, exceptions: [{ date: '2025-12-24', closed: false, hours: 'Mo 10:00-12:00' }] },
  });
  assert.equal(badException.status, 422);
  assert.equal((await badException.json()).error.field, 'exceptions[0].hours');
  assert.deepEqual(await json(`/api/v1/businesses/${shop.id}/hours`), beforeHours);
  assert.equal(await auditCount(shop.id), beforeAudit);

  // Versions: none given is 428, a stale one 409; neither changes anything.
  const noVersion = await api(`/api/v1/businesses/${shop.id}/hours`, {
    method: 'PATCH', token: adminToken, body: { opening_hours: 'Mo-Fr 09:00-17:00' },
  });
  assert.equal(noVersion.status, 428);
  const stale = await api(`/api/v1/businesses/${shop.id}/hours`, {
    method: 'PATCH', token: adminToken, body: { version: beforeHours.version - 1, opening_hours: 'Mo-Fr 09:00-17:00' },
  });
  assert.equal(stale.status, 409);
  assert.deepEqual(await json(`/api/v1/businesses/${shop.id}/hours`), beforeHours);
  assert.equal(await auditCount(shop.id), beforeAudit);
});

test('the hours form: Dutch input stored normalised after a redirect; errors shown in Dutch; CSRF required', async () => {
  const shop = (await json('/api/v1/open-now')).businesses[40];
  server.addUser('winkel2@example.org', 'ondernemer');
  server.cli(['user', 'link', 'winkel2@example.org', '--business', String(shop.id)]);
  const cookie = await server.login({ email: 'winkel2@example.org', password: 'paardenbloem-42' });
  const page = await api(`/bedrijven/${shop.id}/openingstijden`, { cookie });
  assert.equal(page.status, 200);
  const html = await page.text();
  const csrf = html.match(/name="csrf" value="([^"]+)"/)[1];
  const version = html.match(/name="version" value="(\d+)"/)[1];
  const post = (fields, withCsrf = true) => fetch(`${server.url}/bedrijven/${shop.id}/openingstijden`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ ...(withCsrf ? { csrf } : {}), version, exception_count: '3', ...fields }).toString(),
  });
  const before = await json(`/api/v1/businesses/${shop.id}/hours`);

  const noCsrf = await post({ opening_hours: 'ma-za 9:30-18:00' }, false);
  assert.equal(noCsrf.status, 403);
  const bad = await post({ opening_hours: 'ma-za 9:30-' });
  assert.equal(bad.status, 422);
  const badHtml = await bad.text();
  assert.match(badHtml, /Niet begrepen bij teken/);
  assert.match(badHtml, /aria-invalid="true"/);
  assert.deepEqual(await json(`/api/v1/businesses/${shop.id}/hours`), before, 'nothing changed');

  const good = await post({ opening_hours: 'ma-za 9:30-18:00; do 9:30-21:00', exc_date_0: '2025-12-31', exc_closed_0: 'nee',
    exc_hours_0: '09:30-16:00', exc_reason_0: 'Oudejaarsdag' });
  assert.equal(good.status, 303);
  assert.equal(good.headers.get('location'), `/bedrijven/${shop.id}/openingstijden?opgeslagen=omgezet`);
  const after = await json(`/api/v1/businesses/${shop.id}/hours`);
  assert.equal(after.opening_hours, 'Mo-Sa 09:30-18:00; Th 09:30-21:00');
  assert.equal(after.exceptions[0].reason, 'Oudejaarsdag');
  const shown = await (await api(`/bedrijven/${shop.id}/openingstijden?opgeslagen=omgezet`, { cookie })).text();
  assert.match(shown, /omgezet naar de standaardnotatie: Mo-Sa 09:30-18:00; Th 09:30-21:00/);

  // Another business's form is not theirs.
  const otherId = (await json('/api/v1/open-now')).businesses[41].id;
  const otherPost = await fetch(`${server.url}/bedrijven/${otherId}/openingstijden`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf, version: '1', opening_hours: '24/7' }).toString(),
  });
  assert.equal(otherPost.status, 403);
});

test('the analysis is for beheerder and gemeente only', async () => {
  server.addUser('analist@example.org', 'gemeente');
  server.addUser('winkel3@example.org', 'ondernemer');
  const gemeente = server.createToken({ email: 'analist@example.org', scope: 'read' });
  const ondernemer = server.createToken({ email: 'winkel3@example.org', scope: 'read' });
  assert.equal((await api('/api/v1/hours/heatmap')).status, 401);
  assert.equal((await api('/api/v1/hours/heatmap', { token: ondernemer })).status, 403);
  const heat = await json('/api/v1/hours/heatmap?week=2025-06-04', { token: gemeente });
  assert.equal(heat.week, '2025-06-02');
  assert.equal(heat.days.length, 7);
  assert.ok(heat.shops > 50);
  const saturday = heat.days[5].hours[14];
  assert.ok(saturday.share > 0.5, `Saturday 14:00 ${saturday.share}`);
  assert.ok(heat.days[6].hours[14].share < saturday.share, 'fewer shops on Sunday');
  assert.equal(heat.days[0].hours[3].open, 0, 'no shop at 3 in the night');
  const anonymousPage = await api('/openingstijden/analyse');
  assert.ok([302, 303].includes(anonymousPage.status));
  assert.match(anonymousPage.headers.get('location'), /^\/login/);
  const cookie = await server.login({ email: 'analist@example.org', password: 'paardenbloem-42' });
  const analysis = await api('/openingstijden/analyse', { cookie });
  assert.equal(analysis.status, 200);
  const analysisHtml = await analysis.text();
  // The analysis belongs to "Openingstijden" in the navigation, not to the public "Nu open".
  assert.match(analysisHtml, /href="\/openingstijden\/analyse" aria-current="page"/);
  assert.doesNotMatch(analysisHtml, /href="\/nu-open" aria-current="page"/);
  assert.doesNotMatch(analysisHtml, /van 0 andere/);
  assert.equal((await api('/openingstijden/super-zondag?zondag=2025-06-01', { cookie })).status, 200);
});
