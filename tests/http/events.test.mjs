// HTTP tests of the agenda (issue #7): the ICS feed read by two independent parsers (npm ical.js and Debian's
// python3-icalendar with dateutil), whose expansion of every recurring event must equal the API's occurrences,
// also across the March and October clock changes; bad input refused with Dutch messages and nothing stored;
// nothing executable in any page or feed; rights (organisers change only their own events, moderators approve);
// versions (428/409) and SEQUENCE; clashes with plain-Dutch reasons; the import of regional calendars.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { startDemoServer } from '../support/server.mjs';

let server;
let adminToken;
before(async () => {
  server = await startDemoServer();
  adminToken = server.createToken();
});
after(async () => server?.cleanup());

const api = (path, { method = 'GET', token, body, type = 'application/json', raw } = {}) =>
  fetch(server.url + path, {
    method,
    redirect: 'manual',
    headers: {
      ...(body !== undefined || raw !== undefined ? { 'content-type': type } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
  });
const json = async (path, options) => {
  const res = await api(path, options);
  assert.equal(res.status, 200, `${path}: ${res.status} ${await res.clone().text()}`);
  return res.json();
};
const utc = (iso) => new Date(iso).toISOString().replace('.000Z', 'Z');

// The range the comparisons use: from today for about two years (the demo reaches into next year's changes).
const now = new Date();
const FROM = utc(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString());
const TO = utc(new Date(Date.parse(FROM) + 700 * 86400000).toISOString());
const nextYear = now.getUTCFullYear() + 1;
// The last Sunday of a month (1-12) of a year, "YYYY-MM-DD".
function lastSunday(year, month) {
  const d = new Date(Date.UTC(year, month, 0));
  d.setUTCDate(d.getUTCDate() - d.getUTCDay());
  return d.toISOString().slice(0, 10);
}

async function apiOccurrences() {
  const body = await json(`/api/v1/events?from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`);
  return body.occurrences;
}

function expandWithIcalJs(text) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  const vevents = root.getAllSubcomponents('vevent');
  const masters = new Map();
  for (const v of vevents) if (!v.hasProperty('recurrence-id')) masters.set(v.getFirstPropertyValue('uid'), new ICAL.Event(v));
  for (const v of vevents) {
    if (v.hasProperty('recurrence-id')) masters.get(v.getFirstPropertyValue('uid')).relateException(new ICAL.Event(v));
  }
  const from = Date.parse(FROM);
  const to = Date.parse(TO);
  const out = [];
  for (const [uid, event] of masters) {
    if (!event.isRecurring()) continue;
    const it = event.iterator();
    for (let next = it.next(); next; next = it.next()) {
      if (next.toJSDate().getTime() >= to) break;
      const d = event.getOccurrenceDetails(next);
      const start = d.startDate.toJSDate().getTime();
      const end = d.endDate.toJSDate().getTime();
      if (!(start < to && end > from)) continue;
      const status = String(d.item.component.getFirstPropertyValue('status') ?? event.component.getFirstPropertyValue('status') ?? '');
      out.push({ uid, recurrence_id: utc(next.toJSDate().toISOString()), start: utc(new Date(start).toISOString()), end: utc(new Date(end).toISOString()), cancelled: status.toUpperCase() === 'CANCELLED' });
    }
  }
  return out;
}

function expandWithPython(text) {
  const out = execFileSync('/usr/bin/python3', [new URL('./events_expand.py', import.meta.url).pathname, FROM, TO], {
    input: text,
  }).toString();
  return JSON.parse(out);
}

const key = (o) => `${o.uid} ${o.recurrence_id} ${o.start} ${o.end} ${o.cancelled}`;

test('the ICS feed has the RFC 7986 properties, a VTIMEZONE and parses in ical.js and python3-icalendar', async () => {
  const res = await api('/agenda.ics');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/calendar/);
  const text = await res.text();
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  for (const needle of ['VERSION:2.0', 'PRODID:', 'NAME:', 'REFRESH-INTERVAL;VALUE=DURATION:', 'BEGIN:VTIMEZONE', 'TZID:Europe/Amsterdam']) {
    assert.ok(text.includes(needle), needle);
  }
  const root = new ICAL.Component(ICAL.parse(text));
  assert.ok(root.getAllSubcomponents('vevent').length >= 10);
  const py = execFileSync('/usr/bin/python3', ['-c', 'import sys; from icalendar import Calendar; c = Calendar.from_ical(sys.stdin.buffer.read()); print(len(c.walk("VEVENT")))'], { input: text }).toString();
  assert.equal(Number(py), root.getAllSubcomponents('vevent').length);
});

