// Browser tests of the opening-hours pages (issue #8): "Nu open" (also without JavaScript, figures equal to the
// API), the analysis (heatmap named and with its table, the table equal to the heatmap API, filters), Super Sunday,
// the hours form (live check while typing, Dutch input saved normalised, without JavaScript too) and the settings.
// axe (WCAG 2.1 AA) on every page. Playwright driving Debian's Chromium against `stadshart serve` with demo data.
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

async function withPage(cookie, fn, { javaScript = true } = {}) {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', javaScriptEnabled: javaScript });
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
    const result = await fn(page);
    assert.deepEqual(failed, [], 'every request of the page succeeds and no script fails');
    return result;
  } finally {
    await context.close();
  }
}

const json = async (path, token) => {
  const res = await fetch(server.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  assert.equal(res.status, 200, path);
  return res.json();
};
const assertAxeClean = async (page, label) => assert.deepEqual(await axeProblems(page, label), []);

test('Nu open: the chosen moment without JavaScript, grouped by outlet group, the same figures as the API', { timeout: 120000 }, async () => {
  const visited = await withPage(null, async (page) => {
    const urls = [];
    await page.goto(`${server.url}/nu-open`);
    assert.equal(await page.locator('h1').textContent(), 'Nu open in de binnenstad');
    assert.ok(await page.locator('nav a[href="/nu-open"]').count() === 1, 'navigation entry "Nu open"');
    await page.fill('#f-datum', '2025-06-07');  // a Saturday
    await page.fill('#f-tijd', '14:00');
    await page.click('button[type="submit"]');
    await page.waitForURL(/datum=2025-06-07/);
    const lead = await page.locator('.utrecht-paragraph--lead').textContent();
    const api = await json('/api/v1/open-now?at=2025-06-07T14:00');
    const open = api.businesses.filter((b) => b.open).length;
    assert.match(lead, new RegExp(`zijn ${open} bedrijven open`), lead);
    const rows = await page.locator('table.stadshart-open-now tbody tr').count();
    const shown = api.businesses.filter((b) => b.open || b.unknown).length;
    assert.equal(rows, shown);
    // Grouped: one heading and table per outlet group, with street and next change.
    const headings = await page.locator('main h2').allTextContents();
    assert.ok(headings.some((h) => h.startsWith('Horeca')), headings.join());
    const first = api.businesses.find((b) => b.open && b.group === 'horeca');
    const row = page.locator('table.stadshart-open-now tbody tr', { hasText: first.name }).first();
    assert.match(await row.textContent(), new RegExp(first.next_change_text));
    urls.push(page.url());
    // Closed businesses too, filtered by group.
    await page.check('#f-toon');
    await page.selectOption('#f-groep', 'dagelijks');
    await page.click('button[type="submit"]');
    await page.waitForURL(/toon=alle/);
    const daily = api.businesses.filter((b) => b.group === 'dagelijks').length;
    assert.equal(await page.locator('table.stadshart-open-now tbody tr').count(), daily);
    urls.push(page.url());
    return urls;
  }, { javaScript: false });
  // axe needs JavaScript: the same pages again in a normal browser.
  await withPage(null, async (page) => {
    for (const url of visited) {
      await page.goto(url);
      await assertAxeClean(page, url);
    }
  });
});

test('the analysis: heatmap named, its table equal to the heatmap API, filters, core window and who must change', { timeout: 120000 }, async () => {
  const token = server.createToken({ scope: 'read' });
  await withPage(admin, async (page) => {
    await page.goto(`${server.url}/openingstijden/analyse?week=2025-06-02`);
    const svg = page.locator('svg#heatmap[role="img"]');
    assert.equal(await svg.count(), 1);
    const labelled = (await svg.getAttribute('aria-labelledby')).split(' ');
    assert.deepEqual(labelled, ['heatmap-title', 'heatmap-desc']);
    assert.ok((await page.locator('#heatmap-desc').textContent()).length > 20);
    assert.equal(await svg.locator('rect').count(), 7 * 24);
    // The table alternative: 24 hours x 7 days, the same shares as the API.
    const api = await json('/api/v1/hours/heatmap?week=2025-06-02', token);
    const cells = await page.locator('#heatmap-tabel tbody tr').evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.trim())));
    assert.equal(cells.length, 24);
    for (let h = 0; h < 24; h++) {
      for (let d = 0; d < 7; d++) {
        const c = api.days[d].hours[h];
        assert.equal(cells[h][d], `${Math.round(c.share * 100)}% (${c.open})`, `day ${d} hour ${h}`);
      }
    }
    assert.ok(await page.locator('#kernwindow-tabel tbody tr').count() === 7);
    // Saturday: most core shops share a window (a Monday may have none: many shops open late or not at all).
    assert.match(await page.locator('#kernwindow-tabel tbody tr').nth(5).textContent(), /\d\d:00–\d\d:00/);
    assert.ok(await page.locator('#aanpassen-tabel tbody tr').count() > 0, 'some core shops would have to change');
    await assertAxeClean(page, 'analyse');

    // Filter: horeca in the horecagebied, through the form.
    await page.selectOption('#f-zone', 'horecagebied');
    await page.selectOption('#f-groep', 'horeca');
    await page.click('form.stadshart-filter button[type="submit"]');
    await page.waitForURL(/zone=horecagebied/);
    const filtered = await json('/api/v1/hours/heatmap?week=2025-06-02&zone=horecagebied&group=horeca', token);
    const friday22 = await page.locator('#heatmap-tabel tbody tr').nth(22).locator('td').nth(4).textContent();
    assert.equal(friday22.trim(), `${Math.round(filtered.days[4].hours[22].share * 100)}% (${filtered.days[4].hours[22].open})`);
    await assertAxeClean(page, 'analyse horeca');
  });
});

