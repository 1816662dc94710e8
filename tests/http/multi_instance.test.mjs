// Two `stadshart serve` processes on ONE PostgreSQL database (issue #4, docs/postgres.md "Twee app-servers achter
// nginx"): a write through one is read through the other, also from the other's response cache; a session, its CSRF
// token and login throttling are shared; concurrent edits of one action through both give one 200 and one 409.
// PostgreSQL only: skipped in make test's SQLite pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ON_POSTGRES, StadshartServer } from '../support/server.mjs';

const SKIP = ON_POSTGRES ? false : "needs PostgreSQL: runs in make test's PostgreSQL pass";

let a;  // owns the database
let b;  // a second server on a.db
let auth;
before(async () => {
  if (!ON_POSTGRES) return;
  a = await new StadshartServer().seed().start();
  b = await new StadshartServer({ db: a.db }).start();
  b.admin = a.admin;
  auth = { authorization: `Bearer ${a.createToken()}` };
});
after(async () => {
  await b?.cleanup();  // stops b; the database belongs to a
  await a?.cleanup();
});

const json = async (server, path) => {
  const res = await fetch(server.url + path);
  assert.equal(res.status, 200, `${server.url}${path}`);
  return res.json();
};
const patch = (server, id, body) =>
  fetch(`${server.url}/api/v1/actions/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(body),
  });
const actions = async (server) => (await json(server, '/api/v1/plans/2019')).chapters.flatMap((c) => c.actions);

// GETs `path` on `server` until `predicate(text)` holds or `ms` have passed; the time it took, or null.
async function pollUntil(server, path, predicate, ms) {
  const start = Date.now();
  while (Date.now() - start <= ms) {
    const res = await fetch(server.url + path);
    if (res.status === 200 && predicate(await res.text())) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

async function loginAttempt(server, email, password) {
  const page = await fetch(`${server.url}/login`);
  const csrfCookie = page.headers.get('set-cookie').split(';')[0];
  const csrf = (await page.text()).match(/name="csrf" value="([^"]+)"/)[1];
  return fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ email, password, csrf }).toString(),
  });
}

test('two servers on one database: both answer, from the same data', { skip: SKIP }, async () => {
  assert.notEqual(a.url, b.url);
  assert.equal(a.db, b.db);
  assert.deepEqual(await actions(a), await actions(b));
  for (const server of [a, b]) assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
});

test('an API write through A is read through B, also where B had the answer cached', { skip: SKIP }, async () => {
  const action = (await actions(a))[2];
  const cachedOnB = await json(b, `/api/v1/actions/${action.id}`);  // B now has this answer in its cache
  assert.equal(cachedOnB.version, action.version);
  const res = await patch(a, action.id, { version: action.version, title: 'Geschreven via server A', status: 'lopend' });
  assert.equal(res.status, 200);
  const waited = await pollUntil(b, `/api/v1/actions/${action.id}`, (t) => JSON.parse(t).version === action.version + 1, 3000);
  assert.ok(waited !== null, 'B shows the change within 3 s');
  const onB = await json(b, `/api/v1/actions/${action.id}`);
  assert.equal(onB.title, 'Geschreven via server A');
  assert.equal(onB.status, 'lopend');
});

test('a public HTML page cached on B shows a write through A within about half a second', { skip: SKIP }, async (t) => {
  const action = (await actions(a))[4];
  const title = `Nieuwe titel ${Date.now()}`;
  const first = await (await fetch(`${b.url}/werkplan/2019`)).text();  // fills B's response cache
  assert.ok(!first.includes(title));
  const again = await (await fetch(`${b.url}/werkplan/2019`)).text();
  assert.equal(again, first, 'B answers the page from its cache');
  assert.equal((await patch(a, action.id, { version: action.version, title })).status, 200);
  const waited = await pollUntil(b, '/werkplan/2019', (html) => html.includes(title), 3000);
  assert.ok(waited !== null, 'the cached page on B shows the change within 3 s');
  assert.ok(waited <= 2000, `B's cache was invalidated within 2 s (took ${waited} ms)`);
  t.diagnostic(`B showed the write through A after ${waited} ms`);
  // And the other way round: a write through B reaches A's cached page.
  const back = `Terug via B ${Date.now()}`;
  await fetch(`${a.url}/werkplan/2019`);
  assert.equal((await patch(b, action.id, { version: action.version + 1, title: back })).status, 200);
  const waitedOnA = await pollUntil(a, '/werkplan/2019', (html) => html.includes(back), 3000);
  assert.ok(waitedOnA !== null && waitedOnA <= 2000, `A showed the write through B after ${waitedOnA} ms`);
  t.diagnostic(`A showed the write through B after ${waitedOnA} ms`);
});

