// deploy/nginx/stadshart.conf for real: nginx in front of two `stadshart serve` instances on one PostgreSQL database
// (issue #4, docs/postgres.md "Twee app-servers achter nginx"). Requests reach both instances; sessions and forms
// work through the proxy; with one instance stopped GETs and writes still succeed; while the database is away nginx
// passes the application's 503 on, and afterwards everything answers again.
// PostgreSQL only, and needs nginx (scripts/install-deps.sh installs nginx-light): skipped otherwise.
// scripts/try-nginx.sh runs just this file against a throwaway PostgreSQL server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, exec, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ON_POSTGRES, StadshartServer } from '../support/server.mjs';

const CONF = new URL('../../deploy/nginx/stadshart.conf', import.meta.url).pathname;
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const CTL = process.env.STADSHART_TEST_PG_CTL;
const SKIP = !ON_POSTGRES ? "needs PostgreSQL: runs in make test's PostgreSQL pass"
  : !NGINX ? 'needs nginx: scripts/install-deps.sh installs nginx-light' : false;
const run = promisify(exec);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let a;
let b;
let dir;
let nginx;
let front;  // http://127.0.0.1:PORT of nginx
let auth;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const portOf = (server) => new URL(server.url).port;

before(async () => {
  if (SKIP) return;
  a = await new StadshartServer().seed().start();
  b = await new StadshartServer({ db: a.db }).start();
  b.admin = a.admin;
  auth = { authorization: `Bearer ${a.createToken()}` };

  // The deployed file with the test's ports, inside a minimal main configuration; nginx runs in the foreground.
  dir = mkdtempSync(join(tmpdir(), 'stadshart-nginx-'));
  chmodSync(dir, 0o755);  // nginx's workers (nobody, when the tests run as root) write their temporary files here
  const port = await freePort();
  const conf = readFileSync(CONF, 'utf8')
    .replace('server 127.0.0.1:8081 ', `server 127.0.0.1:${portOf(a)} `)
    .replace('server 127.0.0.1:8082 ', `server 127.0.0.1:${portOf(b)} `)
    .replace(/listen 8080;/, `listen 127.0.0.1:${port};`);
  assert.ok(conf.includes(`:${portOf(a)} `) && conf.includes(`:${portOf(b)} `) && conf.includes(`:${port};`), 'ports replaced');
  writeFileSync(join(dir, 'stadshart.conf'), conf);
  writeFileSync(join(dir, 'nginx.conf'), `
worker_processes 1;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  # Which instance answered (the test's own addition).
  add_header X-Upstream $upstream_addr always;
  include ${dir}/stadshart.conf;
}
`);
  nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g',
    `daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  nginx.stderr.on('data', (d) => (log += d));
  front = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (nginx.exitCode !== null) throw new Error(`nginx stopped: ${log}`);
    try {
      if ((await fetch(`${front}/healthz`)).ok) break;
    } catch {
      if (i > 100) throw new Error(`nginx does not answer: ${log}`);
      await sleep(100);
    }
  }
});

after(async () => {
  if (CTL && ON_POSTGRES) {
    try {
      execSync(`${CTL} status`, { stdio: 'pipe' });
    } catch {
      execSync(`${CTL} start`, { stdio: 'pipe' });
    }
  }
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((r) => nginx.on('exit', r));
    nginx.kill('SIGQUIT');
    await exited;
  }
  await b?.cleanup();
  await a?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const upstreamOf = (res) => res.headers.get('x-upstream');

test('nginx accepts the configuration and spreads requests over both instances', { skip: SKIP }, async () => {
  const seen = new Map();
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${front}/healthz`);
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    seen.set(upstreamOf(res), (seen.get(upstreamOf(res)) ?? 0) + 1);
  }
  assert.deepEqual([...seen.keys()].sort(), [`127.0.0.1:${portOf(a)}`, `127.0.0.1:${portOf(b)}`].sort(), JSON.stringify([...seen]));
  for (const n of seen.values()) assert.ok(n >= 5, 'round robin');
  // The application's headers come through.
  const page = await fetch(`${front}/werkplan/2019`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy'), /default-src 'self'/);
  assert.match(await page.text(), /<html lang="nl"/);
});