test('Super Sunday: who would open and how the day changes', { timeout: 120000 }, async () => {
  await withPage(admin, async (page) => {
    await page.goto(`${server.url}/openingstijden/super-zondag?zondag=2025-06-15&van=12&tot=17`);
    const extra = Number(await page.locator('#extra-open').textContent());
    const already = Number(await page.locator('#al-open').textContent());
    assert.ok(extra > 0, 'shops would open extra');
    assert.equal(await page.locator('#extra ~ .utrecht-table-container tbody tr').first().count(), 1);
    const rows = await page.locator('#super-zondag-tabel tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th').textContent, ...[...tr.querySelectorAll('td')].map((td) => parseInt(td.textContent, 10))]));
    const at13 = rows.find((r) => r[0].startsWith('13:00'));
    assert.equal(at13[2], extra + already, 'with Super Sunday every chosen shop is open at 13:00');
    assert.ok(at13[1] <= already);
    assert.equal(await page.locator('svg#super-zondag[role="img"] rect').count(), 48);
    await assertAxeClean(page, 'super zondag');
  });
});

test('the hours form checks while typing, accepts Dutch input and works without JavaScript', { timeout: 120000 }, async () => {
  const shop = (await json('/api/v1/open-now')).businesses[50];
  await withPage(admin, async (page) => {
    await page.goto(`${server.url}/bedrijven/${shop.id}`);
    await page.click(`a[href="/bedrijven/${shop.id}/openingstijden"]`);
    await page.waitForURL(/openingstijden$/);
    assert.equal(await page.locator('table.stadshart-week').count(), 2);
    await page.fill('#h-expression', 'ma-vr 9:00-');
    await page.locator('#h-controle', { hasText: 'Nog niet goed' }).waitFor();
    await page.fill('#h-expression', 'ma-vr 9:00-18:00; za 10:00-17:00');
    await page.locator('#h-controle code', { hasText: 'Mo-Fr 09:00-18:00; Sa 10:00-17:00' }).waitFor();
    assert.match(await page.locator('#h-controle').textContent(), /'ma' is gelezen als 'Mo'/);
    assert.equal(await page.locator('#h-controle table tbody tr').count(), 7);
    await assertAxeClean(page, 'openingstijden met live controle');
    // The server checks too: a bad expression comes back with the error by the field.
    await page.fill('#h-expression', 'Mo-Fr 09:00-');
    await page.click('#openingstijden-form button[type="submit"]');
    assert.match(await page.locator('#fouten').textContent(), /Niet begrepen bij teken 13/);
    assert.equal(await page.locator('#h-expression').getAttribute('aria-invalid'), 'true');
    await assertAxeClean(page, 'openingstijden met fout');
    await page.fill('#h-expression', 'ma-vr 9:00-18:00; za 10:00-17:00');
    await page.click('#openingstijden-form button[type="submit"]');
    await page.waitForURL(/opgeslagen=omgezet/);
    assert.match(await page.locator('[role="status"]').textContent(), /Mo-Fr 09:00-18:00; Sa 10:00-17:00/);
    await assertAxeClean(page, 'openingstijden opgeslagen');
  });
  const stored = await json(`/api/v1/businesses/${shop.id}/hours`);
  assert.equal(stored.opening_hours, 'Mo-Fr 09:00-18:00; Sa 10:00-17:00');

  await withPage(admin, async (page) => {
    await page.goto(`${server.url}/bedrijven/${shop.id}/openingstijden`);
    await page.fill('#h-expression', 'Mo-Fr 09:00-');
    await page.click('#openingstijden-form button[type="submit"]');
    assert.match(await page.locator('#fouten').textContent(), /Niet begrepen bij teken 13/);
    await page.fill('#h-expression', 'Mo-Sa 10:00-18:00; PH off');
    await page.fill('#exc-date-0', '2025-12-31');
    await page.selectOption('#exc-closed-0', 'nee');
    await page.fill('#exc-hours-0', '10:00-16:00');
    await page.fill('#exc-reason-0', 'Oudejaarsdag');
    await page.click('#openingstijden-form button[type="submit"]');
    await page.waitForURL(/opgeslagen=1/);
    assert.match(await page.locator('main').textContent(), /Oudejaarsdag/);
  }, { javaScript: false });
  const after = await json(`/api/v1/businesses/${shop.id}/hours`);
  assert.equal(after.opening_hours, 'Mo-Sa 10:00-18:00; PH off');
  assert.equal(after.exceptions.length, 1);
  // Anonymous visitors see the week but no form.
  await withPage(null, async (page) => {
    await page.goto(`${server.url}/bedrijven/${shop.id}/openingstijden`);
    assert.equal(await page.locator('#openingstijden-form').count(), 0);
    await assertAxeClean(page, 'openingstijden anoniem');
  });
});

