// HTTP tests of the edit form of an event, /agenda/{id}/bewerken (issue #7): the organiser who submitted it and
// moderators change it in the browser as PATCH /api/v1/events/{id} does — CSRF, the same checks as a submission
// with the Dutch message by the field, the version the form was based on (a stale one shows both versions and
// overwrites nothing), post/redirect/get, version and SEQUENCE raised; others are refused, anonymous visitors
// sent to the sign-in page; what was typed is escaped on the form and the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from '../support/server.mjs';

let server;
let adminToken;
let org1;      // session cookies
let org2;
let org1Token;
let admin;
before(async () => {
  server = await startDemoServer();
  adminToken = server.createToken();
  for (const email of ['bewerk1@test.example', 'bewerk2@test.example']) server.addUser(email, 'organisator');
  org1Token = server.createToken({ email: 'bewerk1@test.example' });
  org1 = await server.login({ email: 'bewerk1@test.example', password: 'paardenbloem-42' });
  org2 = await server.login({ email: 'bewerk2@test.example', password: 'paardenbloem-42' });
  admin = await server.login();
});
after(async () => server?.cleanup());

const get = (path, cookie) => fetch(server.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const post = (path, cookie, fields) => fetch(server.url + path, {
  method: 'POST',
  redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
  body: new URLSearchParams(fields).toString(),
});
const api = async (path, { method = 'GET', token, body } = {}) => {
  const res = await fetch(server.url + path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
};

const unescape = (s) => s.replace(/&quot;|&#34;/g, '"').replace(/&#39;|&#x27;|&apos;/g, "'").replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
// The fields a browser would send for the form on `html`: inputs (checked boxes only), selected options, textareas.
function formFields(html) {
  const form = html.match(/<form method="post" action="[^"]*\/bewerken" [\s\S]*?<\/form>/)[0];
  const fields = {};
  for (const [input] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = input.match(/name="([^"]+)"/)?.[1];
    const type = input.match(/type="([^"]+)"/)?.[1];
    if (!name || (type === 'checkbox' && !/\bchecked\b/.test(input))) continue;
    fields[name] = unescape(input.match(/value="([^"]*)"/)?.[1] ?? '');
  }
  for (const [, name, options] of form.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[name] = unescape((options.match(/<option value="([^"]*)" selected>/) ?? options.match(/<option value="([^"]*)"/))[1]);
  }
  for (const [, name, text] of form.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    fields[name] = unescape(text);
  }
  return fields;
}

// An event of bewerk1 (API, so its owner is bewerk1), approved by the beheerder unless `approve` is false.
async function ownEvent(title, { approve = true } = {}) {
  const venues = (await api('/api/v1/venues')).body.venues;
  const brink = venues.find((v) => v.name === 'Brink').id;
  const created = await api('/api/v1/events', {
    method: 'POST',
    token: org1Token,
    body: { title, venue_id: brink, start: '2027-05-15T10:00:00+02:00', end: '2027-05-15T16:00:00+02:00',
      category: 'markt', audience: 'gezinnen', expected_visitors: 150, amplified_sound: true, description: 'Tweedehands boeken.' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  if (!approve) return created.body;
  const approved = await api(`/api/v1/events/${created.body.id}`, { method: 'PATCH', token: adminToken, body: { status: 'goedgekeurd', version: created.body.version } });
  assert.equal(approved.status, 200);
  return approved.body;
}
const stored = async (id) => (await api(`/api/v1/events/${id}`, { token: adminToken })).body;
// Nothing was stored: the event still has the title and version of `event`.
async function assertUnchanged(event) {
  const now = await stored(event.id);
  assert.deepEqual([now.title, now.version], [event.title, event.version], 'nothing changed');
}

test('the organiser edits their own approved event: prefilled form, 303, the change on the page, version and SEQUENCE +1', async () => {
  const event = await ownEvent('Boekenmarkt');
  const page = await get(`/agenda/${event.id}`, org1);
  assert.match(await page.text(), new RegExp(`<a class="utrecht-link" href="/agenda/${event.id}/bewerken">Bewerken</a>`));
  const res = await get(`/agenda/${event.id}/bewerken`, org1);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<h1 class="utrecht-heading-1">Evenement bewerken<\/h1>/);
  assert.match(html, /goedgekeurd en blijft dat/, 'says what happens to the status');
  const fields = formFields(html);
  assert.ok(fields.csrf, 'the CSRF field');
  assert.equal(fields.version, String(event.version));
  assert.deepEqual(
    { title: fields.title, start: fields.start, end: fields.end, category: fields.category, audience: fields.audience,
      expected_visitors: fields.expected_visitors, amplified_sound: fields.amplified_sound, public: fields.public,
      description: fields.description, all_day: fields.all_day },
    { title: 'Boekenmarkt', start: '2027-05-15T10:00', end: '2027-05-15T16:00', category: 'markt', audience: 'gezinnen',
      expected_visitors: '150', amplified_sound: 'ja', public: 'ja', description: 'Tweedehands boeken.', all_day: undefined },
    'prefilled, times as Amsterdam wall-clock');

  const saved = await post(`/agenda/${event.id}/bewerken`, org1, { ...fields, title: 'Boekenmarkt op de Brink', end: '2027-05-15T17:00' });
  assert.equal(saved.status, 303, await saved.clone().text());
  assert.equal(saved.headers.get('location'), `/agenda/${event.id}?gewijzigd=1`);
  const shown = await (await get(saved.headers.get('location'), org1)).text();
  assert.match(shown, /<h1 class="utrecht-heading-1">Boekenmarkt op de Brink<\/h1>/);
  assert.match(shown, /Uw wijziging is opgeslagen/);
  assert.match(shown, /10:00 tot 17:00 uur/);
  const after = await stored(event.id);
  assert.equal(after.version, event.version + 1);
  assert.equal(after.sequence, event.sequence + 1);
  assert.equal(after.status, 'goedgekeurd', 'as with PATCH, the status stays');
  assert.equal(after.end, '2027-05-15T17:00:00+02:00');
  assert.deepEqual(
    [after.expected_visitors, after.amplified_sound, after.category, after.audience, after.event_class, after.organiser, after.public],
    [event.expected_visitors, event.amplified_sound, event.category, event.audience, event.event_class, event.organiser, event.public],
    'what was not changed is kept');
  assert.equal((await api(`/api/v1/events/${event.id}`)).status, 200, 'still public');
});

test('a moderator may edit any event; another organiser gets 403 (404 when the event is not public); anonymous is sent to sign in', async () => {
  const event = await ownEvent('Rommelmarkt');
  assert.equal((await get(`/agenda/${event.id}/bewerken`, admin)).status, 200);
  assert.match(await (await get(`/agenda/${event.id}`, admin)).text(), /\/bewerken">Bewerken</);

  const refused = await get(`/agenda/${event.id}/bewerken`, org2);
  assert.equal(refused.status, 403);
  assert.match(await refused.text(), /alleen de evenementen wijzigen die u zelf hebt aangemeld/);
  assert.ok(!(await (await get(`/agenda/${event.id}`, org2)).text()).includes('/bewerken'), 'no link for others');
  assert.ok(!(await (await get(`/agenda/${event.id}`)).text()).includes('/bewerken'), 'no link for visitors');
  const form = formFields(await (await get(`/agenda/${event.id}/bewerken`, org1)).text());
  const csrf2 = (await (await get('/agenda/indienen', org2)).text()).match(/name="csrf" value="([^"]+)"/)[1];
  const forged = await post(`/agenda/${event.id}/bewerken`, org2, { ...form, csrf: csrf2, title: 'Gekaapt' });
  assert.equal(forged.status, 403);
  await assertUnchanged(event);

  const internal = await ownEvent('Nog niet beoordeeld', { approve: false });
  assert.equal((await get(`/agenda/${internal.id}/bewerken`, org2)).status, 404, 'as /agenda/{id}: not visible to them');
  assert.equal((await get(`/agenda/${internal.id}/bewerken`, org1)).status, 200);

  const anonymous = await get(`/agenda/${event.id}/bewerken`);
  assert.equal(anonymous.status, 303);
  assert.equal(anonymous.headers.get('location'), `/login?terug=${encodeURIComponent(`/agenda/${event.id}/bewerken`)}`);
  const anonymousPost = await post(`/agenda/${event.id}/bewerken`, null, { ...form, title: 'Anoniem' });
  assert.equal(anonymousPost.status, 401, 'a POST is not redirected: nothing to come back to');
  await assertUnchanged(event);
});

test('a POST without the CSRF token is refused and changes nothing', async () => {
  const event = await ownEvent('Kleedjesmarkt');
  const form = formFields(await (await get(`/agenda/${event.id}/bewerken`, org1)).text());
  for (const csrf of [undefined, 'nep']) {
    const fields = { ...form, title: 'Zonder token' };
    if (csrf === undefined) delete fields.csrf;
    else fields.csrf = csrf;
    const res = await post(`/agenda/${event.id}/bewerken`, org1, fields);
    assert.equal(res.status, 403);
    assert.match(await res.text(), /Formulier verlopen/);
  }
  await assertUnchanged(event);
});

test('a stale version shows both versions and overwrites nothing', async () => {
  const event = await ownEvent('Plantenmarkt');
  const form = formFields(await (await get(`/agenda/${event.id}/bewerken`, org1)).text());
  // Someone else (the beheerder, through the API) saves first.
  const theirs = await api(`/api/v1/events/${event.id}`, { method: 'PATCH', token: adminToken, body: { title: 'Plantenmarkt (verplaatst)', version: event.version } });
  assert.equal(theirs.status, 200);
  const res = await post(`/agenda/${event.id}/bewerken`, org1, { ...form, title: 'Plantenruilmarkt', expected_visitors: '180' });
  assert.equal(res.status, 409);
  const html = await res.text();
  assert.match(html, /Iemand anders heeft dit evenement intussen gewijzigd/);
  assert.match(html, /<th class="utrecht-table__header-cell" scope="row">Titel<\/th><td class="utrecht-table__cell">Plantenruilmarkt<\/td><td class="utrecht-table__cell">Plantenmarkt \(verplaatst\)<\/td>/);
  assert.match(html, /scope="row">Verwachte bezoekers<\/th><td class="utrecht-table__cell">180<\/td><td class="utrecht-table__cell">150</);
  assert.ok(!/scope="row">Locatie</.test(html), 'only the fields that differ');
  const now = formFields(html);
  assert.equal(now.title, 'Plantenmarkt (verplaatst)', 'the form holds the stored version');
  assert.equal(now.version, String(theirs.body.version));
  const after = await stored(event.id);
  assert.equal(after.title, 'Plantenmarkt (verplaatst)');
  assert.equal(after.expected_visitors, 150);
  assert.equal(after.version, theirs.body.version);
  // Saving again on the version shown succeeds.
  const again = await post(`/agenda/${event.id}/bewerken`, org1, { ...now, title: 'Plantenruilmarkt' });
  assert.equal(again.status, 303);
  assert.equal((await stored(event.id)).title, 'Plantenruilmarkt');
});

test('invalid input (end before start) re-shows the form with the Dutch message by the field; nothing changes', async () => {
  const event = await ownEvent('Vlooienmarkt');
  const form = formFields(await (await get(`/agenda/${event.id}/bewerken`, org1)).text());
  const res = await post(`/agenda/${event.id}/bewerken`, org1, { ...form, title: 'Vlooienmarkt laat', end: '2027-05-15T09:00' });
  assert.equal(res.status, 422);
  const html = await res.text();
  assert.match(html, /<p class="utrecht-form-field-error-message" id="e-end">Het einde ligt vóór of op het begin/);
  assert.match(html, /id="f-end" name="end" value="2027-05-15T09:00"[^>]*aria-invalid="true"/);
  const kept = formFields(html);
  assert.equal(kept.title, 'Vlooienmarkt laat', 'what was typed is kept');
  assert.equal(kept.version, String(event.version), 'still on the version the user had');
  await assertUnchanged(event);
});

test('HTML in the title is refused and shown escaped on the form; other markup characters are escaped on the page', async () => {
  const event = await ownEvent('Markt');
  const form = formFields(await (await get(`/agenda/${event.id}/bewerken`, org1)).text());
  const tag = '<script>alert(1)</script>"><b>';
  const refused = await post(`/agenda/${event.id}/bewerken`, org1, { ...form, title: tag });
  assert.equal(refused.status, 422);
  const html = await refused.text();
  assert.ok(!html.includes(tag) && !html.includes('<script>alert'), 'never as markup');
  assert.match(html, /id="e-title">De titel mag geen HTML bevatten/);
  assert.equal(formFields(html).title, tag, 'the input is kept, escaped in value="..."');
  await assertUnchanged(event);

  const odd = 'Kaas & "wijn" <3 \'s avonds';
  const saved = await post(`/agenda/${event.id}/bewerken`, org1, { ...form, title: odd });
  assert.equal(saved.status, 303);
  const page = await (await get(`/agenda/${event.id}`, org1)).text();
  assert.ok(!page.includes(odd), 'escaped on the page');
  assert.match(page, /<h1 class="utrecht-heading-1">Kaas &amp; (&quot;|&#34;)wijn(&quot;|&#34;) &lt;3 /);
  const again = await (await get(`/agenda/${event.id}/bewerken`, org1)).text();
  assert.ok(!again.includes(`value="${odd}"`));
  assert.equal(formFields(again).title, odd);
});

test('a moderator edits a recurring series: EXDATE, RDATE and changed occurrences, class and organiser are kept', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const { body } = await api(`/api/v1/events?from=${today}&to=${new Date().getUTCFullYear() + 1}-12-31`);
  const id = body.occurrences.find((o) => o.uid.startsWith('weekmarkt@')).event_id;
  const before = await stored(id);
  assert.ok(before.rrule && before.exdates.length && before.changes.length, 'the demo market has all three');
  const form = formFields(await (await get(`/agenda/${id}/bewerken`, admin)).text());
  assert.equal(form.rrule, before.rrule);
  const saved = await post(`/agenda/${id}/bewerken`, admin, { ...form, title: 'Weekmarkt op de Markt (fictief)' });
  assert.equal(saved.status, 303);
  const after = await stored(id);
  assert.equal(after.title, 'Weekmarkt op de Markt (fictief)');
  for (const key of ['rrule', 'exdates', 'rdates', 'changes', 'start', 'end', 'event_class', 'organiser', 'status', 'city_dressing']) {
    assert.deepEqual(after[key], before[key], key);
  }
});

test('an all-day event: the form shows its days and the box ticked; saving keeps whole Amsterdam days', async () => {
  const venues = (await api('/api/v1/venues')).body.venues;
  const created = await api('/api/v1/events', {
    method: 'POST',
    token: org1Token,
    body: { title: 'Kunstroute', venue_id: venues[0].id, start: '2027-10-30T00:00:00+02:00', end: '2027-11-01T00:00:00+01:00', all_day: true },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const form = formFields(await (await get(`/agenda/${created.body.id}/bewerken`, org1)).text());
  assert.deepEqual([form.start, form.end, form.all_day], ['2027-10-30T00:00', '2027-11-01T00:00', 'ja']);
  const saved = await post(`/agenda/${created.body.id}/bewerken`, org1, { ...form, title: 'Kunstroute binnenstad' });
  assert.equal(saved.status, 303);
  const after = await stored(created.body.id);
  assert.deepEqual([after.title, after.all_day, after.start, after.end],
    ['Kunstroute binnenstad', true, '2027-10-30T00:00:00+02:00', '2027-11-01T00:00:00+01:00'], 'across the October change');
  const off = await post(`/agenda/${created.body.id}/bewerken`, org1, { ...form, version: String(after.version), all_day: '', start: '2027-10-30T10:00', end: '2027-10-30T17:00' });
  assert.equal(off.status, 303);
  assert.deepEqual([(await stored(created.body.id)).all_day, (await stored(created.body.id)).start], [false, '2027-10-30T10:00:00+02:00']);
});