test('every recurring event expands the same in ical.js, python and the API, across both clock changes', async () => {
  const text = await (await api('/agenda.ics')).text();
  const occurrences = await apiOccurrences();
  const recurringUids = new Set(occurrences.filter((o) => o.recurrence_id !== null).map((o) => o.uid));
  assert.ok(recurringUids.size >= 3, 'the demo has recurring events');
  assert.ok(occurrences.filter((o) => recurringUids.has(o.uid)).length > 50, 'many occurrences compared');
  const fromApi = occurrences
    .filter((o) => recurringUids.has(o.uid))
    .map((o) => ({ uid: o.uid, recurrence_id: utc(o.recurrence_id), start: utc(o.start), end: utc(o.end), cancelled: o.status === 'geannuleerd' }))
    .map(key)
    .sort();
  const fromIcalJs = expandWithIcalJs(text).map(key).sort();
  const fromPython = expandWithPython(text).map(key).sort();
  assert.deepEqual(fromIcalJs, fromApi, 'ical.js against the API');
  assert.deepEqual(fromPython, fromApi, 'python3-icalendar against the API');

  // Pinned by hand: the koopzondag on both change days at 12:00 local, the market on the Saturday before.
  const march = lastSunday(nextYear, 3);
  const october = lastSunday(nextYear, 10);
  const koop = occurrences.filter((o) => o.uid.startsWith('koopzondag@'));
  assert.ok(koop.some((o) => o.start === `${march}T12:00:00+02:00`), `koopzondag ${march} at 12:00 CEST`);
  assert.ok(koop.some((o) => o.start === `${october}T12:00:00+01:00`), `koopzondag ${october} at 12:00 CET`);
  const market = occurrences.filter((o) => o.uid.startsWith('weekmarkt@'));
  const saturdayBefore = (day) => new Date(Date.parse(`${day}T12:00:00Z`) - 86400000).toISOString().slice(0, 10);
  const beforeMarch = market.find((o) => o.start.startsWith(saturdayBefore(march)));
  assert.equal(beforeMarch.start, `${saturdayBefore(march)}T08:00:00+01:00`);
  const cancelled = market.find((o) => o.start.startsWith(saturdayBefore(october)));
  assert.equal(cancelled.status, 'geannuleerd', 'the market before the October change is cancelled');
  assert.equal(cancelled.start, `${saturdayBefore(october)}T08:00:00+02:00`);
  assert.ok(text.includes(`RECURRENCE-ID;TZID=Europe/Amsterdam:${saturdayBefore(october).replaceAll('-', '')}T080000`));
  assert.match(text, /EXDATE;TZID=Europe\/Amsterdam:\d{8}T080000/);
});

