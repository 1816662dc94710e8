// HTTP tests of accounts, roles, tokens, throttling and the audit trail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from '../support/server.mjs';

let server;
before(async () => {
  server = await startDemoServer();
});
after(async () => server?.cleanup());

const api = (path, { method = 'GET', token, body, cookie } = {}) =>
  fetch(server.url + path, {
    method,
    redirect: 'manual',
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(cookie ? { cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const firstAction = async () => (await (await api('/api/v1/plans/2019')).json()).chapters[4].actions[0];

async function loginAttempt(email, password) {
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

test('anonymous API writes get 401, a read token 403, a write token succeeds', async () => {
  const action = await firstAction();
  const body = { version: action.version, status: 'lopend' };
  const anonymous = await api(`/api/v1/actions/${action.id}`, { method: 'PATCH', body });
  assert.equal(anonymous.status, 401);
  assert.equal((await anonymous.json()).error.code, 'unauthenticated');
  const bogus = await api(`/api/v1/actions/${action.id}`, { method: 'PATCH', body, token: 'sh_nietgeldig' });
  assert.equal(bogus.status, 401);
  const read = await api(`/api/v1/actions/${action.id}`, { method: 'PATCH', body, token: server.createToken({ scope: 'read' }) });
  assert.equal(read.status, 403);
  assert.equal((await firstAction()).status, 'gepland', 'nothing changed');
  const write = await api(`/api/v1/actions/${action.id}`, { method: 'PATCH', body, token: server.createToken() });
  assert.equal(write.status, 200);
});

test('roles: an ondernemer cannot change the plan; gemeente can', async () => {
  server.addUser('ondernemer@example.org', 'ondernemer');
  server.addUser('gemeente@example.org', 'gemeente');
  const action = await firstAction();
  const body = { version: action.version, priority: true };
  const shop = await api(`/api/v1/actions/${action.id}`, {
    method: 'PATCH', body, token: server.createToken({ email: 'ondernemer@example.org' }),
  });
  assert.equal(shop.status, 403);
  const city = await api(`/api/v1/actions/${action.id}`, {
    method: 'PATCH', body, token: server.createToken({ email: 'gemeente@example.org' }),
  });
  assert.equal(city.status, 200);
  const cookie = await server.login({ email: 'ondernemer@example.org', password: 'paardenbloem-42' });
  const page = await (await api(`/acties/${action.id}`, { cookie })).text();
  assert.ok(!page.includes('Wijziging opslaan'), 'no edit form for an ondernemer');
  assert.equal((await api('/beheer/gebruikers', { cookie })).status, 403);
});

test('every successful write leaves exactly one audit row with before and after', async () => {
  const token = server.createToken();
  const action = (await (await api('/api/v1/plans/2019')).json()).chapters[5].actions[1];
  const audit = async () =>
    (await (await api(`/api/v1/audit?entity_type=action&entity_id=${action.id}`, { token })).json()).entries;
  // The demo seed already linked the action to KPIs (one audit row by "systeem").
  const before = (await audit()).length;
  const res = await api(`/api/v1/actions/${action.id}`, { method: 'PATCH', token, body: { version: action.version, status: 'gereed' } });
  assert.equal(res.status, 200);
  const refused = await api(`/api/v1/actions/${action.id}`, { method: 'PATCH', token, body: { version: action.version, status: 'lopend' } });
  assert.equal(refused.status, 409);
  const entries = await audit();
  assert.equal(entries.length, before + 1);
  const [entry] = entries;  // newest first
  assert.equal(entry.operation, 'update');
  assert.equal(entry.via, 'api');
  assert.match(entry.actor, /^token \d+ van beheerder@stadshart\.example$/);
  assert.equal(entry.before.status, 'gepland');
  assert.equal(entry.after.status, 'gereed');
  assert.match(entry.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
    const tamper = await api('/api/v1/audit', { method, token, body: {} });
    assert.ok([404, 405].includes(tamper.status), `${method} /api/v1/audit -> ${tamper.status}`);
  }
});

test('the audit API is for beheerder and gemeente only', async () => {
  assert.equal((await api('/api/v1/audit')).status, 401);
  server.addUser('eigenaar@example.org', 'eigenaar');
  assert.equal((await api('/api/v1/audit', { token: server.createToken({ email: 'eigenaar@example.org' }) })).status, 403);
});

test('login: a generic message for a wrong password or unknown user, then throttling', async () => {
  server.addUser('doelwit@example.org', 'organisator', 'korenbloem-77');
  for (const [email, password] of [['doelwit@example.org', 'fout-wachtwoord'], ['niemand@example.org', 'korenbloem-77']]) {
    const res = await loginAttempt(email, password);
    assert.equal(res.status, 401);
    assert.match(await res.text(), /E-mailadres of wachtwoord onjuist\./);
  }
  for (let i = 0; i < 9; i++) assert.equal((await loginAttempt('doelwit@example.org', 'fout-wachtwoord')).status, 401);
  const throttled = await loginAttempt('doelwit@example.org', 'korenbloem-77');
  assert.equal(throttled.status, 429, 'ten failures in a minute: even the right password waits');
  assert.ok(throttled.headers.get('retry-after'));
  assert.equal((await loginAttempt(server.admin.email, server.admin.password)).status, 303, 'other accounts are not affected');
});

test('sessions: rotated at login, ended by logout, and pages show who is signed in', async () => {
  const anonymousPage = await (await api('/werkplan/2019')).text();  // fills the response cache
  assert.match(anonymousPage, /href="\/login"/);
  const cookie = await server.login();
  assert.match(cookie, /^stadshart_session=/);
  const again = await server.login();
  assert.notEqual(cookie, again, 'a new session at every login');
  const signedIn = await (await api('/werkplan/2019', { cookie })).text();
  assert.match(signedIn, /Demo Beheerder/, 'a signed-in user never gets the cached anonymous page');
  const account = await (await api('/account', { cookie })).text();
  const csrf = account.match(/name="csrf" value="([^"]+)"/)[1];
  const logout = await fetch(`${server.url}/logout`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf }).toString(),
  });
  assert.equal(logout.status, 303);
  const after = await api('/account', { cookie });
  assert.equal(after.status, 303, 'the old session no longer works');
  assert.match(after.headers.get('location'), /^\/login\?terug=/);
});

test('tokens: created once in "mijn account", listed without the secret, revocable', async () => {
  const cookie = await server.login();
  const page = await (await api('/account', { cookie })).text();
  const csrf = page.match(/name="csrf" value="([^"]+)"/)[1];
  const created = await fetch(`${server.url}/account/tokens`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf, name: 'rapportage', scope: 'read' }).toString(),
  });
  assert.equal(created.status, 201);
  const token = (await created.text()).match(/id="nieuw-token">(sh_[A-Za-z0-9_-]+)</)[1];
  assert.equal((await api('/api/v1/audit', { token })).status, 200);
  const listing = await (await api('/account', { cookie })).text();
  assert.ok(listing.includes('rapportage') && !listing.includes(token), 'the secret is shown only once');
  const id = listing.match(/action="\/account\/tokens\/(\d+)\/intrekken"/g).pop().match(/\d+/)[0];
  const revoke = await fetch(`${server.url}/account/tokens/${id}/intrekken`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf }).toString(),
  });
  assert.equal(revoke.status, 303);
  assert.equal((await api('/api/v1/audit', { token })).status, 401);
});

test('nothing sensitive is logged', async () => {
  const token = server.createToken();
  await api('/api/v1/audit', { token });
  const cookie = await server.login();
  await api('/account?token=geheim', { cookie });
  assert.ok(!server.log.includes(token), 'no token in the log');
  assert.ok(!server.log.includes(cookie.split('=')[1]), 'no session id in the log');
  assert.ok(!server.log.includes(server.admin.password), 'no password in the log');
  assert.ok(!server.log.includes('geheim'), 'no query strings in the log');
});
