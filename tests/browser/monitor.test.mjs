// Browser tests of the monitor's pages (issue #6): the public dashboard /monitor, the KPI page with its chart and
// tables, the yearly report, and the measurement forms of a gemeente user. Playwright driving Debian's Chromium
// against `stadshart serve` with the Assen demo data, axe for WCAG 2.1 AA.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserAndServer, axeProblems } from '../support/browser.mjs';

let server;
let browser;
let close;
before(async () => {
  ({ server, browser, close } = await startBrowserAndServer());
  await addSecretNote();
});
after(async () => close?.());

// A fresh browser context for one test; closed even when it fails. Every GET of the page must succeed.
async function withPage(fn) {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  context.setDefaultTimeout(10000);
  try {
    const page = await context.newPage();
    const failed = [];
    page.on('response', (r) => r.status() >= 400 && r.request().method() === 'GET' && failed.push(`${r.status()} ${r.url()}`));
    page.on('pageerror', (error) => failed.push(`script error: ${error.message}`));
    const result = await fn(page);
    assert.deepEqual(failed, [], 'every request of the page succeeds and no script fails');
    return result;
  } finally {
    await context.close();
  }
}

const json = async (path, headers = {}) => {
  const res = await fetch(server.url + path, { headers });
  assert.equal(res.status, 200, path);
  return res.json();
};
const text = async (locator) => (await locator.textContent()).replace(/\s+/g, ' ').trim();
const assertAxeClean = async (page, label) => assert.deepEqual(await axeProblems(page, label), []);
const amsterdamToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const dutchDay = (iso) => iso.split('-').map(Number).reverse().join('-');  // "2019-03-01" -> "1-3-2019"
// kpi.h FormatValue for a percentage: one decimal with a comma, none when the value is whole.
const percent = (value) => (Math.abs(value - Math.round(value)) < 1e-9 ? String(Math.round(value))
  : value.toFixed(1).replace('.', ',')) + '%';
const VERDICTS = { on_track: 'op koers', at_risk: 'risico', off_track: 'niet op koers', insufficient_data: 'te weinig gegevens' };

// Every chart (svg role=img in main) is named by a non-empty <title> and <desc> and followed by a table before the
// next heading. Returns the number of charts.
async function assertChartsAccessible(page) {
  const problems = await page.evaluate(() => {
    const found = [];
    const charts = [...document.querySelectorAll('main svg[role="img"]')];
    for (const svg of charts) {
      const ids = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
      const texts = ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '');
      if (ids.length !== 2 || texts.some((t) => t.length < 5)) found.push(`${svg.id}: no title and description`);
      if (svg.querySelector('[style]') || svg.hasAttribute('style')) found.push(`${svg.id}: a style attribute`);
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

async function signIn(page, { email, password }) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

// An internal note on a demo measurement, through the API: it must never reach a public page.
const SECRET = 'INTERN-geheim-1234';
async function addSecretNote() {
  const token = server.createToken();
  const { series } = await json('/api/v1/kpis/jobs', { authorization: `Bearer ${token}` });
  const m = series.measured.at(-1);
  const res = await fetch(`${server.url}/api/v1/measurements/${m.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ version: m.version, value: m.value, source: m.source, note: SECRET }),
  });
  assert.equal(res.status, 200, await res.text());
}

test('dashboard: a card per KPI with value, register figure, target, progress, sparkline and verdict as the API says', async () => {
  const { kpis } = await json('/api/v1/kpis');
  const vacancy = await json(`/api/v1/vacancy?date=${amsterdamToday()}`);
  await withPage(async (page) => {
    await page.goto(`${server.url}/monitor`);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Binnenstadmonitor');
    assert.equal(await page.getByRole('link', { name: 'Monitor', exact: true }).getAttribute('aria-current'), 'page');
    const cards = page.locator('.stadshart-kpi-card');
    assert.equal(await cards.count(), kpis.length);
    assert.ok(kpis.length >= 5, 'the akkoord goals');
    for (const kpi of kpis) {
      const card = page.locator(`#kpi-${kpi.code}`);
      assert.equal(await text(card.getByRole('heading')), kpi.name);
      assert.equal(await text(card.locator('.stadshart-verdict')), VERDICTS[kpi.projection.verdict]);
      assert.match(await text(card), new RegExp(`basis: ${kpi.projection.basis === 'derived' ? 'register' : 'metingen'}`));
      if (kpi.projection.verdict === 'insufficient_data') assert.match(await text(card), /Te weinig gegevens om te zeggen/);
      if (kpi.latest) {
        assert.match(await text(card.locator('.stadshart-kpi-card__fact--latest')), new RegExp(`op ${dutchDay(kpi.latest.date)}, bron: `));
      }
      assert.equal(await card.locator('.stadshart-kpi-card__fact--register').count(), kpi.derived ? 1 : 0);
    }
    // The register's vacancy on the card is the units module's figure of today.
    const register = await text(page.locator('#kpi-vacancy_count .stadshart-kpi-card__value--register'));
    assert.equal(register, percent(vacancy.rate_count * 100));
    const count = await assertChartsAccessible(page);
    assert.equal(count, await page.locator('main svg.stadshart-kpi-chart--spark').count());
    assert.ok(count >= kpis.length - 1, 'a sparkline on (nearly) every card');
    assert.match(await text(page.locator('main')), /kleinste-kwadratenmethode/, 'the method is stated');
    assert.equal(await page.locator('main form').count(), 0, 'no forms on the public dashboard');
    assert.ok(!(await page.content()).includes(SECRET), 'no internal notes');
    await assertAxeClean(page, '/monitor');
  });
});

