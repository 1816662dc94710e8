// Browser tests of the register's pages (issue #5): the vacancy dashboard, the map and the street plan, unit and
// business pages with their forms, scenarios. Playwright driving Debian's Chromium against `stadshart serve` with
// the Assen demo register, axe for WCAG 2.1 AA. Tests that write use different units and businesses, so they do
// not depend on each other's order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserAndServer, axeProblems } from '../support/browser.mjs';

let server;
let browser;
let close;
let admin;  // "stadshart_session=..." of the demo beheerder
before(async () => {
  ({ server, browser, close } = await startBrowserAndServer());
  admin = await server.login();
});
after(async () => close?.());

// A fresh browser context for one test, with the given session cookie (or none); closed even when it fails.
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
    // Refused form posts (422, 403) are what some tests want; every GET must succeed.
    page.on('response', (r) => r.status() >= 400 && r.request().method() === 'GET' && !r.url().includes('/bewerken')
      && failed.push(`${r.status()} ${r.url()}`));
    page.on('pageerror', (error) => failed.push(`script error: ${error.message}`));
    const result = await fn(page);
    assert.deepEqual(failed, [], 'every request of the page succeeds and no script fails');
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
const text = async (locator) => (await locator.textContent()).replace(/\s+/g, ' ').trim();
const assertAxeClean = async (page, label) => assert.deepEqual(await axeProblems(page, label), []);
const dutchDay = (iso) => iso.split('-').map(Number).reverse().join('-');  // "2019-03-01" -> "1-3-2019"
const amsterdamToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const percent = (fraction) => `${(Math.round(fraction * 1000) / 10).toFixed(1).replace('.', ',')}%`;

// Every chart (svg role=img) must be named by a non-empty <title> and <desc>, and be followed by a table before the
// next heading. Returns the number of charts.
async function assertChartsAccessible(page) {
  const problems = await page.evaluate(() => {
    const found = [];
    const charts = [...document.querySelectorAll('main svg[role="img"]')];
    for (const svg of charts) {
      const ids = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
      const texts = ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '');
      if (ids.length !== 2 || texts.some((t) => t.length < 5)) found.push(`${svg.id}: no title and description`);
      const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_ELEMENT);
      walker.currentNode = svg;
      let table = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (/^H[1-3]$/.test(node.tagName)) break;
        if (node.tagName === 'TABLE') { table = node; break; }
      }
      if (!table) found.push(`${svg.id}: no table with its figures before the next heading`);
    }
    return { found, count: charts.length };
  });
  assert.deepEqual(problems.found, []);
  return problems.count;
}

// A unit whose current (open) interval is a vacancy that started at least a week ago and after at least one
// earlier interval, and which has no coordinates when `coordinates` is false.
async function vacantUnit(skip = 0) {
  const { units } = await json('/api/v1/units?limit=1000');
  const weekAgo = new Date(Date.now() - 7 * 864e5).toISOString().slice(0, 10);
  const candidates = units.filter((u) => {
    const last = u.occupancy.at(-1);
    return u.occupancy.length >= 2 && last.kind === 'vacant' && last.to === null && last.from < weekAgo;
  });
  assert.ok(candidates.length > skip, 'the demo register has vacant units');
  return candidates[skip];
}