test('the API answers the contract: occurrences bounded by from/to, filters, venues', async () => {
  const { venues } = await json('/api/v1/venues');
  assert.deepEqual(venues.map((v) => v.name), ['Koopmansplein', 'Brink', 'Markt', 'Kerkplein', 'Kop van de Vaart', 'Drents Museum']);
  const week = await json('/api/v1/events?from=2030-06-01&to=2030-06-08');
  assert.equal(week.occurrences.filter((o) => o.uid.startsWith('weekmarkt@')).length, 1, 'the unbounded market, once a week');
  const markt = await json(`/api/v1/events?from=${FROM}&to=${TO}&venue=Markt`);
  assert.ok(markt.occurrences.length > 0 && markt.occurrences.every((o) => o.venue === 'Markt'));
  const youth = await json(`/api/v1/events?from=${FROM}&to=${TO}&audience=jeugd`);
  assert.ok(youth.occurrences.length > 0 && youth.occurrences.every((o) => o.title.includes('jeugd') || o.title.includes('Kinder')));
  const o = markt.occurrences[0];
  for (const field of ['event_id', 'uid', 'recurrence_id', 'title', 'start', 'end', 'venue', 'status']) assert.ok(field in o, field);
  assert.match(o.start, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  // Without bounds: redirected to today's (so that the cached answer never depends on the clock).
  const unbounded = await api('/api/v1/events?venue=Markt');
  assert.equal(unbounded.status, 307);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  assert.match(unbounded.headers.get('location'), new RegExp(`^/api/v1/events\\?from=${today}&to=\\d{4}-\\d\\d-\\d\\d&venue=Markt$`));
  const bad = await api('/api/v1/events?from=2030-06-08&to=2030-06-01');
  assert.equal(bad.status, 422);
  assert.equal((await bad.json()).error.field, 'to');
  const tooLong = await api('/api/v1/events?from=2030-01-01&to=2040-01-01');
  assert.equal(tooLong.status, 422);
  const all = await apiOccurrences();
  assert.ok(!all.some((o) => o.title.includes('Winterwandeling')), 'a submission awaiting moderation is not public');
});

const venueId = async (name) => (await json('/api/v1/venues')).venues.find((v) => v.name === name).id;

test('bad input is refused in Dutch and nothing is stored', async () => {
  const brink = await venueId('Brink');
  const base = { title: 'Proef', venue_id: brink, start: '2031-05-03T14:00:00+02:00', end: '2031-05-03T16:00:00+02:00', category: 'cultuur' };
  const count = async () => (await json('/api/v1/events?from=2031-05-01&to=2031-05-10')).occurrences.length;
  const before = await count();
  const cases = [
    [{ ...base, end: '2031-05-03T13:00:00+02:00' }, 'end', /einde/],
    [{ ...base, rrule: 'FREQ=FORTNIGHTLY' }, 'rrule', /RRULE/],
    [{ ...base, title: '<script>alert(1)</script>' }, 'title', /HTML/],
    [{ ...base, start: 'zaterdag 3 mei' }, 'start', /ISO 8601/],
    [{ ...base, start: '2031-05-03T14:00' }, 'start', /Europe\/Amsterdam/],
    [{ ...base, venue_id: 999 }, 'venue_id', /bestaat niet/],
    [{ ...base, kleur: 'rood' }, 'kleur', /Onbekend veld/],
  ];
  for (const [body, field, message] of cases) {
    const res = await api('/api/v1/events', { method: 'POST', token: adminToken, body });
    assert.equal(res.status, 422, JSON.stringify(body));
    const { error } = await res.json();
    assert.equal(error.code, 'invalid');
    assert.ok(error.fields.some((f) => f.field === field && message.test(f.message)), `${field}: ${JSON.stringify(error)}`);
  }
  const broken = await api('/api/v1/events', { method: 'POST', token: adminToken, raw: '{"title":', type: 'application/json' });
  assert.equal(broken.status, 400);
  const huge = await api('/api/v1/events', { method: 'POST', token: adminToken, raw: JSON.stringify({ ...base, description: 'x'.repeat(2 * 1024 * 1024) }) });
  assert.equal(huge.status, 413);
  assert.equal(await count(), before, 'nothing stored');
  // Local time with the zone, and an unbounded rule: accepted; the expansion stays bounded by the range.
  const local = await api('/api/v1/events', { method: 'POST', token: adminToken, body: { ...base, start: '2031-05-03T14:00', end: '2031-05-03T16:00', tz: 'Europe/Amsterdam', rrule: 'FREQ=DAILY' } });
  assert.equal(local.status, 201);
  const created = await local.json();
  assert.equal(created.start, '2031-05-03T14:00:00+02:00');
  assert.equal(created.status, 'ingediend');
  const days = await json('/api/v1/events?from=2031-05-01&to=2031-05-10');
  assert.equal(days.occurrences.filter((o) => o.event_id === created.id).length, 0, 'not approved: not public');
});

test('HTML and script in a description are text in the JSON, the ICS and the RSS', async () => {
  const brink = await venueId('Brink');
  const res = await api('/api/v1/events', {
    method: 'POST',
    token: adminToken,
    body: { title: 'Kunst & cultuur', description: '<script>alert("x")</script><img src=x onerror=alert(1)>', venue_id: brink, start: '2027-02-06T14:00:00+01:00', end: '2027-02-06T16:00:00+01:00', category: 'cultuur', status: 'goedgekeurd' },
  });
  assert.equal(res.status, 201);
  const event = await res.json();
  assert.equal(event.status, 'goedgekeurd');
  const rss = await (await api('/agenda.rss?from=2027-02-01&to=2027-02-10')).text();
  assert.ok(rss.includes('&lt;script&gt;') && !rss.includes('<script'), 'escaped in RSS');
  assert.ok(rss.includes('Kunst &amp; cultuur'));
  const ics = await (await api('/agenda.ics')).text();
  const vevent = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === event.uid);
  assert.equal(vevent.getFirstPropertyValue('description'), '<script>alert("x")</script><img src=x onerror=alert(1)>', 'ICS carries text');
  const page = await api(`/agenda/${event.id}`);
  if (page.status === 200) {
    const html = await page.text();
    assert.ok(!html.includes('<script>alert'), 'escaped on the page');
    assert.ok(!html.includes('<img src=x'), 'escaped on the page');
  }
});

