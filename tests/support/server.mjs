// Starts `stadshart serve` on a free loopback port with a fresh demo database in a temporary directory, and
// stops it again. Used by the HTTP and browser tests.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.STADSHART_BIN ?? new URL('../../build/stadshart', import.meta.url).pathname;

export class StadshartServer {
  constructor({ dir, db } = {}) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'stadshart-test-'));
    this.ownsDir = !dir;
    this.db = db ?? join(this.dir, 'stadshart.db');
    this.log = '';
  }

  // Creates the database with the Assen demo data.
  seed() {
    execFileSync(BIN, ['seed', '--demo', '--db', this.db], { stdio: 'pipe' });
    return this;
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
  }
}

export async function startDemoServer() {
  return new StadshartServer().seed().start();
}
