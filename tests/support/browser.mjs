// One Chromium (Debian's, never a downloaded one) and one demo server per browser-test file, cleaned up even
// when the process is ended early (Ctrl+C, or the runner's output piped into `head`).
import { rmSync } from 'node:fs';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { StadshartServer } from './server.mjs';

export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-quic', '--disable-sync'],
};
export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Starts both; returns {server, browser}. Call close() from after().
export async function startBrowserAndServer() {
  const [server, browser] = await Promise.all([new StadshartServer().seed().start(), chromium.launch(CHROMIUM)]);
  process.on('exit', () => {
    server?.process?.kill('SIGTERM');
    if (server?.ownsDir) rmSync(server.dir, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => process.exit(1));
  process.stdout.on('error', (error) => error.code === 'EPIPE' && process.exit(1));
  return {
    server,
    browser,
    close: async () => {
      await browser?.close();
      await server?.cleanup();
    },
  };
}

// Readable axe violations (WCAG 2.x A/AA) of the page; empty when clean.
export async function axeProblems(page, label) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map((v) =>
    `${label}: ${v.id} (${v.impact}) ${v.help}\n${v.nodes.map((n) => `      ${n.target.join(' ')}`).join('\n')}`);
}