test('rights: anonymous and eigenaar may not submit; organisers change only their own; only moderators approve', async () => {
  const brink = await venueId('Brink');
  const body = { title: 'Boekenmarkt', venue_id: brink, start: '2027-05-15T10:00:00+02:00', end: '2027-05-15T16:00:00+02:00', category: 'markt' };
  assert.equal((await api('/api/v1/events', { method: 'POST', body })).status, 401);
  server.addUser('eigenaar@test.example', 'eigenaar');
  const eigenaar = server.createToken({ email: 'eigenaar@test.example' });
  assert.equal((await api('/api/v1/events', { method: 'POST', token: eigenaar, body })).status, 403);
  server.addUser('org1@test.example', 'organisator');
  server.addUser('org2@test.example', 'organisator');
  const org1 = server.createToken({ email: 'org1@test.example' });
  const org2 = server.createToken({ email: 'org2@test.example' });
  const res = await api('/api/v1/events', { method: 'POST', token: org1, body });
  assert.equal(res.status, 201);
  const mine = await res.json();
  assert.equal(mine.status, 'ingediend');
  assert.equal(mine.organiser, 'Test organisator');
  const approve = await api(`/api/v1/events/${mine.id}`, { method: 'PATCH', token: org1, body: { status: 'goedgekeurd', version: mine.version } });
  assert.equal(approve.status, 422);
  assert.match((await approve.json()).error.message, /beheerder en de gemeente/);
  const other = await api(`/api/v1/events/${mine.id}`, { method: 'PATCH', token: org2, body: { title: 'Gekaapt', version: mine.version } });
  assert.equal(other.status, 404, 'an event another organiser may not see does not exist for them');
  const own = await api(`/api/v1/events/${mine.id}`, { method: 'PATCH', token: org1, body: { title: 'Boekenmarkt op de Brink', version: mine.version } });
  assert.equal(own.status, 200);
  assert.equal((await own.json()).title, 'Boekenmarkt op de Brink');
  assert.equal((await api(`/api/v1/events/${mine.id}`)).status, 404, 'not public before approval');
  const ok = await api(`/api/v1/events/${mine.id}`, { method: 'PATCH', token: adminToken, body: { status: 'goedgekeurd', version: 2 } });
  assert.equal(ok.status, 200);
  assert.equal((await api(`/api/v1/events/${mine.id}`)).status, 200);
  const published = await api(`/api/v1/events/${mine.id}`, { method: 'PATCH', token: org2, body: { title: 'Gekaapt', version: 3 } });
  assert.equal(published.status, 403, 'a published event of someone else may be seen, not changed');
});

