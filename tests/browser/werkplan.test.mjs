// Browser tests of the work plan pages: Playwright driving Debian's Chromium against a real `stadshart serve`
// with the Assen demo data, and axe for WCAG 2.1 AA. One browser and one server for the file; every test gets
// its own browser context (own cookies), and the tests that write use actions of different chapters, so they
// do not depend on each other's order. Chapter C is never changed (the filter test counts its actions).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserAndServer, axeProblems } from '../support/browser.mjs';

const PHONE = { width: 375, height: 800 };

let server;
let browser;
let close;
let session;  // "stadshart_session=..." of the demo beheerder
let token;    // a write API token of the demo beheerder
before(async () => {
  ({ server, browser, close } = await startBrowserAndServer());
  session = await server.login();
  token = server.createToken();
});
after(async () => close?.());

// A fresh context (cookies, viewport, JavaScript on or off) for one test, signed in as the demo beheerder unless
// `anonymous: true`; closed even when the test fails.
async function withPage({ anonymous = false, ...options }, fn) {
  const context = await browser.newContext(options);
  if (!anonymous) {
    const [name, value] = session.split('=');
    await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
  }
  context.setDefaultTimeout(10000);
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

const api = async (path, init) => {
  const headers = { ...(init?.headers ?? {}), ...(init?.method && init.method !== 'GET' ? { authorization: `Bearer ${token}` } : {}) };
  const res = await fetch(server.url + path, { ...init, headers });
  assert.ok(res.ok, `${init?.method ?? 'GET'} ${path}: ${res.status}`);
  return res.json();
};
const plan = (year) => api(`/api/v1/plans/${year}`);
const allActions = (p) => p.chapters.flatMap((c) => c.actions);
const actionByNumber = async (number, year = 2019) => allActions(await plan(year)).find((a) => a.number === number);
const unfinished = (p) => allActions(p).filter((a) => a.status !== 'gereed' && a.status !== 'vervallen').length;

// Today as a calendar day in Amsterdam (YYYY-MM-DD), the way the server dates progress updates.
const amsterdamToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

// Locators on the plan page.
const chapterSections = (page) => page.locator('main section.stadshart-chapter');
const actionLinks = (page) => page.locator('main .stadshart-action a[href^="/acties/"]');
const actionItem = (page, number) =>
  page.locator('li.stadshart-action').filter({ has: page.locator('.stadshart-action__number', { hasText: new RegExp(`^${number.replace('.', '\\.')}$`) }) });
const text = async (locator) => (await locator.textContent()).trim();

// The edit form "Actie wijzigen" and its fields, by their visible labels.
const editForm = (page) => page.getByRole('region', { name: 'Actie wijzigen' });
const omschrijving = (page) => editForm(page).getByLabel('Omschrijving', { exact: true });
const statusSelect = (page) => editForm(page).getByLabel('Status', { exact: true });
const saveButton = (page) => editForm(page).getByRole('button', { name: 'Wijziging opslaan' });


test('view: /werkplan/2019 lists 7 chapter sections and 32 action links, and an action link opens the action', async () => {
  await withPage({}, async (page) => {
    const failed = [];
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    const res = await page.goto(`${server.url}/werkplan/2019`);
    assert.equal(res.status(), 200);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Werkplan 2019');
    assert.equal(await chapterSections(page).count(), 7);
    const chapterLinks = chapterSections(page).getByRole('heading', { level: 3 }).getByRole('link');
    const codes = (await chapterLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href'))))
      .map((href) => href.match(/^\/werkplan\/2019\/themalijn\/([A-Z])$/)?.[1]);
    assert.deepEqual(codes, ['A', 'B', 'C', 'D', 'E', 'F', 'J'], 'each chapter heading links to its themalijn page');
    assert.equal(await actionLinks(page).count(), 32);
    assert.equal(await page.locator('main .utrecht-table tbody tr').count(), 7, 'one progress row per themalijn');
    assert.deepEqual(failed, [], 'stylesheets and icons load');

    const link = actionItem(page, 'A.2').getByRole('link');
    const title = await text(link);
    assert.match(title, /Koopmansplein/);
    await link.click();
    await page.waitForURL(/\/acties\/\d+$/);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Actie A.2');
    assert.equal(await text(page.locator('main .utrecht-paragraph--lead')), title);
    assert.equal(await omschrijving(page).inputValue(), title);
  });
});

test('filter: Status=gepland and Themalijn=C lists only chapter C\'s 3 actions; "Alle filters wissen" resets', async () => {
  await withPage({}, async (page) => {
    await page.goto(`${server.url}/werkplan/2019`);
    await page.getByLabel('Status', { exact: true }).selectOption('gepland');
    await page.getByLabel('Themalijn', { exact: true }).selectOption('C');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/[?&]status=gepland/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('themalijn'), 'C');
    assert.equal(url.searchParams.get('status'), 'gepland');

    assert.equal(await chapterSections(page).count(), 1);
    assert.equal(await chapterSections(page).getByRole('heading').getByRole('link').getAttribute('href'), '/werkplan/2019/themalijn/C');
    assert.match(await text(chapterSections(page).getByRole('heading')), /^Themalijn C\. /);
    assert.equal(await actionLinks(page).count(), 3);
    assert.deepEqual((await page.locator('main .stadshart-action__number').allTextContents()).map((s) => s.trim()), ['C.1', 'C.2', 'C.3']);
    assert.equal(await text(page.getByRole('status')), '3 acties voldoen aan het filter.');
    assert.equal(await page.getByLabel('Status', { exact: true }).inputValue(), 'gepland', 'the chosen filter stays selected');
    assert.equal(await page.getByLabel('Themalijn', { exact: true }).inputValue(), 'C');

    await page.getByRole('link', { name: 'Alle filters wissen' }).click();
    await page.waitForURL((u) => u.pathname === '/werkplan/2019' && u.search === '');
    assert.equal(await chapterSections(page).count(), 7);
    assert.equal(await actionLinks(page).count(), 32);
    assert.equal(await page.getByRole('status').count(), 0, 'no filter status line without a filter');
    assert.equal(await page.getByLabel('Status', { exact: true }).inputValue(), '');
    assert.equal(await page.getByLabel('Themalijn', { exact: true }).inputValue(), '');
    assert.equal(await page.getByRole('link', { name: 'Alle filters wissen' }).count(), 0);
  });
});

test('edit with an empty Omschrijving: 422 with error summary and field error, the summary link focuses the field, nothing saved', async () => {
  const action = await actionByNumber('B.1');
  const before = await api(`/api/v1/actions/${action.id}`);
  await withPage({}, async (page) => {
    const actionUrl = `${server.url}/acties/${action.id}`;
    await page.goto(actionUrl);
    await omschrijving(page).fill('');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      saveButton(page).click(),
    ]);
    assert.equal(response.status(), 422);
    await page.waitForLoadState();

    const summary = page.getByRole('alert');
    assert.ok(await summary.isVisible(), 'error summary visible');
    assert.match(await text(summary), /De wijziging is niet opgeslagen/);
    const fieldError = page.locator('#e-title-fout');
    assert.ok(await fieldError.isVisible(), 'field error visible');
    assert.equal(await text(fieldError), 'Vul een omschrijving van de actie in.');
    assert.equal(await omschrijving(page).getAttribute('aria-invalid'), 'true');
    assert.match(await omschrijving(page).getAttribute('aria-describedby'), /\be-title-fout\b/, 'the field error is announced with the field');

    const link = summary.getByRole('link', { name: 'Vul een omschrijving van de actie in.' });
    assert.equal(await link.getAttribute('href'), '#e-title');
    await link.focus();
    assert.ok(await link.evaluate((el) => el === document.activeElement), 'summary link is focusable');
    await page.keyboard.press('Enter');
    assert.ok(await omschrijving(page).evaluate((el) => el === document.activeElement), 'following the link focuses Omschrijving');

    await page.goto(actionUrl);
    assert.equal(await page.getByRole('alert').count(), 0);
    assert.equal(await text(page.locator('main .utrecht-paragraph--lead')), before.title);
    assert.equal(await omschrijving(page).inputValue(), before.title);
  });
  assert.deepEqual(await api(`/api/v1/actions/${action.id}`), before, 'the API shows nothing changed');
});