test('dashboard: vacancy on a date as the API computes it, every chart with a text alternative and a table, axe clean', async () => {
  await withPage(null, async (page) => {
    await page.goto(`${server.url}/leegstand`);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Leegstand in de binnenstad');
    await page.getByLabel('Peildatum').fill('2018-01-01');
    await page.getByRole('button', { name: 'Tonen', exact: true }).click();
    await page.waitForURL(/datum=2018-01-01/);
    const api = await json('/api/v1/vacancy?date=2018-01-01');
    const figures = page.locator('.stadshart-figure');
    assert.match(await text(figures.nth(0)), new RegExp(`${percent(api.rate_count)} ${api.vacant} van ${api.outlets} verkooppunten`));
    assert.match(await text(figures.nth(1)), new RegExp(percent(api.rate_floor_area)));
    const durations = page.getByRole('table', { name: /naar duur/ });
    assert.deepEqual((await durations.locator('tbody td').allTextContents()).map(Number),
      [api.by_duration.up_to_1y, api.by_duration['1y_to_3y'], api.by_duration.over_3y]);

    assert.equal(await assertChartsAccessible(page), 6, 'durations, zones, vacancy trend, businesses, jobs, upper floors');
    const trendTitle = await text(page.locator('#grafiek-trend-title'));
    assert.match(trendTitle, /^Leegstand per maand/);
    assert.match(await text(page.locator('#grafiek-trend-desc')), /van [\d,]+% \(jan 2015\)/);
    await page.getByText('Tabel: leegstand, bedrijven en banen per maand').click();
    const monthly = page.getByRole('table', { name: /eerste dag van elke maand/ });
    assert.equal(await text(monthly.locator('tbody tr').first().locator('th')), 'jan 2015');
    assert.equal(await page.getByRole('table', { name: /per zone op/ }).locator('tbody tr').count(), 4);
    await assertAxeClean(page, '/leegstand?datum=2018-01-01');

    // A zone and a street narrow the figures; the street plan is reachable from here.
    await page.getByLabel('Zone', { exact: true }).selectOption('kernwinkelgebied');
    await page.getByRole('button', { name: 'Tonen', exact: true }).click();
    await page.waitForURL(/zone=kernwinkelgebied/);
    const core = await json('/api/v1/vacancy?date=2018-01-01&zone=kernwinkelgebied');
    assert.match(await text(page.locator('.stadshart-figure').first()), new RegExp(`${core.vacant} van ${core.outlets}`));
    await page.getByRole('link', { name: 'Straatplan', exact: true }).click();
    await page.waitForURL(/\/leegstand\/straten\?datum=2018-01-01&zone=kernwinkelgebied/);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Straatplan');
  });
});

test('map: Leaflet draws every unit with coordinates in its state colour, a legend, and the others in a street plan', async () => {
  const geojson = await json(`/api/v1/units.geojson?date=${amsterdamToday()}`);
  const { total } = await json('/api/v1/units?limit=1');
  await withPage(null, async (page) => {
    await page.goto(`${server.url}/leegstand/kaart`);
    await page.waitForSelector('#kaart[data-units]');
    assert.equal(await page.locator('#kaart').getAttribute('data-units'), String(geojson.features.length));
    assert.equal(await page.locator('#kaart path.stadshart-marker').count(), geojson.features.length);
    const vacant = geojson.features.filter((f) => f.properties.kind === 'vacant').length;
    assert.equal(await page.locator('#kaart path.stadshart-state--vacant').count(), vacant);
    assert.equal(await text(page.locator('#kaart-status')), `${geojson.features.length} panden op de kaart.`);
    assert.equal(await page.locator('.stadshart-legend li').count(), 7);
    // The units without coordinates are in the street plan below the map, with their state in text.
    const blocks = page.locator('.stadshart-streetplan li.stadshart-unit');
    assert.equal(await blocks.count(), total - geojson.features.length);
    assert.ok((await blocks.count()) > 0, 'the demo has units without coordinates');
    assert.ok((await text(blocks.first().locator('.stadshart-unit__state'))).length > 0);
    // A marker's popup links to the unit page.
    await page.locator('#kaart path.stadshart-marker').first().click({ force: true });
    const link = page.locator('.leaflet-popup-content a');
    assert.match(await link.getAttribute('href'), /^\/panden\/\d+$/);
    // Leaflet fades the popup in; axe measures colours as they are, so a half-faded link fails contrast.
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1');
    await assertAxeClean(page, '/leegstand/kaart');
  });
});

test('street plan: every unit per street in address order, its state in text, each a link to its page', async () => {
  const { total } = await json('/api/v1/units?limit=1');
  await withPage(null, async (page) => {
    await page.goto(`${server.url}/leegstand/straten`);
    const blocks = page.locator('li.stadshart-unit');
    assert.equal(await blocks.count(), total);
    const states = await page.locator('li.stadshart-unit .stadshart-unit__state').allTextContents();
    assert.ok(states.every((s) => /^(in gebruik|leegstand|leeg, nieuwe huurder bekend|tijdelijk gebruik|wonen|transformatie|geen gegevens)$/.test(s)));
    const brink = page.getByRole('region', { name: 'Brink' });
    const numbers = (await brink.locator('.stadshart-unit__number').allTextContents()).map((n) => parseInt(n, 10));
    assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), 'in order of house number');
    await assertAxeClean(page, '/leegstand/straten');
    const first = brink.locator('a').first();
    const number = await text(first.locator('.stadshart-unit__number'));
    await first.click();
    await page.waitForURL(/\/panden\/\d+$/);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), `Brink ${number}`);
  });
});

