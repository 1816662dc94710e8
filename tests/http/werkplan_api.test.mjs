// HTTP tests of the work plan's JSON API, against a real `stadshart serve` with the Assen demo data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { startDemoServer, StadshartServer } from '../support/server.mjs';

const SEED = new URL('../../../shared/seed/werkplan-binnenstad-assen-2018-2019.txt', import.meta.url).pathname;

let server;
let auth;  // Authorization header of a write token of the demo beheerder
before(async () => {
  server = await startDemoServer();
  auth = { authorization: `Bearer ${server.createToken()}` };
});
after(async () => {
  await server?.cleanup();
});

const get = (path) => fetch(server.url + path);
const json = async (path) => (await get(path)).json();
const patch = (path, body, headers = {}) =>
  fetch(server.url + path, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...auth, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const allActions = (plan) => plan.chapters.flatMap((c) => c.actions);

test('GET /api/v1/plans lists the 2019 plan', async () => {
  const body = await json('/api/v1/plans');
  assert.ok(Array.isArray(body.plans));
  const plan = body.plans.find((p) => p.year === 2019);
  assert.ok(plan, 'plan 2019 listed');
  assert.equal(plan.actions, 32);
});

test('GET /api/v1/plans/2019 has 7 chapters, 19 key points, 32 actions and 20 sub-actions', async () => {
  const plan = await json('/api/v1/plans/2019');
  assert.equal(plan.year, 2019);
  assert.deepEqual(plan.chapters.map((c) => c.code), ['A', 'B', 'C', 'D', 'E', 'F', 'J']);
  assert.equal(plan.chapters.flatMap((c) => c.key_points).length, 19);
  const actions = allActions(plan);
  assert.equal(actions.length, 32);
  assert.equal(actions.flatMap((a) => a.sub_actions).length, 20);
  for (const a of actions) {
    assert.equal(typeof a.id, 'number');
    assert.equal(typeof a.title, 'string');
    assert.ok(Array.isArray(a.owners));
    assert.ok(['gepland', 'lopend', 'gereed', 'vervallen'].includes(a.status));
    assert.equal(typeof a.priority, 'boolean');
    for (const s of a.sub_actions) assert.deepEqual(Object.keys(s).sort(), ['id', 'title']);
  }
  for (const c of plan.chapters) for (const k of c.key_points) assert.deepEqual(Object.keys(k).sort(), ['id', 'text']);
});

test('action, sub-action and key point texts match the seed', async (t) => {
  if (!existsSync(SEED)) {
    t.skip(`seed not found at ${SEED}: ../shared is absent`);
    return;
  }
  // The seed is PDF text: compare without whitespace, and without the footnote that interrupts action A.7.
  const squash = (s) => s.replace(/\s+/g, '');
  const seed = squash(readFileSync(SEED, 'utf8').replace('1 In te vullen na gemeentelijke besluitvorming.', ''))
    .replace('acquisitie1wordt', 'acquisitiewordt');
  const plan = await json('/api/v1/plans/2019');
  const texts = [
    ...plan.chapters.flatMap((c) => c.key_points.map((k) => k.text)),
    ...allActions(plan).flatMap((a) => [a.title, ...a.sub_actions.map((s) => s.title)]),
  ];
  assert.equal(texts.length, 19 + 32 + 20);
  for (const text of texts) assert.ok(seed.includes(squash(text)), `not in the seed: ${text}`);
});

test('unknown plan and unknown action are 404 with a JSON error', async () => {
  for (const path of ['/api/v1/plans/1999', '/api/v1/plans/abc', '/api/v1/actions/999999', '/api/v1/nope']) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    const body = await res.json();
    assert.equal(body.error.code, 'not_found', path);
    assert.equal(typeof body.error.message, 'string');
  }
});

