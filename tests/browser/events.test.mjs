// Browser tests of the agenda (issue #7): the upcoming list with filters and the month view, the event page with
// its schema.org JSON-LD, the submission form (CSRF, errors by the field, post/redirect/get, clashes shown), the
// coordination overview (year planner with clashes) and the embeddable widget. Playwright driving Debian's
// Chromium against `stadshart serve` with the Assen demo agenda; axe for WCAG 2.1 AA; the CSP is the server's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserAndServer, axeProblems } from '../support/browser.mjs';

let server;
let browser;
let close;
let admin;
before(async () => {
  ({ server, browser, close } = await startBrowserAndServer());
  admin = await server.login();
});
after(async () => close?.());

async function withPage(cookie, fn) {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  if (cookie) {
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
  }
  context.setDefaultTimeout(10000);
  try {
    const page = await context.newPage();
    const failed = [];
    page.on('response', (r) => r.status() >= 400 && r.request().method() === 'GET' && failed.push(`${r.status()} ${r.url()}`));
    page.on('pageerror', (error) => failed.push(`script error: ${error.message}`));
    page.on('console', (m) => m.type() === 'error' && !/status of (422|409)/.test(m.text()) && failed.push(`console: ${m.text()}`));
    const result = await fn(page);
    assert.deepEqual(failed, [], 'every request succeeds, no script fails, no CSP violation');
    return result;
  } finally {
    await context.close();
  }
}

const json = async (path) => {
  const res = await fetch(server.url + path);
  assert.equal(res.status, 200, path);
  return res.json();
};
const assertAxeClean = async (page, label) => assert.deepEqual(await axeProblems(page, label), []);

test('the agenda lists upcoming events only, filters by audience, and is axe clean', async () => {
  await withPage(null, async (page) => {
    await page.goto(`${server.url}/agenda`);
    assert.equal(await page.locator('h1').textContent(), 'Agenda van de binnenstad');
    const items = page.locator('main .stadshart-agenda li');
    assert.ok((await items.count()) > 5);
    assert.ok(!(await page.locator('main').textContent()).includes('Winterwandeling'), 'a submission is not public');
    await assertAxeClean(page, 'agenda');
    assert.match(await page.locator('pre code').textContent(), /^<iframe src="[^"]+\/agenda\/widget"/);
    await page.selectOption('#f-doelgroep', 'jeugd');
    await page.fill('#f-tot', `${new Date().getFullYear() + 2}-01-01`);
    await page.click('main button[type=submit]');
    const youth = await page.locator('main .stadshart-agenda li').allTextContents();
    assert.ok(youth.length >= 1 && youth.every((t) => /Kinder|jeugd/.test(t)), youth.join(' | '));
    assert.match(await page.locator('a', { hasText: 'iCalendar' }).getAttribute('href'), /audience=jeugd/);
    await page.click('text=Maandoverzicht');
    assert.match(await page.locator('h1').textContent(), /^Agenda: /);
    assert.ok((await page.locator('table.stadshart-month tbody tr').count()) >= 4);
    await assertAxeClean(page, 'month');
  });
});

test('the event page carries schema.org Event JSON-LD that parses and has the required fields', async () => {
  const now = new Date();
  const { occurrences } = await json(`/api/v1/events?from=${now.toISOString().slice(0, 10)}&to=${now.getFullYear() + 1}-12-31`);
  const market = occurrences.find((o) => o.uid.startsWith('weekmarkt@'));
  await withPage(null, async (page) => {
    await page.goto(`${server.url}/agenda/${market.event_id}`);
    assert.equal(await page.locator('h1').textContent(), 'Weekmarkt (fictief)');
    const raw = await page.locator('script[type="application/ld+json"]').textContent();
    const ld = JSON.parse(raw);
    assert.equal(ld['@context'], 'https://schema.org');
    assert.equal(ld['@type'], 'Event');
    assert.equal(ld.name, 'Weekmarkt (fictief)');
    assert.match(ld.startDate, /^\d{4}-\d\d-\d\dT08:00:00\+0[12]:00$/);
    assert.match(ld.endDate, /T13:00:00\+0[12]:00$/);
    assert.equal(ld.startDate, market.start, 'the next occurrence, as in the API');
    assert.equal(ld.location.name, 'Markt');
    assert.equal(ld.location.address.addressLocality, 'Assen');
    assert.equal(ld.location.address.postalCode, '9401');
    assert.ok(ld.description && ld.organizer.name && ld.eventStatus.startsWith('https://schema.org/Event'));
    assert.ok(!(await page.locator('#botsingen').count()), 'anonymous visitors do not see the coordination');
    await assertAxeClean(page, 'event');
  });
});