test('units and businesses: search, unit page with timeline, business page; no forms, owner or audit for anonymous', async () => {
  await withPage(null, async (page) => {
    await page.goto(`${server.url}/panden`);
    await page.getByLabel('Adres of postcode').fill('kruisstraat');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/q=kruisstraat/);
    const rows = page.locator('main table tbody tr');
    assert.ok((await rows.count()) > 3);
    for (const address of await rows.locator('th a').allTextContents()) assert.match(address, /^Kruisstraat /);
    await assertAxeClean(page, '/panden?q=kruisstraat');

    await rows.first().locator('th a').click();
    await page.waitForURL(/\/panden\/\d+$/);
    assert.match(await text(page.getByRole('heading', { level: 1 })), /^Kruisstraat /);
    assert.ok((await page.locator('ol.stadshart-timeline > li').count()) >= 1);
    assert.equal(await page.getByRole('region', { name: 'Bezetting wijzigen' }).count(), 0);
    assert.equal(await page.getByText('Eigenaar', { exact: true }).count(), 0, 'the owner is not public');
    assert.equal(await page.getByRole('heading', { name: 'Geschiedenis' }).count(), 0);
    await assertAxeClean(page, 'unit page');

    const business = page.locator('ol.stadshart-timeline a[href^="/bedrijven/"]').first();
    const name = await text(business);
    await business.click();
    await page.waitForURL(/\/bedrijven\/\d+$/);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), name);
    assert.ok((await page.locator('main a[href^="/panden/"]').count()) >= 1, 'the units it uses or used');
    await assertAxeClean(page, 'business page');

    await page.goto(`${server.url}/bedrijven?q=${encodeURIComponent(name)}`);
    assert.ok((await page.locator('main table tbody tr th a', { hasText: name }).count()) >= 1);
    await assertAxeClean(page, '/bedrijven');
  });
});