test('KPI page (anonymous): full chart with tables of every series, method, actions; no notes and no forms', async () => {
  const kpi = await json('/api/v1/kpis/vacancy_count');
  await withPage(async (page) => {
    await page.goto(`${server.url}/monitor`);
    await page.locator('#kpi-vacancy_count').getByRole('heading').getByRole('link').click();
    await page.waitForURL(/\/monitor\/vacancy_count$/);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), kpi.name);
    assert.equal(await assertChartsAccessible(page), 1);
    const desc = await text(page.locator('#grafiek-vacancy_count-desc'));
    assert.match(desc, /Metingen: 21,9% \(1-1-2018\)\./);
    assert.match(desc, /Landelijk niveau: 4 waarden/);
    assert.match(desc, /Doel: onder 7,8% in 2030\./);
    for (const name of ['Tabel: metingen', 'Tabel: landelijk niveau', 'Tabel: register per maand', 'Tabel: doel en projectie']) {
      assert.equal(await page.getByText(name, { exact: true }).count(), 1, name);
    }
    await page.getByText('Tabel: landelijk niveau', { exact: true }).click();
    await page.getByText('Tabel: register per maand', { exact: true }).click();
    assert.equal(await page.getByRole('table', { name: /Landelijke referentie/ }).locator('tbody tr').count(), kpi.series.national.length);
    assert.equal(await page.getByRole('table', { name: /eerste dag van elke maand/ }).locator('tbody tr').count(), kpi.series.derived.length);
    assert.match(await text(page.locator('#methode ~ p').first()), /kleinste-kwadratenmethode/);
    assert.match(await text(page.locator('main')), /Leegstaande verkooppunten gedeeld door alle verkooppunten/, 'DerivedMethod');
    // The register (5.8% today) already meets "below 7.8%": progress says so, and no pace is asked for.
    assert.match(await text(page.locator('main')), /\(volgens het register vandaag\); het doel is gehaald/);
    assert.doesNotMatch(await text(page.locator('main')), /Nodig tempo/);
    const actions = page.locator('.stadshart-kpi-action a');
    assert.equal(await actions.count(), kpi.actions.length);
    assert.equal(await actions.first().getAttribute('href'), `/acties/${kpi.actions[0].id}`);
    assert.equal(await page.locator('main form[method="post"]').count(), 0, 'no forms for anonymous users');
    assert.equal(await page.getByText('Toelichting (intern)').count(), 0);
    await assertAxeClean(page, '/monitor/vacancy_count');

    // The trend's window, by a small GET form.
    await page.getByLabel('Trend berekenen vanaf').fill('2020-01-01');
    await page.getByRole('button', { name: 'Venster toepassen' }).click();
    await page.waitForURL(/window_from=2020-01-01/);
    assert.match(await text(page.locator('main')), /De trendlijn loopt door de metingen vanaf 1-1-2020\./);

    await page.goto(`${server.url}/monitor/jobs`);
    assert.ok(!(await page.content()).includes(SECRET), 'no internal notes on the public KPI page');
    assert.match(await text(page.locator('main')), /Nodig tempo/, 'jobs are short of the target: the pace still needed');
    await page.goto(`${server.url}/monitor/ranking`);
    assert.match(await text(page.locator('.stadshart-verdict')), /^te weinig gegevens$/);
    assert.match(await text(page.locator('main')), /Te weinig gegevens voor een oordeel/);
    await assertAxeClean(page, '/monitor/ranking');
  });
});