test('PATCH changes status, priority and title and answers the new state', async () => {
  const plan = await json('/api/v1/plans/2019');
  const action = allActions(plan)[3];
  const res = await patch(`/api/v1/actions/${action.id}`, {
    version: action.version,
    status: 'lopend',
    priority: true,
    title: 'Tijdelijk beheerder gecontracteerd',
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.status, 'lopend');
  assert.equal(body.priority, true);
  assert.equal(body.title, 'Tijdelijk beheerder gecontracteerd');
  assert.equal(body.version, action.version + 1);
  const again = await json(`/api/v1/actions/${action.id}`);
  assert.equal(again.status, 'lopend', 'a cached GET must not show the old state after a write');
  assert.equal(again.title, 'Tijdelijk beheerder gecontracteerd');
});

test('invalid PATCHes name the field, answer the right status and change nothing', async () => {
  const action = allActions(await json('/api/v1/plans/2019'))[5];
  const cases = [
    [{ version: action.version, status: 'klaar' }, 422, 'invalid', 'status'],
    [{ version: action.version, title: '   ' }, 422, 'invalid', 'title'],
    [{ version: action.version, priority: 'ja' }, 422, 'invalid', 'priority'],
    [{ version: action.version, colour: 'rood' }, 422, 'invalid', 'colour'],
    [{ version: action.version, title: 'x'.repeat(2001) }, 422, 'invalid', 'title'],
    [{ status: 'lopend' }, 428, 'version_required', undefined],
    [{ version: action.version - 1 + 100, status: 'lopend' }, 409, 'conflict', undefined],
  ];
  for (const [body, status, code, field] of cases) {
    const res = await patch(`/api/v1/actions/${action.id}`, body);
    assert.equal(res.status, status, JSON.stringify(body));
    const error = (await res.json()).error;
    assert.equal(error.code, code, JSON.stringify(body));
    if (field) assert.equal(error.field, field);
  }
  const malformed = await patch(`/api/v1/actions/${action.id}`, '{"status": ');
  assert.equal(malformed.status, 400);
  assert.equal((await malformed.json()).error.code, 'malformed');
  const notJson = await patch(`/api/v1/actions/${action.id}`, 'status=lopend', {
    'content-type': 'application/x-www-form-urlencoded',
  });
  assert.equal(notJson.status, 400, 'a write must be JSON, which a cross-site form cannot send');
  const unknown = await patch('/api/v1/actions/999999', { version: 1, status: 'lopend' });
  assert.equal(unknown.status, 404);
  assert.deepEqual(await json(`/api/v1/actions/${action.id}`), action, 'nothing changed');
});

test('a stale version gets 409 with the current state, and the first edit survives', async () => {
  const action = allActions(await json('/api/v1/plans/2019'))[6];
  const first = await patch(`/api/v1/actions/${action.id}`, { version: action.version, title: 'Versie van Anna' });
  assert.equal(first.status, 200);
  const second = await patch(`/api/v1/actions/${action.id}`, { version: action.version, title: 'Versie van Bram' });
  assert.equal(second.status, 409);
  const body = await second.json();
  assert.equal(body.current.title, 'Versie van Anna');
  assert.equal((await json(`/api/v1/actions/${action.id}`)).title, 'Versie van Anna');
});

test('progress updates are stored and listed, newest first', async () => {
  const action = allActions(await json('/api/v1/plans/2019'))[8];
  const post = (body) =>
    fetch(`${server.url}/api/v1/actions/${action.id}/updates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(body),
    });
  assert.equal((await post({ date: '2019-03-01', text: 'Eerste overleg' })).status, 201);
  assert.equal((await post({ date: '2019-04-01', text: 'Concept klaar', status: 'lopend', version: action.version })).status, 201);
  assert.equal((await post({ date: '2999-01-01', text: 'Toekomst' })).status, 422);
  assert.equal((await post({ date: '2019-04-02', text: '' })).status, 422);
  const { updates } = await json(`/api/v1/actions/${action.id}/updates`);
  assert.deepEqual(updates.map((u) => u.text), ['Concept klaar', 'Eerste overleg']);
  assert.equal((await json(`/api/v1/actions/${action.id}`)).status, 'lopend');
});

test('roll-over to 2020 carries unfinished actions once, however often it runs', async () => {
  const rollover = () => fetch(`${server.url}/api/v1/plans/2019/rollover`, { method: 'POST', headers: auth });
  const plan2019 = await json('/api/v1/plans/2019');
  const unfinished = allActions(plan2019).filter((a) => a.status !== 'gereed' && a.status !== 'vervallen').length;
  const first = await rollover();
  assert.equal(first.status, 201);
  assert.equal((await first.json()).carried, unfinished);
  const second = await rollover();
  assert.equal(second.status, 200);
  const report = await second.json();
  assert.equal(report.carried, 0);
  assert.equal(report.already_carried, unfinished);
  const plan2020 = await json('/api/v1/plans/2020');
  assert.equal(allActions(plan2020).length, unfinished);
  assert.equal(plan2020.chapters.flatMap((c) => c.key_points).length, 19);
  assert.ok(allActions(plan2020).every((a) => typeof a.carried_from === 'number'));
  assert.equal((await fetch(`${server.url}/api/v1/plans/1990/rollover`, { method: 'POST', headers: auth })).status, 404);
});

test('goals of the binnenstadakkoord are structured data', async () => {
  const { goals } = await json('/api/v1/goals');
  const byCode = Object.fromEntries(goals.map((g) => [g.code, g]));
  assert.equal(byCode.jobs.baseline, 3800);
  assert.equal(byCode.jobs.target, 5000);
  assert.equal(byCode.businesses.target, 500);
  assert.equal(byCode.vacancy.baseline, 21.9);
  assert.equal(byCode.vacancy.target, 7.8);
  assert.equal(byCode.rating.target, 7.5);
  assert.equal(byCode.ranking.target_year, 2021);
});

test('every response carries the security headers; /healthz answers', async () => {
  for (const path of ['/', '/werkplan/2019', '/api/v1/plans', '/nope', '/static/stadshart.css']) {
    const res = await get(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/, path);
    assert.doesNotMatch(csp, /unsafe-inline/, path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.ok(res.headers.get('referrer-policy'), path);
  }
  const health = await get('/healthz');
  assert.equal(health.status, 200);
  assert.equal((await health.json()).status, 'ok');
});

test('CSV export opens in Dutch Excel: BOM, semicolons, one row per action', async () => {
  const res = await get('/werkplan/2019/export.csv');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.slice(3));
  assert.ok(text.startsWith('jaar;nummer;themalijn;actie;'));
  const rows = text.split('\r\n').filter((line) => /^2019;[A-J]\.\d+;/.test(line));
  assert.equal(rows.length, 32);
});