test('versions: PATCH needs one (428), a stale one is refused (409 with the current), SEQUENCE rises in the feed', async () => {
  const occurrences = await apiOccurrences();
  const id = occurrences.find((o) => o.uid.startsWith('weekmarkt@')).event_id;
  const current = await json(`/api/v1/events/${id}`);
  const none = await api(`/api/v1/events/${id}`, { method: 'PATCH', token: adminToken, body: { title: 'x' } });
  assert.equal(none.status, 428);
  const stale = await api(`/api/v1/events/${id}`, { method: 'PATCH', token: adminToken, body: { title: 'Weekmarkt', version: current.version + 5 } });
  assert.equal(stale.status, 409);
  assert.equal((await stale.json()).current.version, current.version);
  const seqBefore = Number((await (await api('/agenda.ics')).text()).match(new RegExp(`UID:${current.uid}\\r\\n(?:.*\\r\\n)*?SEQUENCE:(\\d+)`))[1]);
  const changed = await api(`/api/v1/events/${id}`, { method: 'PATCH', token: adminToken, body: { description: 'Nu ook met een visboer.', version: current.version } });
  assert.equal(changed.status, 200);
  const after = await changed.json();
  assert.equal(after.sequence, current.sequence + 1);
  const seqAfter = Number((await (await api('/agenda.ics')).text()).match(new RegExp(`UID:${current.uid}\\r\\n(?:.*\\r\\n)*?SEQUENCE:(\\d+)`))[1]);
  assert.equal(seqAfter, seqBefore + 1);
});

test('clashes of the summer festival: same venue, emergency services and the regional race weekend, in Dutch', async () => {
  const occurrences = await apiOccurrences();
  const festival = occurrences.find((o) => o.uid.startsWith('zomerfestival@'));
  assert.ok(festival);
  assert.equal((await api(`/api/v1/events/${festival.event_id}/clashes`)).status, 401);
  const { clashes } = await json(`/api/v1/events/${festival.event_id}/clashes`, { token: adminToken });
  const kinds = new Set(clashes.map((c) => c.kind));
  for (const kind of ['venue_overlap', 'emergency_services', 'regional_weekend']) assert.ok(kinds.has(kind), kind);
  const overlap = clashes.find((c) => c.kind === 'venue_overlap');
  assert.match(overlap.reason, /Tegelijk met .* op dezelfde locatie \(Koopmansplein\)/);
  assert.equal(typeof overlap.with_event_id, 'number');
  // The organiser sees clashes when submitting.
  const res = await api('/api/v1/events', {
    method: 'POST',
    token: adminToken,
    body: { title: 'Tweede podium', venue_id: await venueId('Koopmansplein'), start: festival.start, end: festival.end, category: 'muziek', expected_visitors: 3000 },
  });
  assert.equal(res.status, 201);
  const submitted = await res.json();
  assert.equal(submitted.event_class, 'B', 'derived from the A-criteria');
  assert.ok(submitted.clashes.some((c) => c.kind === 'venue_overlap' && c.with_event_id === festival.event_id));
});

