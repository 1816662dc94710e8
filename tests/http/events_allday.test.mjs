// HTTP tests of all-day recurring events (issue #7): the demo agenda has none, so the parser comparison of
// events.test.mjs never sees DTSTART;VALUE=DATE. Here the beheerder adds two approved, public all-day series
// around next year's clock changes — weekends (Saturday and Sunday) across the last Sunday of March with one
// EXDATE and one cancelled day, and a two-day event once a month, once over the last Sunday of October — and the
// feed is read by npm ical.js and Debian's python3-icalendar (tests/http/events_expand.py). All-day occurrences
// are compared as dates (YYYY-MM-DD of start and end, end exclusive), not instants: a DATE has no zone. The API's
// occurrences must be whole Amsterdam days: local midnight to local midnight with the offset of each side, so
// the Sunday of the spring change lasts 23 hours and that of the autumn change 25.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import ICAL from 'ical.js';
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
  assert.equal(res.status, 200, `${path}: ${res.status} ${await res.clone().text()}`);
  return res.json();
};
const utc = (iso) => new Date(iso).toISOString().replace('.000Z', 'Z');

const now = new Date();
const FROM = utc(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString());
const TO = utc(new Date(Date.parse(FROM) + 700 * 86400000).toISOString());
const nextYear = now.getUTCFullYear() + 1;

// Dates as "YYYY-MM-DD", counted in whole days (on UTC noon, so no clock change interferes).
const addDays = (day, n) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86400000);
const compact = (day) => day.replaceAll('-', '');
function lastSunday(year, month) {
  const d = new Date(Date.UTC(year, month, 0));
  d.setUTCDate(d.getUTCDate() - d.getUTCDay());
  return d.toISOString().slice(0, 10);
}
// The Amsterdam wall-clock of an instant, "YYYY-MM-DDTHH:MM:SS".
const amsterdamFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});
function amsterdamWallClock(instant) {
  const p = Object.fromEntries(amsterdamFormat.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}
const amsterdamDay = (instant) => amsterdamWallClock(instant).slice(0, 10);

const MARCH = lastSunday(nextYear, 3); // the Sunday the clocks go forward
const OCTOBER = lastSunday(nextYear, 10); // the Sunday they go back
// Weekends for six weeks from the Saturday two weeks before the March change; UNTIL as a DATE (RFC 5545: the
// same value type as DTSTART).
const WEEKEND_FIRST = addDays(MARCH, -15);
const WEEKEND_UNTIL = addDays(WEEKEND_FIRST, 36); // the sixth Sunday
const WEEKEND_EXDATE = addDays(MARCH, 6); // the Saturday after the change
const WEEKEND_CANCELLED = addDays(MARCH, -1); // the Saturday before the change: a cancelled occurrence
// Two days once a month on the same day of the month, four times, the third time the Saturday and Sunday of the
// October change.
const MONTHLY_FIRST = `${nextYear}-08-${addDays(OCTOBER, -1).slice(8)}`;

async function createApproved(body) {
  const res = await api('/api/v1/events', { method: 'POST', token: adminToken, body: { ...body, status: 'ingediend' } });
  assert.equal(res.status, 201, await res.clone().text());
  const created = await res.json();
  assert.equal(created.all_day, true);
  const approved = await api(`/api/v1/events/${created.id}`, {
    method: 'PATCH', token: adminToken, body: { status: 'goedgekeurd', version: created.version },
  });
  assert.equal(approved.status, 200, await approved.clone().text());
  return approved.json();
}

// The VEVENTs of a UID in the feed, as unfolded lines.
function veventsOf(text, uid) {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const blocks = [];
  let block = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') block = [];
    else if (line === 'END:VEVENT') {
      if (block.includes(`UID:${uid}`)) blocks.push(block);
      block = null;
    } else if (block) block.push(line);
  }
  return blocks;
}