test('the settings: school holidays and the footfall import, beside the heatmap afterwards', { timeout: 120000 }, async () => {
  await withPage(admin, async (page) => {
    await page.goto(`${server.url}/openingstijden/instellingen`);
    const holidays = await page.locator('#schoolvakanties-tabel tbody tr').count();
    assert.equal(holidays, 10);
    await assertAxeClean(page, 'instellingen');
    await page.fill('#v-name', 'Zomervakantie');
    await page.selectOption('#v-region', 'midden');
    await page.fill('#v-first', '2026-07-18');
    await page.fill('#v-last', '2026-08-30');
    await page.click('form[action="/openingstijden/schoolvakanties"] button');
    await page.waitForURL(/opgeslagen=1/);
    assert.equal(await page.locator('#schoolvakanties-tabel tbody tr').count(), holidays + 1);
    const csv = ['weekdag;uur;pintransacties', ...['za;11;1.200', 'za;14;2.450,5', 'zo;14;800', 'do;20;300', 'ma;10;150']].join('\n');
    await page.fill('#b-label', 'Pintransacties 2024 (fictief)');
    await page.fill('#b-csv', csv);
    await page.click('form[action="/openingstijden/bezoekers"] button');
    await page.waitForURL(/analyse#bezoekers/);
    assert.equal(await page.locator('#bezoekers-tabel tbody tr').count(), 5);
    assert.match(await page.locator('#bezoekers-tabel tbody tr').first().textContent(), /zaterdag 14:00–15:00\s*2450,5/);
    assert.equal(await page.locator('svg#bezoekers[role="img"]').count(), 1);
    await assertAxeClean(page, 'analyse met bezoekers');
  });
});