test('occupancy form: the beheerder registers a new tenant and sees it on the timeline; an overlap is refused in Dutch', async () => {
  const unit = await vacantUnit(0);
  const { businesses } = await json('/api/v1/businesses');
  const tenant = businesses[20];
  const today = amsterdamToday();
  await withPage(admin, async (page) => {
    await page.goto(`${server.url}/panden/${unit.id}`);
    assert.ok((await page.getByText('Eigenaar', { exact: true }).count()) === 1, 'the beheerder sees the owner');
    const form = page.getByRole('region', { name: 'Bezetting wijzigen' });
    await assertAxeClean(page, 'unit page with the occupancy form');
    await form.getByLabel('Nieuwe toestand').selectOption('in_use');
    await form.getByLabel('Per (ingangsdatum)').fill(today);
    await form.getByLabel('Bedrijf').selectOption(String(tenant.id));
    await form.getByRole('button', { name: 'Bezetting opslaan' }).click();
    await page.waitForURL(/\?bezetting=1/);
    assert.equal(await text(page.getByRole('status')), 'De nieuwe bezetting is opgeslagen.');
    const newest = page.locator('ol.stadshart-timeline > li').first();
    assert.match(await text(newest), new RegExp(`^${dutchDay(today)} – heden \\(nu\\) in gebruik door ${tenant.name}`));
    const previous = page.locator('ol.stadshart-timeline > li').nth(1);
    assert.match(await text(previous), new RegExp(`^${dutchDay(unit.occupancy.at(-1).from)} – ${dutchDay(today)} leegstand`));
    assert.match(await text(page.locator('.stadshart-changes li').first()), /Bezetting nu: in gebruik/);

    // A vacancy starting inside the closed vacancy overlaps it: refused next to the form, nothing changes.
    const inside = new Date(Date.parse(`${unit.occupancy.at(-1).from}T12:00:00Z`) + 864e5).toISOString().slice(0, 10);
    await form.getByLabel('Nieuwe toestand').selectOption('vacant_let');
    await form.getByLabel('Per (ingangsdatum)').fill(inside);
    await form.getByRole('button', { name: 'Bezetting opslaan' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    assert.match(await text(alert), /De bezetting is niet opgeslagen: .*overlapt met/);
    assert.match(await text(form.locator('#b-from-fout')), /overlapt met/);
    assert.equal(await form.getByLabel('Per (ingangsdatum)').getAttribute('aria-invalid'), 'true');
    await assertAxeClean(page, 'unit page with an overlap error');
    const after = await json(`/api/v1/units/${unit.id}`);
    assert.equal(after.occupancy.length, unit.occupancy.length + 1, 'only the new tenant was added');

    // The unit's own fields: the edit form, an error by the field, then saved.
    await page.getByRole('link', { name: 'Gegevens van het pand wijzigen' }).click();
    await page.waitForURL(/\/bewerken$/);
    await assertAxeClean(page, 'unit edit form');
    await page.getByLabel('Winkelvloeroppervlak (m²)').fill('veel');
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    assert.match(await text(page.locator('#e-floor_area_m2-fout')), /hele m²/);
    await page.getByLabel('Winkelvloeroppervlak (m²)').fill('321');
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.waitForURL(new RegExp(`/panden/${unit.id}\\?opgeslagen=1$`));
    assert.match(await text(page.locator('.stadshart-facts')), /Winkelvloeroppervlak ?321 m²/);
    assert.match(await text(page.locator('.stadshart-changes li').first()), /Winkelvloeroppervlak \(m²\): \d+ → 321/);
  });
});

test('ondernemer: edits their own business, sees no edit form of another, and a POST to it is refused with 403', async () => {
  const { businesses } = await json('/api/v1/businesses');
  const [own, other] = [businesses[30], businesses[31]];
  const user = server.addUser('bakker@example.org', 'ondernemer');
  server.cli(['user', 'link', 'bakker@example.org', '--business', String(own.id)]);
  const session = await server.login(user);
  await withPage(session, async (page) => {
    await page.goto(`${server.url}/bedrijven/${other.id}`);
    assert.equal(await page.getByRole('link', { name: 'Gegevens van het bedrijf wijzigen' }).count(), 0);
    const refusedPage = await page.goto(`${server.url}/bedrijven/${other.id}/bewerken`);
    assert.equal(refusedPage.status(), 403);

    await page.goto(`${server.url}/bedrijven/${own.id}`);
    await page.getByRole('link', { name: 'Gegevens van het bedrijf wijzigen' }).click();
    await page.waitForURL(/\/bewerken$/);
    await assertAxeClean(page, 'business edit form');
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    await page.getByLabel('Website').fill('https://bakker-nieuw.example');
    await page.getByLabel('Banen').fill('abc');
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    assert.match(await text(page.locator('#e-jobs-fout')), /geheel getal/);
    assert.equal(await page.getByLabel('Website').inputValue(), 'https://bakker-nieuw.example', 'the input is kept');
    await page.getByLabel('Banen').fill('5');
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.waitForURL(new RegExp(`/bedrijven/${own.id}\\?opgeslagen=1$`));
    assert.equal(await text(page.locator('main a[href="https://bakker-nieuw.example"]')), 'https://bakker-nieuw.example');

    // A forged POST to another business, with the ondernemer's own valid session and CSRF token: 403, unchanged.
    const forged = await page.request.post(`${server.url}/bedrijven/${other.id}/bewerken`, {
      form: { csrf, version: String(other.version), name: 'Gekaapt', function: other.function, jobs: '1' },
      headers: { origin: server.url },
    });
    assert.equal(forged.status(), 403);
    assert.match(await forged.text(), /U kunt alleen uw eigen bedrijf wijzigen/, 'refused as not theirs, not for the token');
    assert.equal((await json(`/api/v1/businesses/${other.id}`)).name, other.name, 'nothing changed');
    // Nor may they register occupancy of a unit.
    const unit = await vacantUnit(1);
    const occupancy = await page.request.post(`${server.url}/panden/${unit.id}/bezetting`, {
      form: { csrf, version: String(unit.version), kind: 'vacant_let', from: amsterdamToday() },
      headers: { origin: server.url },
    });
    assert.equal(occupancy.status(), 403);
  });
});

test('scenario: all vacant retail outside the core to housing, before and after per zone, saved and shared', async () => {
  await withPage(admin, async (page) => {
    await page.goto(`${server.url}/scenarios`);
    await assertAxeClean(page, '/scenarios');
    await page.getByLabel('Naam (nodig om op te slaan)').fill('Aanloopstraten wonen');
    await page.getByLabel('Nieuwe functie').selectOption('wonen');
    await page.getByLabel('Alle leegstaande winkelpanden buiten het kernwinkelgebied').check();
    await page.getByRole('button', { name: 'Doorrekenen' }).click();
    await page.waitForURL(/bereken=1/);
    const table = page.getByRole('table', { name: /voor en na het scenario/ });
    const whole = table.locator('tbody tr').first();
    assert.equal(await text(whole.locator('th')), 'Hele binnenstad');
    const cells = await whole.locator('td').allTextContents();
    const [before, , after] = cells.map((t) => parseInt(t, 10));
    assert.ok(after < before, `fewer vacant units after (${before} -> ${after})`);
    assert.equal(await table.locator('tbody tr').count(), 5, 'the centre and four zones');
    await assertAxeClean(page, 'scenario result');

    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/\/scenarios\/\d+$/);
    const shared = page.url();
    assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Aanloopstraten wonen');
    const saved = await page.getByRole('table').locator('tbody tr').first().locator('td').allTextContents();
    assert.deepEqual(saved, cells, 'the saved scenario shows the same figures');
    await assertAxeClean(page, 'saved scenario');
    await page.goto(`${server.url}/scenarios`);
    assert.equal(await page.getByRole('link', { name: 'Aanloopstraten wonen' }).getAttribute('href'), new URL(shared).pathname);
  });
  await withPage(null, async (page) => {
    await page.goto(`${server.url}/scenarios`);
    assert.match(page.url(), /\/login\?terug=/, 'scenarios are not public');
  });
});

test('zones: the list is public; the beheerder changes a zone\'s intended functions and the verkleuring follows', async () => {
  const before = await json('/api/v1/vacancy/mismatches');
  const { zones } = await json('/api/v1/zones');
  const zone = zones.find((z) => z.code === 'aanloopstraten');
  await withPage(null, async (page) => {
    await page.goto(`${server.url}/leegstand/zones`);
    await assertAxeClean(page, 'zones (anonymous)');
    const row = page.getByRole('table', { name: 'Zones van de binnenstad' }).locator('tbody tr', { hasText: 'Aanloopstraten' });
    assert.equal(await row.count(), 1);
    assert.equal(await page.getByRole('link', { name: /^Wijzigen/ }).count(), 0, 'no edit links for anonymous users');
  });
  await withPage(admin, async (page) => {
    await page.goto(`${server.url}/leegstand/zones`);
    await page.getByRole('link', { name: /Wijzigen \(Aanloopstraten\)/ }).click();
    await page.waitForURL(/\/leegstand\/zones\/aanloopstraten\/bewerken$/);
    await assertAxeClean(page, 'zone form');
    const boxes = page.getByRole('group', { name: 'Beoogde functies' }).getByRole('checkbox');
    assert.equal(await boxes.count(), 9, 'the eight Locatus groups and wonen');
    // Allow every function in the approach streets: nothing there is a mismatch any more.
    for (let i = 0; i < await boxes.count(); i++) await boxes.nth(i).check();
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.waitForURL(/\/leegstand\/zones\?opgeslagen=1$/);
    assert.match(await text(page.getByRole('status')), /opgeslagen/);
  });
  const after = await json('/api/v1/vacancy/mismatches');
  const inZone = (list) => list.filter((m) => m.zone === 'aanloopstraten' && m.reason === 'function_not_intended').length;
  assert.ok(inZone(before.mismatches) > 0, 'the demo has mismatches in the approach streets');
  assert.equal(inZone(after.mismatches), 0);
  const changed = (await json('/api/v1/zones')).zones.find((z) => z.code === 'aanloopstraten');
  assert.equal(changed.version, zone.version + 1);
});