// Every recurring event of the feed expanded by ical.js: timed ones as UTC instants (as events.test.mjs), all-day
// ones as dates read from the ICAL.Time fields (toJSDate() would put a DATE in this process's zone).
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
  const fromDay = amsterdamDay(from);
  const toDay = amsterdamDay(to);
  const out = [];
  for (const [uid, event] of masters) {
    if (!event.isRecurring()) continue;
    const allDay = event.startDate.isDate;
    const it = event.iterator();
    for (let next = it.next(); next; next = it.next()) {
      const d = event.getOccurrenceDetails(next);
      const status = String(d.item.component.getFirstPropertyValue('status') ?? event.component.getFirstPropertyValue('status') ?? '');
      const cancelled = status.toUpperCase() === 'CANCELLED';
      if (allDay) {
        assert.ok(next.isDate && d.startDate.isDate && d.endDate.isDate, `${uid}: all-day occurrences are dates`);
        // Overlapping [from, to) on Amsterdam days: an all-day occurrence starting on or after TO's day is out.
        if (next.toString() > toDay) break;
        const start = d.startDate.toString();
        const end = d.endDate.toString();
        if (!(start < toDay || (start === toDay && amsterdamWallClock(to).slice(11) !== '00:00:00')) || !(end > fromDay)) continue;
        out.push({ uid, recurrence_id: next.toString(), start, end, cancelled, all_day: true });
      } else {
        if (next.toJSDate().getTime() >= to) break;
        const start = d.startDate.toJSDate().getTime();
        const end = d.endDate.toJSDate().getTime();
        if (!(start < to && end > from)) continue;
        out.push({ uid, recurrence_id: utc(next.toJSDate().toISOString()), start: utc(new Date(start).toISOString()), end: utc(new Date(end).toISOString()), cancelled });
      }
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

// The API's occurrences in the same form: all-day ones by their Amsterdam dates.
function fromApi(o) {
  const cancelled = o.status === 'geannuleerd';
  if (o.all_day) {
    return { uid: o.uid, recurrence_id: o.recurrence_id.slice(0, 10), start: o.start.slice(0, 10), end: o.end.slice(0, 10), cancelled, all_day: true };
  }
  return { uid: o.uid, recurrence_id: utc(o.recurrence_id), start: utc(o.start), end: utc(o.end), cancelled };
}
const key = (o) => `${o.uid} ${o.recurrence_id} ${o.start} ${o.end} ${o.cancelled}${o.all_day ? ' all-day' : ''}`;

test('all-day recurring events across both clock changes: the feed has DATE values, ical.js, python and the API agree on the days', async () => {
  const brink = (await json('/api/v1/venues')).venues.find((v) => v.name === 'Brink').id;
  const markt = (await json('/api/v1/venues')).venues.find((v) => v.name === 'Markt').id;
  // All-day: start and end are local midnights ("tz" Europe/Amsterdam), the end exclusive as DTEND.
  const weekend = await createApproved({
    title: 'Lenteweekend op de Brink (fictief)', venue_id: brink, category: 'markt', all_day: true, tz: 'Europe/Amsterdam',
    start: `${WEEKEND_FIRST}T00:00`, end: `${addDays(WEEKEND_FIRST, 1)}T00:00`,
    rrule: `FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=${compact(WEEKEND_UNTIL)}`,
    exdates: [`${WEEKEND_EXDATE}T00:00`],
    changes: [{ recurrence_id: `${WEEKEND_CANCELLED}T00:00`, cancelled: true }],
  });
  const monthly = await createApproved({
    title: 'Tweedaagse boekenmarkt (fictief)', venue_id: markt, category: 'markt', all_day: true, tz: 'Europe/Amsterdam',
    start: `${MONTHLY_FIRST}T00:00`, end: `${addDays(MONTHLY_FIRST, 2)}T00:00`,
    rrule: 'FREQ=MONTHLY;COUNT=4',
  });
  assert.equal(weekend.start, `${WEEKEND_FIRST}T00:00:00+01:00`);
  assert.equal(weekend.end, `${addDays(WEEKEND_FIRST, 1)}T00:00:00+01:00`);
  assert.equal(monthly.start, `${MONTHLY_FIRST}T00:00:00+02:00`);

  // The feed: DATE values without TZID (RFC 5545 §3.3.4 / §3.2.19), for DTSTART, DTEND, EXDATE and RECURRENCE-ID.
  const text = await (await api('/agenda.ics')).text();
  const [weekendMaster, ...weekendOverrides] = veventsOf(text, weekend.uid);
  assert.ok(weekendMaster, 'the weekend series is in the public feed');
  assert.ok(weekendMaster.includes(`DTSTART;VALUE=DATE:${compact(WEEKEND_FIRST)}`), weekendMaster.join('\n'));
  assert.ok(weekendMaster.includes(`DTEND;VALUE=DATE:${compact(addDays(WEEKEND_FIRST, 1))}`), weekendMaster.join('\n'));
  assert.ok(weekendMaster.includes(`EXDATE;VALUE=DATE:${compact(WEEKEND_EXDATE)}`), weekendMaster.join('\n'));
  assert.ok(weekendMaster.some((l) => l.startsWith('RRULE:') && l.includes(`UNTIL=${compact(WEEKEND_UNTIL)}`) && !/UNTIL=\d{8}T/.test(l)),
    `UNTIL stays a DATE: ${weekendMaster.find((l) => l.startsWith('RRULE:'))}`);
  assert.equal(weekendOverrides.length, 1, 'one cancelled occurrence');
  assert.ok(weekendOverrides[0].includes(`RECURRENCE-ID;VALUE=DATE:${compact(WEEKEND_CANCELLED)}`), weekendOverrides[0].join('\n'));
  assert.ok(weekendOverrides[0].includes('STATUS:CANCELLED'));
  const [monthlyMaster] = veventsOf(text, monthly.uid);
  assert.ok(monthlyMaster.includes(`DTSTART;VALUE=DATE:${compact(MONTHLY_FIRST)}`), monthlyMaster.join('\n'));
  assert.ok(monthlyMaster.includes(`DTEND;VALUE=DATE:${compact(addDays(MONTHLY_FIRST, 2))}`), monthlyMaster.join('\n'));
  for (const line of [...weekendMaster, ...weekendOverrides.flat(), ...monthlyMaster]) {
    if (/^(DTSTART|DTEND|EXDATE|RDATE|RECURRENCE-ID)[;:]/.test(line)) {
      assert.match(line, /;VALUE=DATE:\d{8}$/, `a date, no time: ${line}`);
      assert.doesNotMatch(line, /TZID/, `no TZID on a DATE: ${line}`);
    }
  }

  // The API's occurrences: whole Amsterdam days, midnight to midnight with each side's own offset.
  const { occurrences } = await json(`/api/v1/events?from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`);
  const mine = (uid) => occurrences.filter((o) => o.uid === uid);
  for (const o of [...mine(weekend.uid), ...mine(monthly.uid)]) {
    assert.equal(o.all_day, true);
    for (const field of ['start', 'end', 'recurrence_id']) {
      assert.match(o[field], /^\d{4}-\d\d-\d\dT00:00:00\+0[12]:00$/, `${field} at local midnight: ${JSON.stringify(o)}`);
      assert.equal(amsterdamWallClock(o[field]), o[field].slice(0, 19), `${field} has the right offset: ${JSON.stringify(o)}`);
    }
    const hours = (Date.parse(o.end) - Date.parse(o.start)) / 3600000;
    const days = daysBetween(o.start.slice(0, 10), o.end.slice(0, 10));
    assert.equal(days, o.uid === weekend.uid ? 1 : 2, `whole days: ${JSON.stringify(o)}`);
    const spansMarch = o.start.slice(0, 10) <= MARCH && MARCH < o.end.slice(0, 10);
    const spansOctober = o.start.slice(0, 10) <= OCTOBER && OCTOBER < o.end.slice(0, 10);
    assert.equal(hours, days * 24 - (spansMarch ? 1 : 0) + (spansOctober ? 1 : 0), `hours of ${JSON.stringify(o)}`);
  }
  // Pinned by hand: twelve weekend days less the EXDATE; the Sunday of the spring change is 23 hours long.
  const weekendDays = mine(weekend.uid);
  assert.equal(weekendDays.length, 11, weekendDays.map((o) => o.start).join(" "));
  assert.ok(!weekendDays.some((o) => o.start.startsWith(WEEKEND_EXDATE)), 'the EXDATE is left out');
  assert.equal(weekendDays.find((o) => o.start.startsWith(WEEKEND_CANCELLED)).status, 'geannuleerd');
  const changeDay = weekendDays.find((o) => o.start.startsWith(MARCH));
  assert.deepEqual([changeDay.start, changeDay.end], [`${MARCH}T00:00:00+01:00`, `${addDays(MARCH, 1)}T00:00:00+02:00`]);
  const saturdayBefore = weekendDays.find((o) => o.start.startsWith(addDays(MARCH, -1)));
  assert.deepEqual([saturdayBefore.start, saturdayBefore.end], [`${addDays(MARCH, -1)}T00:00:00+01:00`, `${MARCH}T00:00:00+01:00`]);
  assert.equal(weekendDays.at(-1).start, `${WEEKEND_UNTIL}T00:00:00+02:00`, 'UNTIL is inclusive');
  // The monthly two-day event: four times, the third over the October change (49 hours).
  const monthlyDays = mine(monthly.uid);
  assert.equal(monthlyDays.length, 4);
  const october = monthlyDays[2];
  assert.deepEqual([october.start, october.end], [`${addDays(OCTOBER, -1)}T00:00:00+02:00`, `${addDays(OCTOBER, 1)}T00:00:00+01:00`]);

  // Two independent parsers expand every recurring event of the feed, all-day and timed, as the API does.
  compareParsersWithApi(text, occurrences, [weekend.uid, monthly.uid], 15);
});

// ical.js and python3-icalendar against the API's occurrences, for every recurring event of the feed.
function compareParsersWithApi(text, occurrences, allDayUids, allDayCount) {
  const recurringUids = new Set(occurrences.filter((o) => o.recurrence_id !== null).map((o) => o.uid));
  for (const uid of allDayUids) assert.ok(recurringUids.has(uid), uid);
  const expected = occurrences.filter((o) => recurringUids.has(o.uid)).map(fromApi).map(key).sort();
  const icalJs = expandWithIcalJs(text);
  const python = expandWithPython(text);
  for (const [name, got] of [['ical.js', icalJs], ['python3-icalendar', python]]) {
    assert.equal(got.filter((o) => o.all_day).length, allDayCount, `${name}: the all-day occurrences`);
    assert.deepEqual(got.map(key).sort(), expected, `${name} against the API`);
  }
}

test('an all-day event given with times of day is stored as whole days, so the feed and the API agree', async () => {
  const kerkplein = (await json('/api/v1/venues')).venues.find((v) => v.name === 'Kerkplein').id;
  // Daily 10:00-16:00 "all day" over the October change, the EXDATE at noon: days, midnight to midnight.
  const saturday = addDays(OCTOBER, -1);
  const res = await api('/api/v1/events', {
    method: 'POST', token: adminToken,
    body: {
      title: 'Herfstdagen op het Kerkplein (fictief)', venue_id: kerkplein, category: 'cultuur', all_day: true,
      tz: 'Europe/Amsterdam', start: `${saturday}T10:00`, end: `${saturday}T16:00`, rrule: 'FREQ=DAILY;COUNT=3',
      exdates: [`${addDays(OCTOBER, 1)}T12:00`], status: 'goedgekeurd',
    },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const event = await res.json();
  assert.deepEqual([event.start, event.end], [`${saturday}T00:00:00+02:00`, `${OCTOBER}T00:00:00+02:00`]);
  assert.deepEqual(event.exdates, [`${addDays(OCTOBER, 1)}T00:00:00+01:00`]);
  const text = await (await api('/agenda.ics')).text();
  const [master] = veventsOf(text, event.uid);
  assert.ok(master.includes(`DTSTART;VALUE=DATE:${compact(saturday)}`), master.join('\n'));
  assert.ok(master.includes(`DTEND;VALUE=DATE:${compact(OCTOBER)}`), 'DTEND after DTSTART');
  assert.ok(master.includes(`EXDATE;VALUE=DATE:${compact(addDays(OCTOBER, 1))}`), master.join('\n'));
  const { occurrences } = await json(`/api/v1/events?from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`);
  const days = occurrences.filter((o) => o.uid === event.uid).map((o) => [o.start, o.end]);
  assert.deepEqual(days, [
    [`${saturday}T00:00:00+02:00`, `${OCTOBER}T00:00:00+02:00`],
    [`${OCTOBER}T00:00:00+02:00`, `${addDays(OCTOBER, 1)}T00:00:00+01:00`], // 25 hours
  ]);
  compareParsersWithApi(text, occurrences, [event.uid], 15 + 2);
});

test('events_expand.py prints timed occurrences as before and all-day ones as dates with a flag', () => {
  const cal = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//NL', 'X-WR-TIMEZONE:Europe/Amsterdam',
    'BEGIN:VEVENT', 'UID:dag@test', 'DTSTAMP:20270101T000000Z', 'DTSTART;VALUE=DATE:20270327', 'DTEND;VALUE=DATE:20270328',
    'RRULE:FREQ=DAILY;COUNT=3', 'EXDATE;VALUE=DATE:20270329', 'SUMMARY:Dag', 'END:VEVENT',
    'BEGIN:VEVENT', 'UID:tijd@test', 'DTSTAMP:20270101T000000Z', 'DTSTART;TZID=Europe/Amsterdam:20270327T100000',
    'DTEND;TZID=Europe/Amsterdam:20270327T120000', 'RRULE:FREQ=DAILY;COUNT=2', 'SUMMARY:Tijd', 'END:VEVENT',
    'END:VCALENDAR', '',
  ].join('\r\n');
  const out = JSON.parse(execFileSync('/usr/bin/python3', [new URL('./events_expand.py', import.meta.url).pathname, '2027-03-01T00:00:00Z', '2027-04-01T00:00:00Z'], { input: cal }).toString());
  assert.deepEqual(out, [
    { uid: 'dag@test', recurrence_id: '2027-03-27', start: '2027-03-27', end: '2027-03-28', cancelled: false, all_day: true },
    { uid: 'dag@test', recurrence_id: '2027-03-28', start: '2027-03-28', end: '2027-03-29', cancelled: false, all_day: true },
    { uid: 'tijd@test', recurrence_id: '2027-03-27T09:00:00Z', start: '2027-03-27T09:00:00Z', end: '2027-03-27T11:00:00Z', cancelled: false },
    { uid: 'tijd@test', recurrence_id: '2027-03-28T08:00:00Z', start: '2027-03-28T08:00:00Z', end: '2027-03-28T10:00:00Z', cancelled: false },
  ]);
});