test('a session made on A works on B, with its CSRF token; logout on B ends it on A', { skip: SKIP }, async () => {
  const cookie = await a.login();
  assert.match(cookie, /^stadshart_session=/);
  const onB = await fetch(`${b.url}/account`, { headers: { cookie }, redirect: 'manual' });
  assert.equal(onB.status, 200, 'B knows the session made on A');
  assert.match(await onB.text(), /Demo Beheerder/);
  // The CSRF token of the session, taken from a page of A, is accepted by B.
  const page = await (await fetch(`${a.url}/account`, { headers: { cookie } })).text();
  const csrf = page.match(/name="csrf" value="([^"]+)"/)[1];
  const logout = await fetch(`${b.url}/logout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf }).toString(),
  });
  assert.equal(logout.status, 303);
  for (const server of [a, b]) {
    const res = await fetch(`${server.url}/account`, { headers: { cookie }, redirect: 'manual' });
    assert.equal(res.status, 303, `the session no longer works on ${server === a ? 'A' : 'B'}`);
    assert.match(res.headers.get('location'), /^\/login\?terug=/);
  }
});

test('login throttling counts failures on both servers together', { skip: SKIP }, async () => {
  const user = a.addUser('gedeeld-doelwit@example.org', 'gemeente', 'korenbloem-77');
  for (let i = 0; i < 10; i++) {
    const res = await loginAttempt(i % 2 ? b : a, user.email, 'fout-wachtwoord');
    assert.equal(res.status, 401, `failure ${i + 1}`);
  }
  for (const server of [a, b]) {
    const throttled = await loginAttempt(server, user.email, user.password);
    assert.equal(throttled.status, 429, 'ten failures spread over A and B: the right password waits on both');
    assert.ok(throttled.headers.get('retry-after'));
  }
});

test('concurrent edits of one action through A and B: one 200, one 409, the winner stored', { skip: SKIP }, async () => {
  // Several rounds, so that the two transactions really overlap at least some of the time.
  const list = await actions(a);
  const outcomes = [];
  for (let round = 0; round < 12; round++) {
    const action = list[10 + (round % 16)];
    const current = await json(a, `/api/v1/actions/${action.id}`);
    const titles = [`Ronde ${round} via A`, `Ronde ${round} via B`];
    const responses = await Promise.all([
      patch(a, action.id, { version: current.version, title: titles[0], priority: true }),
      patch(b, action.id, { version: current.version, title: titles[1], priority: false }),
    ]);
    const statuses = responses.map((r) => r.status);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    assert.deepEqual([...statuses].sort(), [200, 409], `round ${round}: ${JSON.stringify(statuses)}`);
    const winner = statuses.indexOf(200);
    const loser = 1 - winner;
    outcomes.push({ id: action.id, won: titles[winner], lost: titles[loser] });
    assert.equal(bodies[winner].title, titles[winner]);
    assert.equal(bodies[winner].version, current.version + 1);
    assert.equal(bodies[loser].error.code, 'conflict');
    assert.equal(bodies[loser].current.title, titles[winner], 'the 409 carries the stored state');
    // The stored state is the winner's, through both servers (B may need its cache emptied first).
    for (const server of [a, b]) {
      const waited = await pollUntil(server, `/api/v1/actions/${action.id}`, (t) => JSON.parse(t).version === current.version + 1, 3000);
      assert.ok(waited !== null);
      const stored = await json(server, `/api/v1/actions/${action.id}`);
      assert.equal(stored.title, titles[winner]);
      assert.equal(stored.priority, winner === 0);
      assert.equal(stored.version, current.version + 1);
    }
  }
  // The audit trail holds each winner's edit exactly once and nothing of the losers.
  for (const { id, won, lost } of outcomes) {
    const res = await fetch(`${a.url}/api/v1/audit?entity_type=action&entity_id=${id}`, { headers: auth });
    assert.equal(res.status, 200);
    const titles = (await res.json()).entries.filter((e) => e.operation === 'update').map((e) => e.after?.title);
    assert.equal(titles.filter((t) => t === won).length, 1, `audit of ${won}`);
    assert.equal(titles.filter((t) => t === lost).length, 0, `audit of ${lost}`);
  }
});