test('edit with good values: new Omschrijving and Status=lopend are saved, confirmed, and shown on the plan page', async () => {
  const action = await actionByNumber('A.3');
  const newTitle = 'Stimuleringssubsidies: het subsidie-instrument is in gebruik (browsertest)';
  await withPage({}, async (page) => {
    const actionUrl = `${server.url}/acties/${action.id}`;
    await page.goto(actionUrl);
    await omschrijving(page).fill(newTitle);
    await statusSelect(page).selectOption('lopend');
    await saveButton(page).click();
    await page.waitForURL(`${actionUrl}?opgeslagen=1`);
    assert.equal(await text(page.getByRole('status')), 'De wijziging is opgeslagen.');

    await page.goto(actionUrl);
    assert.equal(await text(page.locator('main .utrecht-paragraph--lead')), newTitle);
    assert.equal(await text(page.locator('.stadshart-facts .utrecht-status-badge')), 'Lopend');
    assert.equal(await omschrijving(page).inputValue(), newTitle);
    assert.equal(await statusSelect(page).inputValue(), 'lopend');

    await page.goto(`${server.url}/werkplan/2019`);
    const item = actionItem(page, 'A.3');
    assert.equal(await text(item.getByRole('link')), newTitle);
    assert.equal(await text(item.locator('.utrecht-status-badge').first()), 'Lopend');
  });
  const saved = await api(`/api/v1/actions/${action.id}`);
  assert.equal(saved.title, newTitle);
  assert.equal(saved.status, 'lopend');
  assert.equal(saved.version, action.version + 1);
});