test('signing in through nginx (the form\'s Origin matches Host) and the session on both instances', { skip: SKIP }, async () => {
  const login = await fetch(`${front}/login`);
  const csrfCookie = login.headers.get('set-cookie').split(';')[0];
  const csrf = (await login.text()).match(/name="csrf" value="([^"]+)"/)[1];
  const res = await fetch(`${front}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie, origin: front },
    body: new URLSearchParams({ email: a.admin.email, password: a.admin.password, csrf }).toString(),
  });
  assert.equal(res.status, 303, 'a browser\'s form post through the proxy passes the Origin check');
  assert.doesNotMatch(res.headers.get('set-cookie'), /Secure/, 'plain http: no Secure cookie');
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const upstreams = new Set();
  for (let i = 0; i < 6; i++) {
    const account = await fetch(`${front}/account`, { headers: { cookie }, redirect: 'manual' });
    assert.equal(account.status, 200);
    assert.match(await account.text(), /Demo Beheerder/);
    upstreams.add(upstreamOf(account));
  }
  assert.equal(upstreams.size, 2, 'the session works on both instances');
  // Behind TLS termination (X-Forwarded-Proto https from the proxy) the cookie is Secure: nginx passes $scheme,
  // so a client cannot fake it over plain http.
  const faked = await fetch(`${front}/login`, { headers: { 'x-forwarded-proto': 'https' } });
  assert.doesNotMatch(faked.headers.get('set-cookie') ?? '', /Secure/);
});

test('a body over the application\'s 1 MiB limit is refused by nginx with 413', { skip: SKIP }, async () => {
  const res = await fetch(`${front}/api/v1/events/import`, {
    method: 'POST', headers: { 'content-type': 'text/calendar', ...auth }, body: 'x'.repeat(1024 * 1024 + 10),
  });
  assert.equal(res.status, 413);
  assert.equal(upstreamOf(res), null, 'refused before it reached an instance');
});

test('with one instance stopped, GETs and writes through nginx still succeed', { skip: SKIP }, async () => {
  const action = (await (await fetch(`${front}/api/v1/plans/2019`)).json()).chapters[2].actions[1];
  assert.equal((await b.stop()).code, 0);
  // Writes first, while nginx still takes B for alive: a PATCH whose connection to B is refused reached no
  // application, so nginx passes it to A ($upstream_addr then names both).
  let version = action.version;
  const tried = [];
  for (let i = 0; i < 4; i++) {
    const res = await fetch(`${front}/api/v1/actions/${action.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ version, title: `Via nginx met één instantie ${i}` }),
    });
    assert.equal(res.status, 200, `PATCH ${i} with B stopped`);
    version = (await res.json()).version;
    tried.push(upstreamOf(res));
  }
  assert.ok(tried.some((u) => u === `127.0.0.1:${portOf(b)}, 127.0.0.1:${portOf(a)}`), `a PATCH refused by B went to A: ${tried}`);
  assert.equal((await (await fetch(`${front}/api/v1/actions/${action.id}`)).json()).title, 'Via nginx met één instantie 3');
  for (let i = 0; i < 20; i++) {
    for (const path of ['/werkplan/2019', `/api/v1/actions/${action.id}`, '/healthz']) {
      const res = await fetch(front + path);
      assert.equal(res.status, 200, `${path} with B stopped`);
      await res.arrayBuffer();
      assert.match(upstreamOf(res), new RegExp(`127\\.0\\.0\\.1:${portOf(a)}$`));
    }
  }
});

test('database away: nginx passes the application\'s 503 on, and answers again when it is back', { skip: SKIP || (!CTL && 'needs STADSHART_TEST_PG_CTL') }, async () => {
  const path = '/api/v1/audit?entity_type=user';  // needs the database on every request (token, query)
  assert.equal((await fetch(front + path, { headers: auth })).status, 200);
  const during = [];
  try {
    await run(`${CTL} stop -m fast`);
    for (let i = 0; i < 8; i++) {
      const res = await fetch(front + path, { headers: auth, signal: AbortSignal.timeout(15000) });
      during.push(res.status);
      if (res.status === 503) {
        assert.equal((await res.json()).error.code, 'unavailable', 'the application\'s answer, not nginx\'s');
        assert.equal(res.headers.get('retry-after'), '5');
      } else {
        await res.arrayBuffer();
      }
    }
  } finally {
    await run(`${CTL} start`);
  }
  assert.deepEqual(during, Array(8).fill(503), 'every request while the database is away: 503 from the application');
  const started = Date.now();
  const after = [];
  while (Date.now() - started < 15000) {
    const res = await fetch(front + path, { headers: auth, signal: AbortSignal.timeout(15000) });
    await res.arrayBuffer();
    after.push(res.status);
    if (res.status === 200) break;
    await sleep(200);
  }
  assert.equal(after.at(-1), 200, `answers after the restart: ${after}`);
  assert.ok(!after.includes(502), `no "no live upstreams" from nginx: ${after}`);
  assert.ok(Date.now() - started < 5000, `back within 5 s (${Date.now() - started} ms): ${after}`);
});
