#!/usr/bin/env node
// Screenshots of the main pages for the docs: starts a demo server (fresh database with the Assen demo data),
// makes a few changes through the API so the pages show some progress, and writes PNGs to docs/screenshots/.
//
//   node scripts/screenshots.mjs          (uses build/stadshart, or STADSHART_BIN)
import { mkdirSync, rmSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { StadshartServer } from '../tests/support/server.mjs';

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
const MAX_HEIGHT = 1800;
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-quic', '--disable-sync'],
};

let token;  // a write token of the demo beheerder
async function call(server, method, path, body) {
  const res = await fetch(server.url + path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${token}` },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

// Some real-looking progress: the strategy paper (A.1) done, and the Koopmansplein action (A.2) under way with a
// progress update.
async function addDemoProgress(server) {
  const plan = await call(server, 'GET', '/api/v1/plans/2019');
  const chapterA = plan.chapters.find((c) => c.code === 'A');
  const [strategy, koopmansplein] = chapterA.actions;
  await call(server, 'PATCH', `/api/v1/actions/${strategy.id}`, { version: strategy.version, status: 'gereed' });
  await call(server, 'PATCH', `/api/v1/actions/${koopmansplein.id}`, { version: koopmansplein.version, status: 'lopend' });
  await call(server, 'POST', `/api/v1/actions/${koopmansplein.id}/updates`, {
    date: '2019-03-15',
    text: 'Eerste ruimtelijke visie op het Koopmansplein besproken met ondernemers en vastgoedeigenaren; '
      + 'de tijdelijke ijsbaan rond kerst trok veel bezoekers.',
  });
  return { koopmansplein };
}

// The full page, but at most MAX_HEIGHT pixels tall; `waitFor` is a selector to wait for first (e.g. a drawn map).
async function shoot(page, url, file, waitFor) {
  const response = await page.goto(url);
  if (!response.ok()) throw new Error(`${url}: ${response.status()}`);
  if (waitFor) await page.waitForSelector(waitFor);
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
  }));
  await page.screenshot({
    path: OUT + file,
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, MAX_HEIGHT) },
    animations: 'disabled',
  });
  console.log(`${OUT}${file} (${width}x${Math.min(height, MAX_HEIGHT)})`);
}

const server = new StadshartServer().seed();
// Stop the server and remove its database also when this script is interrupted (Ctrl+C) or crashes.
process.on('exit', () => {
  server.process?.kill('SIGTERM');
  rmSync(server.dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => process.exit(1));
let browser;
try {
  mkdirSync(OUT, { recursive: true });
  [, browser] = await Promise.all([server.start(), chromium.launch(CHROMIUM)]);
  token = server.createToken();
  const { koopmansplein } = await addDemoProgress(server);

  const dutch = { locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', deviceScaleFactor: 1 };
  const desktop = await (await browser.newContext({ ...dutch, viewport: { width: 1280, height: 900 } })).newPage();
  await shoot(desktop, `${server.url}/werkplan/2019`, 'werkplan-2019.png');
  // The action page as the partnership sees it: signed in, with the forms and the change history.
  const [name, value] = (await server.login()).split('=');
  const staffContext = await browser.newContext({ ...dutch, viewport: { width: 1280, height: 900 } });
  await staffContext.addCookies([{ name, value, url: server.url }]);
  const staff = await staffContext.newPage();
  await shoot(staff, `${server.url}/acties/${koopmansplein.id}`, 'actie.png');
  await shoot(staff, `${server.url}/beheer/geschiedenis`, 'geschiedenis.png');
  await shoot(desktop, `${server.url}/werkplan/2019/themalijn/A`, 'themalijn-a.png');

  // The register: the vacancy dashboard, the map (waits until Leaflet has drawn the units) and a unit page as the
  // beheerder sees it (timeline, the occupancy form, the change history).
  await shoot(desktop, `${server.url}/leegstand`, 'leegstand.png');
  await shoot(desktop, `${server.url}/leegstand/kaart`, 'leegstand-kaart.png', '#kaart[data-units]');
  const { units } = await call(server, 'GET', '/api/v1/units?limit=1000');
  const pand = units.find((u) => u.street === 'Kruisstraat' && u.occupancy.length >= 3) ?? units[0];
  await shoot(staff, `${server.url}/panden/${pand.id}`, 'pand.png');

  // The monitor: the public dashboard (a card per KPI) and a KPI page as the gemeente sees it (chart, status,
  // tables, forms further down).
  await shoot(desktop, `${server.url}/monitor`, 'monitor.png');
  await shoot(staff, `${server.url}/monitor/vacancy_count`, 'monitor-kpi.png');

  // Events: the public agenda and the coordination overview (year planner per venue and week, with clashes).
  await shoot(desktop, `${server.url}/agenda`, 'agenda.png');
  await shoot(staff, `${server.url}/agenda/coordinatie`, 'coordinatie.png');

  // Opening hours: "Nu open" on a Saturday afternoon, and the analysis heatmap for the partnership.
  await shoot(desktop, `${server.url}/nu-open?datum=2026-11-28&tijd=14:00`, 'nu-open.png');
  await shoot(staff, `${server.url}/openingstijden/analyse`, 'openingstijden-analyse.png');

  const phone = await (await browser.newContext({ ...dutch, viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true })).newPage();
  await shoot(phone, `${server.url}/werkplan/2019`, 'telefoon.png');
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser?.close();
  await server.cleanup();
}