test('regional calendars: not-an-ICS refused, then de-duplicated by UID, updated, removed events cancelled', async () => {
  const upload = (raw, source = 'drenthe') =>
    api(`/api/v1/events/import?source=${source}`, { method: 'POST', token: adminToken, type: 'text/calendar', raw });
  const notIcs = await upload('naam;datum\nTT;2027-06-27\n');
  assert.equal(notIcs.status, 400);
  assert.match((await notIcs.json()).error.message, /geen iCalendar/);
  const ev = (uid, summary, day) =>
    `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;TZID=Europe/Amsterdam:${day}T100000\r\nDTEND;TZID=Europe/Amsterdam:${day}T170000\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\n`;
  const cal = (...events) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//regio//NL\r\n${events.join('')}END:VCALENDAR\r\n`;
  const first = await upload(cal(ev('a@drenthe', 'Dag van het Drentse paard', '20270918'), ev('b@drenthe', 'Kaasmarkt Norg', '20270919')));
  assert.equal(first.status, 200);
  assert.deepEqual(await first.json(), { source: 'drenthe', created: 2, updated: 0, unchanged: 0, cancelled: 0 });
  const again = await (await upload(cal(ev('a@drenthe', 'Dag van het Drentse paard', '20270918'), ev('b@drenthe', 'Kaasmarkt Norg', '20270919')))).json();
  assert.deepEqual([again.created, again.updated, again.unchanged, again.cancelled], [0, 0, 2, 0]);
  const bad = await upload(cal(ev('c@drenthe', 'Nieuw', '20270920'), 'BEGIN:VEVENT\r\nUID:d@drenthe\r\nSUMMARY:zonder begin\r\nEND:VEVENT\r\n'));
  assert.equal(bad.status, 422, 'all or nothing');
  const third = await (await upload(cal(ev('a@drenthe', 'Dag van het Drentse paard (verzet)', '20270925')))).json();
  assert.deepEqual([third.created, third.updated, third.unchanged, third.cancelled], [0, 1, 0, 1]);
  const regional = await json('/api/v1/events?from=2027-09-01&to=2027-10-01&regio=1');
  const a = regional.occurrences.find((o) => o.uid === 'a@drenthe');
  const b = regional.occurrences.find((o) => o.uid === 'b@drenthe');
  assert.equal(a.start, '2027-09-25T10:00:00+02:00');
  assert.equal(b.status, 'geannuleerd', 'removed from the calendar: cancelled, not deleted');
  assert.ok(!regional.occurrences.some((o) => o.uid === 'c@drenthe'));
  const local = await json('/api/v1/events?from=2027-09-01&to=2027-10-01');
  assert.ok(!local.occurrences.some((o) => o.regional), 'the public agenda is the centre only');
  // The same through the command line.
  const file = join(server.dir, 'regio.ics');
  writeFileSync(file, cal(ev('e@cli', 'Via de opdrachtregel', '20271002')));
  assert.match(server.cli(['import', 'events', file, '--source', 'cli']), /1 nieuw/);
  assert.match(server.cli(['import', 'events', file, '--source', 'cli']), /1 ongewijzigd/);
  writeFileSync(file, 'geen agenda');
  assert.throws(() => server.cli(['import', 'events', file, '--source', 'cli']), /geen iCalendar/);
});

test('the partnership fills in a venue capacity (versioned); then over-capacity is a clash', async () => {
  const brink = (await json('/api/v1/venues')).venues.find((v) => v.name === 'Brink');
  assert.equal(brink.capacity, null, 'not public: not seeded');
  assert.equal((await api(`/api/v1/venues/${brink.id}`, { method: 'PATCH', body: { capacity: 2000, version: 1 } })).status, 401);
  assert.equal((await api(`/api/v1/venues/${brink.id}`, { method: 'PATCH', token: adminToken, body: { capacity: 2000 } })).status, 428);
  const bad = await api(`/api/v1/venues/${brink.id}`, { method: 'PATCH', token: adminToken, body: { capacity: 0, version: brink.version } });
  assert.equal(bad.status, 422);
  const ok = await api(`/api/v1/venues/${brink.id}`, { method: 'PATCH', token: adminToken, body: { capacity: 2000, version: brink.version } });
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).capacity, 2000);
  assert.equal((await api(`/api/v1/venues/${brink.id}`, { method: 'PATCH', token: adminToken, body: { capacity: 2500, version: brink.version } })).status, 409);
  const res = await api('/api/v1/events', {
    method: 'POST',
    token: adminToken,
    body: { title: 'Braderie', venue_id: brink.id, start: '2027-08-11T10:00:00+02:00', end: '2027-08-11T17:00:00+02:00', category: 'markt', expected_visitors: 2600 },
  });
  const { clashes } = await res.json();
  assert.ok(clashes.some((c) => c.kind === 'over_capacity' && c.reason === '2600 verwachte bezoekers, maar Brink biedt plaats aan 2000.'), JSON.stringify(clashes));
});