test('an organiser submits: errors by the field, then PRG to the event with its clashes; script stays text', async () => {
  server.addUser('organisator@test.example', 'organisator');
  const cookie = await server.login({ email: 'organisator@test.example', password: 'paardenbloem-42' });
  const { occurrences } = await json(`/api/v1/events?from=${new Date().toISOString().slice(0, 10)}&to=${new Date().getFullYear() + 1}-12-31&venue=Koopmansplein`);
  const festival = occurrences.find((o) => o.uid.startsWith('zomerfestival@'));
  await withPage(cookie, async (page) => {
    await page.goto(`${server.url}/agenda/indienen`);
    await assertAxeClean(page, 'submit form');
    await page.fill('#f-title', 'Dansavond');
    await page.fill('#f-start', festival.start.slice(0, 16));
    await page.fill('#f-end', festival.start.slice(0, 11) + '10:00');
    await page.click('main button[type=submit]');
    assert.match(await page.locator('#e-end').textContent(), /einde/i);
    assert.equal(await page.locator('#f-title').inputValue(), 'Dansavond', 'the input is kept');
    await assertAxeClean(page, 'submit form with errors');
    await page.fill('#f-description', '<script>document.title="gehackt"</script>');
    await page.selectOption('#f-venue_id', { label: 'Koopmansplein' });
    await page.fill('#f-end', festival.end.slice(0, 16));
    await page.fill('#f-expected_visitors', '150');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/agenda\/\d+\?ingediend=1/);
    assert.match(await page.locator('[role=status]').first().textContent(), /ingediend/);
    const clashes = await page.locator('#botsingen + ul li').allTextContents();
    assert.ok(clashes.some((c) => /Tegelijk met "Zomerfestival \(fictief\)" op dezelfde locatie \(Koopmansplein\)/.test(c)), clashes.join(' | '));
    assert.notEqual(await page.title(), 'gehackt');
    assert.ok((await page.locator('main').textContent()).includes('<script>document.title'), 'shown as text');
    await assertAxeClean(page, 'event with clashes');
  });
});

test('the coordination overview shows the year planner with clashes; anonymous users are sent to sign in', async () => {
  await withPage(null, async (page) => {
    const res = await page.goto(`${server.url}/agenda/coordinatie`);
    assert.match(page.url(), /\/login/);
    assert.equal(res.status(), 200);
  });
  const year = new Date().getFullYear() + 1;
  await withPage(admin, async (page) => {
    await page.goto(`${server.url}/agenda/coordinatie?jaar=${year}`);
    assert.equal((await page.locator('table.stadshart-planner tbody tr').count()), 6, 'one row per venue');
    assert.ok((await page.locator('td.stadshart-planner__clash').count()) >= 2);
    const reasons = await page.locator('main table').nth(1).locator('tbody tr').allTextContents();
    assert.ok(reasons.some((r) => r.includes('emergency_services') && r.includes('politie en ambulancezorg')));
    await assertAxeClean(page, 'coordination');
  });
});

