// Starts `stadshart serve` on a free loopback port with a fresh demo database in a temporary directory, and
// stops it again. Used by the HTTP and browser tests.
//
// With STADSHART_TEST_BACKEND=postgresql (make test's second run, under scripts/with-postgres.sh) the database is a
// new one on the PostgreSQL test server (STADSHART_TEST_PG), dropped again by cleanup().
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.STADSHART_BIN ?? new URL('../../build/stadshart', import.meta.url).pathname;
export const ON_POSTGRES = process.env.STADSHART_TEST_BACKEND === 'postgresql' && !!process.env.STADSHART_TEST_PG;
let databases = 0;

// psql against the test server's administrative database.
function psql(sql) {
  execFileSync('psql', [process.env.STADSHART_TEST_PG, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdio: 'pipe' });
}

// A new, empty database on the PostgreSQL test server; its URL.
export function newPostgresDatabase() {
  const name = `http_${process.pid}_${++databases}`;
  psql(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.STADSHART_TEST_PG);
  url.pathname = `/${name}`;
  return url.toString();
}

export function dropPostgresDatabase(location) {
  const name = new URL(location).pathname.slice(1);
  psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export class StadshartServer {
  constructor({ dir, db } = {}) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'stadshart-test-'));
    this.ownsDir = !dir;
    this.ownsDb = !db && ON_POSTGRES;
    this.db = db ?? (ON_POSTGRES ? newPostgresDatabase() : join(this.dir, 'stadshart.db'));
    this.log = '';
  }

  // Creates the database with the Assen demo data; this.admin is the demo beheerder's {email, password}.
  seed() {
    const out = execFileSync(BIN, ['seed', '--demo', '--db', this.db], { stdio: 'pipe' }).toString();
    const m = out.match(/Demo-login: (\S+) \/ (\S+)/);
    if (!m) throw new Error(`no demo login in seed output:\n${out}`);
    this.admin = { email: m[1], password: m[2] };
    return this;
  }

  // Runs the stadshart binary with --db and returns stdout.
  cli(args, input) {
    return execFileSync(BIN, [...args, '--db', this.db], { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
  }

  // A new API token (the last line of `stadshart token create`).
  createToken({ email = this.admin.email, scope = 'write' } = {}) {
    return this.cli(['token', 'create', '--email', email, '--scope', scope]).trim().split('\n').pop();
  }

  // A user with a known password.
  addUser(email, role, password = 'paardenbloem-42', name = `Test ${role}`) {
    this.cli(['user', 'add', '--email', email, '--name', name, '--role', role, '--password-stdin'], `${password}\n`);
    return { email, password };
  }

  // Signs in through the login form; returns the Cookie header value of the new session.
  async login({ email, password } = this.admin) {
    const page = await fetch(`${this.url}/login`);
    const csrfCookie = page.headers.get('set-cookie').split(';')[0];
    const token = (await page.text()).match(/name="csrf" value="([^"]+)"/)[1];
    const res = await fetch(`${this.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
      body: new URLSearchParams({ email, password, csrf: token, terug: '/' }).toString(),
    });
    if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
    return res.headers.get('set-cookie').split(';')[0];
  }

  // Starts the server and resolves when it listens; this.url is then e.g. http://127.0.0.1:43210
  async start() {
    this.log = '';
    this.process = spawn(BIN, ['serve', '--db', this.db, '--port', '0', '--bind', '127.0.0.1', '--workers', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.process.on('exit', (code, signal) => resolve({ code, signal })));
    this.url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${this.log}`)), 10000);
      const onData = (chunk) => {
        this.log += chunk;
        const m = this.log.match(/luistert op (http:\/\/[0-9.]+:\d+)\//);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      this.process.stdout.on('data', onData);
      this.process.stderr.on('data', (chunk) => (this.log += chunk));
      this.process.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${this.log}`)));
    });
    return this;
  }

  // SIGTERM, and wait until the process has ended (graceful shutdown).
  async stop() {
    if (this.process && this.process.exitCode === null) {
      this.process.kill('SIGTERM');
      const result = await this.exited;
      this.process = null;
      return result;
    }
    return null;
  }

  async cleanup() {
    await this.stop();
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true });
    if (this.ownsDb) {
      dropPostgresDatabase(this.db);
      this.ownsDb = false;
    }
  }
}

export async function startDemoServer() {
  return new StadshartServer().seed().start();
}