test('yearly report: every KPI at the end of the year, the linked actions of that plan, printable', async () => {
  const { kpis } = await json('/api/v1/kpis');
  const jobs = await json('/api/v1/kpis/jobs');
  await withPage(async (page) => {
    await page.goto(`${server.url}/monitor`);
    await page.getByRole('link', { name: 'Rapport 2019' }).click();
    await page.waitForURL(/\/monitor\/rapport\/2019$/);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Binnenstadmonitor 2019');
    const table = page.getByRole('table', { name: /Stand van de KPI's op 31-12-2019/ });
    assert.equal(await table.locator('tbody tr').count(), kpis.length);
    // The latest jobs measurement on or before 31-12-2019, not today's.
    const before2020 = jobs.series.measured.filter((m) => m.date <= '2019-12-31').at(-1);
    const row = table.locator('tbody tr', { hasText: jobs.name });
    assert.match(await text(row), new RegExp(`\\(${dutchDay(before2020.date)}\\)`));
    const actions = page.getByRole('table', { name: /Gekoppelde acties/ }).locator('tbody tr');
    assert.ok((await actions.count()) > 0);
    assert.match(await actions.first().locator('a').getAttribute('href'), /^\/acties\/\d+$/);
    await assertAxeClean(page, '/monitor/rapport/2019');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.stadshart-nav').isVisible(), false, 'print.css hides the navigation');
    // One page of A4 on paper: the action list is on screen only, the KPI table counts actions per status.
    assert.equal(await actions.first().isVisible(), false, 'the action list is not printed');
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    assert.equal(pdf.match(/\/Type\s*\/Page[^s]/g).length, 1, 'the printed report is one page');
  });
});

test('gemeente: adds a measurement and sees it; 250% and a future date are refused in Dutch and nothing is stored', async () => {
  const user = server.addUser('monitor@example.org', 'gemeente');
  const today = amsterdamToday();
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 864e5).toISOString().slice(0, 10);
  await withPage(async (page) => {
    await signIn(page, user);
    await page.goto(`${server.url}/monitor/rating`);
    const form = page.getByRole('region', { name: 'Meting toevoegen' });
    await assertAxeClean(page, '/monitor/rating with forms');
    await form.getByLabel('Peildatum').fill(today);
    await form.getByLabel('Waarde (waarderingscijfer)').fill('7,6');
    await form.getByLabel('Bron').fill('Eigen enquête (test)');
    await form.getByLabel('Toelichting (intern)').fill('Steekproef van 400 bezoekers');
    await form.getByRole('button', { name: 'Meting opslaan' }).click();
    await page.waitForURL(/\/monitor\/rating\?toegevoegd=1/);
    assert.equal(await text(page.getByRole('status')), 'De meting is toegevoegd.');
    const rows = page.getByRole('table', { name: /Metingen van/ }).locator('tbody tr');
    assert.deepEqual((await rows.last().locator('th, td').allTextContents()).map((t) => t.trim()),
      [dutchDay(today), '7,6', 'Eigen enquête (test)', 'Steekproef van 400 bezoekers']);
    const after = await json('/api/v1/kpis/rating');
    assert.equal(after.latest.value, 7.6);
    assert.equal(after.latest.date, today);
    // Signed in, the notes show (the anonymous pages above never had them).
    await page.goto(`${server.url}/monitor/jobs`);
    assert.ok((await page.content()).includes(SECRET), 'a monitor.write user sees the internal note');

    // A percentage of 250 and a date in the future: refused by the field, nothing stored.
    const before = (await json('/api/v1/kpis/vacancy_count')).series.measured.length;
    await page.goto(`${server.url}/monitor/vacancy_count`);
    const vacancyForm = page.getByRole('region', { name: 'Meting toevoegen' });
    await vacancyForm.getByLabel('Peildatum').fill('2024-01-01');
    await vacancyForm.getByLabel('Waarde (%)').fill('250');
    await vacancyForm.getByRole('button', { name: 'Meting opslaan' }).click();
    const alert = vacancyForm.getByRole('alert');
    await alert.waitFor();
    assert.match(await text(alert), /De meting is niet opgeslagen: Een percentage ligt tussen 0 en 100/);
    assert.equal(await vacancyForm.getByLabel('Waarde (%)').getAttribute('aria-invalid'), 'true');
    assert.equal(await vacancyForm.getByLabel('Waarde (%)').inputValue(), '250', 'the input is kept');
    await assertAxeClean(page, 'a refused measurement');
    await vacancyForm.getByLabel('Peildatum').fill(tomorrow);
    await vacancyForm.getByLabel('Waarde (%)').fill('6,1');
    await vacancyForm.getByRole('button', { name: 'Meting opslaan' }).click();
    await page.locator('#m-date-fout').waitFor();
    assert.equal(await text(page.locator('#m-date-fout')), 'De peildatum ligt in de toekomst.');
    assert.equal((await json('/api/v1/kpis/vacancy_count')).series.measured.length, before, 'nothing stored');

    // A correction: the new value shows; the old one stays in the audit trail.
    await page.goto(`${server.url}/monitor/rating`);
    const correction = page.locator('.stadshart-correction', { hasText: `Meting van ${dutchDay(today)}` });
    await correction.locator('summary').click();
    await correction.getByLabel('Nieuwe waarde (waarderingscijfer)').fill('12');
    await correction.getByRole('button', { name: 'Correctie opslaan' }).click();
    await page.locator('.stadshart-correction details[open] [role="alert"]').waitFor();
    assert.match(await text(page.locator('.stadshart-correction details[open] [role="alert"]')), /tussen 1 en 10/);
    const open = page.locator('.stadshart-correction details[open]');
    await open.getByLabel('Nieuwe waarde (waarderingscijfer)').fill('7,7');
    await open.getByRole('button', { name: 'Correctie opslaan' }).click();
    await page.waitForURL(/gecorrigeerd=1/);
    assert.match(await text(page.getByRole('status')), /De meting is gecorrigeerd/);
    assert.equal((await json('/api/v1/kpis/rating')).latest.value, 7.7);
  });
});

test('a stale correction is refused with a conflict message and changes nothing', async () => {
  const user = server.addUser('monitor2@example.org', 'gemeente');
  await withPage(async (page) => {
    await signIn(page, user);
    await page.goto(`${server.url}/monitor/businesses`);
    const first = page.locator('.stadshart-correction').first();
    await first.locator('summary').click();
    // Someone else corrects the same measurement first (through the API).
    const token = server.createToken();
    const m = (await json('/api/v1/kpis/businesses', { authorization: `Bearer ${token}` })).series.measured[0];
    const res = await fetch(`${server.url}/api/v1/measurements/${m.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ version: m.version, value: 431, source: m.source }),
    });
    assert.equal(res.status, 200);
    await first.getByLabel(/Nieuwe waarde/).fill('432');
    await first.getByRole('button', { name: 'Correctie opslaan' }).click();
    const alert = page.locator('.stadshart-correction details[open] [role="alert"]');
    await alert.waitFor();
    assert.match(await text(alert), /intussen door iemand anders gewijzigd.*Opgeslagen is nu: 431/);
    assert.equal((await json('/api/v1/kpis/businesses')).series.measured[0].value, 431);
  });
});

test('gemeente: defines a KPI of their own by a form (a mismatched target refused in Dutch), then edits it; a stale edit shows both versions', async () => {
  const user = server.addUser('kpi@example.org', 'gemeente');
  await withPage(async (page) => {
    await signIn(page, user);
    await page.goto(`${server.url}/monitor`);
    await page.getByRole('link', { name: 'KPI toevoegen' }).click();
    await page.waitForURL(/\/monitor\/nieuw$/);
    await assertAxeClean(page, '/monitor/nieuw');
    await page.getByLabel('Code').fill('passanten');
    await page.getByLabel('Naam').fill('Passanten op zaterdag');
    await page.getByLabel('Eenheid').fill('passanten per zaterdag');
    await page.getByLabel('Richting').selectOption('higher');
    await page.getByLabel('Doel: vergelijking').selectOption('below');  // does not fit "higher is better"
    await page.getByLabel('Doel: waarde').fill('12.000');
    await page.getByLabel('Doel: jaar').fill('2028');
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    assert.match(await text(page.locator('#fouten')), /De vergelijking past niet bij de richting/);
    assert.equal((await fetch(`${server.url}/api/v1/kpis/passanten`)).status, 404, 'nothing stored');
    await page.getByLabel('Doel: vergelijking').selectOption('at_least');
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.waitForURL(/\/monitor\/passanten\?aangemaakt=1$/);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Passanten op zaterdag');
    const created = await json('/api/v1/kpis/passanten');
    assert.equal(created.target.value, 12000, '"12.000" is twelve thousand');
    assert.equal(created.target.comparator, 'at_least');

    // Two tabs edit the definition; the second save is refused and shows both versions.
    const stale = await page.context().newPage();
    await stale.goto(`${server.url}/monitor/passanten/bewerken`);
    await page.getByRole('link', { name: /Definitie wijzigen/ }).click();
    await page.getByLabel('Naam').fill('Passanten op zaterdag (telpunt Koopmansplein)');
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.waitForURL(/\/monitor\/passanten\?gewijzigd=1$/);
    await stale.getByLabel('Doel: jaar').fill('2030');
    await stale.getByRole('button', { name: 'Wijziging opslaan' }).click();
    assert.match(await text(stale.getByRole('alert')), /in de tussentijd|intussen|inmiddels/);
    assert.match(await text(stale.locator('table')), /Passanten op zaterdag \(telpunt Koopmansplein\)/);
    const after = await json('/api/v1/kpis/passanten');
    assert.equal(after.name, 'Passanten op zaterdag (telpunt Koopmansplein)');
    assert.equal(after.target.year, 2028, 'the stale save changed nothing');
    await stale.close();
  });
  const anonymous = await fetch(`${server.url}/monitor/nieuw`, { redirect: 'manual' });
  assert.notEqual(anonymous.status, 200, 'anonymous users get no form');
});