test('progress update: a "Voortgang" with today\'s date and a text appears in the history list', async () => {
  const action = await actionByNumber('D.1');
  const today = amsterdamToday();
  const message = `Eerste overleg met de ThemaTafel gevoerd (browsertest ${Date.now()})`;
  await withPage({}, async (page) => {
    await page.goto(`${server.url}/acties/${action.id}`);
    assert.equal(await page.locator('ol.stadshart-history:not(.stadshart-changes) > li').count(), 0);
    const panel = page.getByRole('region', { name: 'Voortgang toevoegen' });
    await panel.getByLabel('Datum').fill(today);
    await panel.getByLabel('Wat is er gebeurd?').fill(message);
    await panel.getByRole('button', { name: 'Voortgang opslaan' }).click();
    await page.waitForURL(/[?&]voortgang=1/);

    const entries = page.locator('ol.stadshart-history:not(.stadshart-changes) > li');
    assert.equal(await entries.count(), 1);
    const entry = entries.filter({ hasText: message });
    assert.equal(await entry.count(), 1, 'the new message is in the history');
    assert.equal(await entry.locator('time').getAttribute('datetime'), today);
    assert.equal(await page.getByText('Nog geen voortgangsberichten.').count(), 0);
  });
  const { updates } = await api(`/api/v1/actions/${action.id}/updates`);
  assert.deepEqual(updates.map((u) => [u.date, u.text]), [[today, message]]);
});

test('roll-over: "Jaarplan 2020 actualiseren" makes 2020 with the notice, and a second roll-over adds no duplicates', async () => {
  const expected = unfinished(await plan(2019));
  await withPage({}, async (page) => {
    await page.goto(`${server.url}/werkplan`);
    await page.getByRole('button', { name: 'Jaarplan 2020 actualiseren' }).click();
    await page.waitForURL(/\/werkplan\/2020(\?|$)/);
    assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Werkplan 2020');
    assert.equal(await text(page.getByRole('status')),
      `Jaarplan 2020 is geactualiseerd uit 2019: ${expected} acties nu overgenomen, 0 waren al eerder overgenomen.`);
    assert.equal(await actionLinks(page).count(), expected);

    // /werkplan now offers 2021; post the 2019 roll-over again as the form would, with this session's CSRF token.
    await page.goto(`${server.url}/werkplan`);
    assert.equal(await page.getByRole('button', { name: 'Jaarplan 2021 actualiseren' }).count(), 1);
    const token = await page.locator('form input[name="csrf"]').first().inputValue();
    const again = await page.request.post(`${server.url}/werkplan/2019/actualiseren`, {
      form: { csrf: token },
      headers: { origin: server.url },
    });
    assert.equal(again.status(), 200);
    assert.match(again.url(), /\/werkplan\/2020\?/);
    assert.match(await again.text(), new RegExp(`0 acties nu overgenomen, ${expected} waren al eerder overgenomen`));
    const withoutToken = await page.request.post(`${server.url}/werkplan/2019/actualiseren`, { form: {}, maxRedirects: 0 });
    assert.equal(withoutToken.status(), 403, 'the form refuses a post without the CSRF token');

    await page.goto(`${server.url}/werkplan/2020`);
    assert.equal(await actionLinks(page).count(), expected, 'no duplicates on the 2020 plan page');
  });
  const report = await api('/api/v1/plans/2019/rollover', { method: 'POST' });
  assert.equal(report.carried, 0);
  assert.equal(allActions(await plan(2020)).length, expected, 'no duplicates in the API');
});