test('only the widget may be framed; it is axe clean', async () => {
  const widget = await fetch(`${server.url}/agenda/widget`);
  assert.match(widget.headers.get('content-security-policy'), /frame-ancestors \*/);
  const agenda = await fetch(`${server.url}/agenda`);
  assert.match(agenda.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(agenda.headers.get('x-frame-options'), 'DENY');
  await withPage(null, async (page) => {
    await page.goto(`${server.url}/agenda/widget`);
    assert.ok((await page.locator('li').count()) >= 1);
    await assertAxeClean(page, 'widget');
  });
});

test('a beheerder imports a regional calendar through the upload form: all or nothing, then de-duplicated', async () => {
  const ics = (summary) => Buffer.from(
    'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//regio//NL\r\nBEGIN:VEVENT\r\nUID:formulier@regio\r\nDTSTAMP:20270101T000000Z\r\n'
    + `DTSTART;TZID=Europe/Amsterdam:20270612T100000\r\nDTEND;TZID=Europe/Amsterdam:20270612T170000\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`);
  await withPage(admin, async (page) => {
    await page.goto(`${server.url}/agenda/importeren`);
    await assertAxeClean(page, 'import form');
    await page.fill('#f-source', 'regio-formulier');
    await page.setInputFiles('#f-bestand', { name: 'geen.ics', mimeType: 'text/calendar', buffer: Buffer.from('naam;datum\n') });
    await page.click('main button[type=submit]');
    assert.match(await page.locator('[role=alert]').textContent(), /geen iCalendar/);
    await assertAxeClean(page, 'import refused');
    await page.fill('#f-source', 'regio-formulier');
    await page.setInputFiles('#f-bestand', { name: 'regio.ics', mimeType: 'text/calendar', buffer: ics('Fietsdag') });
    await page.click('main button[type=submit]');
    await page.waitForURL(/bron=regio-formulier/);
    assert.match(await page.locator('[role=status]').textContent(), /1 nieuw, 0 bijgewerkt, 0 ongewijzigd/);
    await page.fill('#f-source', 'regio-formulier');
    await page.setInputFiles('#f-bestand', { name: 'regio.ics', mimeType: 'text/calendar', buffer: ics('Fietsdag') });
    await page.click('main button[type=submit]');
    await page.waitForURL(/unchanged=1/);
    assert.match(await page.locator('[role=status]').textContent(), /0 nieuw, 0 bijgewerkt, 1 ongewijzigd/);
  });
  const { occurrences } = await json('/api/v1/events?from=2027-06-12&to=2027-06-13&regio=1');
  assert.equal(occurrences.filter((o) => o.uid === 'formulier@regio').length, 1);
});

test('a moderator approves a submission from the coordination overview; a stale form is refused', async () => {
  const thisYear = new Date().getFullYear();
  await withPage(admin, async (page) => {
    await page.goto(`${server.url}/agenda/coordinatie?jaar=${thisYear}`);
    await page.click('text=Winterwandeling met gids (fictief)');
    await page.waitForURL(/\/agenda\/\d+$/);
    const url = page.url();
    // A second tab saves first: this form's version is then stale.
    const other = await page.context().newPage();
    await other.goto(url);
    await other.selectOption('#f-status', 'afgewezen');
    await other.click('main button[type=submit]');
    await other.waitForURL(/opgeslagen=1/);
    await page.selectOption('#f-status', 'goedgekeurd');
    await page.click('main button[type=submit]');
    assert.match(await page.locator('#beoordelen ~ [role=alert]').first().textContent(), /intussen gewijzigd/);
    await assertAxeClean(page, 'moderation conflict');
    await page.selectOption('#f-status', 'goedgekeurd');
    await page.click('main button[type=submit]');
    await page.waitForURL(/opgeslagen=1/);
    assert.match(await page.locator('#beoordelen ~ [role=status]').first().textContent(), /opgeslagen/);
    const id = Number(new URL(url).pathname.split('/').pop());
    const event = await json(`/api/v1/events/${id}`);
    assert.equal(event.status, 'goedgekeurd');
    assert.equal(event.version, 3);
  });
});

test('an organiser edits their event from its page: the form is prefilled and axe clean, a stale form shows both versions', async () => {
  server.addUser('bewerker@test.example', 'organisator');
  const token = server.createToken({ email: 'bewerker@test.example' });
  const { venues } = await json('/api/v1/venues');
  const res = await fetch(`${server.url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ title: 'Voorleesmiddag', venue_id: venues.find((v) => v.name === 'Kerkplein').id,
      start: '2027-04-10T14:00:00+02:00', end: '2027-04-10T16:00:00+02:00', audience: 'jeugd', expected_visitors: 40 }),
  });
  assert.equal(res.status, 201);
  const created = await res.json();
  const cookie = await server.login({ email: 'bewerker@test.example', password: 'paardenbloem-42' });
  await withPage(cookie, async (page) => {
    await page.goto(`${server.url}/agenda/${created.id}`);
    await page.click('main a:text-is("Bewerken")');
    await page.waitForURL(/\/bewerken$/);
    assert.equal(await page.locator('h1').textContent(), 'Evenement bewerken');
    assert.equal(await page.locator('#f-title').inputValue(), 'Voorleesmiddag');
    assert.equal(await page.locator('#f-start').inputValue(), '2027-04-10T14:00');
    assert.equal(await page.locator('#f-audience').inputValue(), 'jeugd');
    await assertAxeClean(page, 'edit form');
    // The beheerder saves first (a second window, through the API): this form is now stale.
    const other = await fetch(`${server.url}/api/v1/events/${created.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ description: 'Voor kinderen van 4 tot 8 jaar.', version: created.version }),
    });
    assert.equal(other.status, 200);
    await page.fill('#f-title', 'Voorleesmiddag in de bibliotheek');
    await page.click('main button[type=submit]');
    assert.match(await page.locator('main [role=alert]').first().textContent(), /intussen gewijzigd/);
    assert.equal(await page.locator('#f-description').inputValue(), 'Voor kinderen van 4 tot 8 jaar.', 'the stored version');
    await assertAxeClean(page, 'edit conflict');
    await page.fill('#f-title', 'Voorleesmiddag in de bibliotheek');
    await page.click('main button[type=submit]');
    await page.waitForURL(new RegExp(`/agenda/${created.id}\\?gewijzigd=1$`));
    assert.equal(await page.locator('h1').textContent(), 'Voorleesmiddag in de bibliotheek');
    assert.match(await page.locator('main [role=status]').first().textContent(), /wijziging is opgeslagen/);
  });
  const event = await json(`/api/v1/events/${created.id}`).catch(() => null);
  assert.equal(event, null, 'still not public: the organiser cannot approve their own change');
});
