// HTTP tests of the HTML forms (CSRF, validation, post/redirect/get), escaping, and that changes survive a
// restart with a graceful shutdown in between.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { StadshartServer } from '../support/server.mjs';

const server = new StadshartServer().seed();
after(async () => server.cleanup());
let session;  // Cookie header of the demo beheerder's session
let auth;

async function formSession(url) {
  const res = await fetch(url, { headers: { cookie: session } });
  const cookie = session;
  const html = await res.text();
  const token = html.match(/name="csrf" value="([^"]+)"/)?.[1];
  const version = html.match(/name="version" value="(\d+)"/)?.[1];
  return { cookie, token, version, html };
}

const postForm = (url, fields, cookie) =>
  fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams(fields).toString(),
  });

test('form edits: CSRF refused, invalid refused with the message by the field, valid saved', async () => {
  await server.start();
  session = await server.login();
  auth = { authorization: `Bearer ${server.createToken()}` };
  const id = (await (await fetch(`${server.url}/api/v1/plans/2019`)).json()).chapters[1].actions[0].id;
  const page = `${server.url}/acties/${id}`;
  const before = await (await fetch(`${server.url}/api/v1/actions/${id}`)).json();
  const { cookie, token, version } = await formSession(page);
  assert.ok(cookie.startsWith('stadshart_session='), 'signed in');
  assert.ok(token && version);
  const good = { title: 'Leidraad openbare ruimte opstellen', status: 'lopend', thematafel: 'ThemaTafel B', owners: 'gemeente' };

  const noToken = await postForm(page, { ...good, version }, cookie);
  assert.equal(noToken.status, 403);
  const wrongToken = await postForm(page, { ...good, version, csrf: 'x'.repeat(43) }, cookie);
  assert.equal(wrongToken.status, 403);
  const anonymous = await postForm(page, { ...good, version, csrf: token }, '');
  assert.equal(anonymous.status, 401, 'not signed in: refused');
  const otherSite = await fetch(page, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: 'https://evil.example' },
    body: new URLSearchParams({ ...good, version, csrf: token }).toString(),
  });
  assert.equal(otherSite.status, 403);

  const invalid = await postForm(page, { ...good, status: 'bijna', title: '', version, csrf: token }, cookie);
  assert.equal(invalid.status, 422);
  const html = await invalid.text();
  assert.match(html, /id="e-status-fout"[^>]*>Kies een geldige status/);
  assert.match(html, /id="e-title-fout"[^>]*>Vul een omschrijving/);
  assert.deepEqual(await (await fetch(`${server.url}/api/v1/actions/${id}`)).json(), before, 'nothing saved');

  const saved = await postForm(page, { ...good, version, csrf: token }, cookie);
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), `/acties/${id}?opgeslagen=1`);
  const after = await (await fetch(`${server.url}/api/v1/actions/${id}`)).json();
  assert.equal(after.status, 'lopend');
  assert.equal(after.title, good.title);

  const stale = await postForm(page, { ...good, title: 'Oude versie', version, csrf: token }, cookie);
  assert.equal(stale.status, 409, 'a form based on an old version does not overwrite');
  assert.match(await stale.text(), /Iemand anders heeft deze actie intussen gewijzigd/);
});

test('user text is escaped in pages', async () => {
  const action = (await (await fetch(`${server.url}/api/v1/plans/2019`)).json()).chapters[2].actions[0];
  const evil = '<script>alert("x")</script> & <b>vet</b>';
  const res = await fetch(`${server.url}/api/v1/actions/${action.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ version: action.version, title: evil }),
  });
  assert.equal(res.status, 200);
  for (const path of [`/acties/${action.id}`, '/werkplan/2019', '/werkplan/2019/afdrukken']) {
    const html = await (await fetch(server.url + path)).text();
    assert.ok(!html.includes('<script>alert'), path);
    assert.ok(html.includes('&lt;script&gt;alert('), path);
  }
});

test('changes survive a graceful restart', async () => {
  const action = (await (await fetch(`${server.url}/api/v1/plans/2019`)).json()).chapters[3].actions[0];
  const res = await fetch(`${server.url}/api/v1/actions/${action.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ version: action.version, status: 'gereed' }),
  });
  assert.equal(res.status, 200);
  const stopped = await server.stop();
  assert.equal(stopped.code, 0, 'SIGTERM ends the server cleanly');
  await server.start();
  const again = await (await fetch(`${server.url}/api/v1/actions/${action.id}`)).json();
  assert.equal(again.status, 'gereed');
  assert.equal(again.version, action.version + 1);
});

test('pages answer in Dutch with the right status', async () => {
  for (const [path, status] of [['/', 200], ['/werkplan', 200], ['/werkplan/2019', 200], ['/werkplan/2019/themalijn/A', 200],
    ['/werkplan/2019/themalijn/Q', 404], ['/werkplan/2019/afdrukken', 200], ['/acties/1', 200], ['/acties/999999', 404],
    ['/bestaat-niet', 404]]) {
    const res = await fetch(server.url + path);
    assert.equal(res.status, status, path);
    if (res.headers.get('content-type')?.startsWith('text/html')) assert.match(await res.text(), /<html lang="nl"/, path);
  }
});