test('accessibility: axe finds no WCAG 2.1 A/AA violations on any page, including the error state and a 404', async () => {
  await api('/api/v1/plans/2019/rollover', { method: 'POST' }); // idempotent: makes sure 2020 exists
  const a2 = await actionByNumber('A.2');
  const carried = allActions(await plan(2020)).find((a) => a.carried_from);
  assert.ok(carried, 'an action carried into 2020');
  const pages = [
    ['/', 200], ['/werkplan', 200], ['/werkplan/2019', 200], ['/werkplan/2019?status=lopend', 200],
    ['/werkplan/2019/themalijn/A', 200], ['/werkplan/2019/themalijn/J', 200], ['/werkplan/2019/afdrukken', 200],
    [`/acties/${a2.id}`, 200], [`/acties/${carried.id}`, 200], ['/acties/999999', 404],
  ];
  const problems = [];
  await withPage({}, async (page) => {
    for (const [path, status] of pages) {
      const res = await page.goto(server.url + path);
      assert.equal(res.status(), status, path);
      if (path === `/acties/${carried.id}`) {
        assert.equal(await page.getByRole('heading', { name: 'In andere jaarplannen' }).count(), 1, 'carried action shows its lineage');
      }
      problems.push(...(await axeProblems(page, path)));
    }

    // The edit form in its 422 state (after a bad submit).
    await page.goto(`${server.url}/acties/${a2.id}`);
    await omschrijving(page).fill('');
    await saveButton(page).click();
    await page.getByRole('alert').waitFor();
    problems.push(...(await axeProblems(page, `/acties/${a2.id} (422 after an empty Omschrijving)`)));
  });
  assert.equal(problems.length, 0, `axe violations:\n${problems.join('\n')}`);
});

test('phone width (375x800): no horizontal scroll on the plan page, and axe is clean there', async () => {
  await withPage({ viewport: PHONE }, async (page) => {
    await page.goto(`${server.url}/werkplan/2019`);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px viewport`);
    const problems = await axeProblems(page, '/werkplan/2019 at 375px');
    assert.equal(problems.length, 0, `axe violations:\n${problems.join('\n')}`);

    // The other pages must not scroll sideways either (wide tables scroll inside their own container).
    for (const path of ['/', '/werkplan', '/werkplan/2019/themalijn/A', '/werkplan/2019/afdrukken', '/acties/2']) {
      await page.goto(server.url + path);
      const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(sw <= cw, `${path} is ${sw}px wide in a ${cw}px viewport`);
    }
  });
});

test('no JavaScript needed: with JavaScript disabled the filter works and an edit is saved', async () => {
  const action = await actionByNumber('E.1');
  const newTitle = 'Gastvrijheid: opgeslagen zonder JavaScript (browsertest)';
  await withPage({ javaScriptEnabled: false }, async (page) => {
    await page.goto(`${server.url}/werkplan/2019`);
    assert.equal(await page.locator('script').count(), 0, 'the pages ship no script');
    await page.getByLabel('Themalijn', { exact: true }).selectOption('J');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/[?&]themalijn=J/);
    assert.equal(await chapterSections(page).count(), 1);
    assert.equal(await actionLinks(page).count(), 2);
    assert.equal(await text(page.getByRole('status')), '2 acties voldoen aan het filter.');

    await page.goto(`${server.url}/acties/${action.id}`);
    await omschrijving(page).fill(newTitle);
    await saveButton(page).click();
    await page.waitForURL(/\?opgeslagen=1$/);
    assert.equal(await text(page.getByRole('status')), 'De wijziging is opgeslagen.');
    assert.equal(await text(page.locator('main .utrecht-paragraph--lead')), newTitle);
  });
  assert.equal((await api(`/api/v1/actions/${action.id}`)).title, newTitle);
});

test('keyboard: "Direct naar de inhoud" is the first Tab stop and moves focus to main; focus is visible', async () => {
  await withPage({}, async (page) => {
    await page.goto(`${server.url}/werkplan/2019`);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return { text: el.textContent.trim(), href: el.getAttribute('href'), onScreen: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0,
        outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) };
    });
    assert.equal(skip.text, 'Direct naar de inhoud');
    assert.equal(skip.href, '#inhoud');
    assert.ok(skip.onScreen, 'the skip link becomes visible when focused');
    assert.ok(skip.outline !== 'none' && skip.outlineWidth > 0, `skip link focus outline: ${skip.outline} ${skip.outlineWidth}px`);

    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'inhoud');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'MAIN');

    await page.keyboard.press('Tab');
    const link = await page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return { tag: el.tagName, inMain: !!el.closest('main'), text: el.textContent.trim(), outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) };
    });
    assert.equal(link.tag, 'A');
    assert.ok(link.inMain, 'the next Tab stop is inside main');
    assert.ok(link.outline !== 'none' && link.outlineWidth > 0, `focused link "${link.text}" has outline ${link.outline} ${link.outlineWidth}px`);
  });
});
