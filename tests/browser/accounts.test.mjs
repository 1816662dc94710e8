// Browser tests of signing in, the change history ("Geschiedenis") and the account and admin pages, with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserAndServer, axeProblems } from '../support/browser.mjs';

let server;
let browser;
let close;
before(async () => {
  ({ server, browser, close } = await startBrowserAndServer());
});
after(async () => close?.());

async function axeClean(page, label) {
  const problems = await axeProblems(page, label);
  assert.deepEqual(problems, [], problems.join('\n'));
}

async function signIn(page, { email, password } = server.admin) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

test('log in, edit an action, see the change in Geschiedenis, log out', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const plan = await (await fetch(`${server.url}/api/v1/plans/2019`)).json();
    const action = plan.chapters[6].actions[0];
    await page.goto(`${server.url}/acties/${action.id}`);
    assert.equal(await page.getByRole('button', { name: 'Wijziging opslaan' }).count(), 0, 'no edit form when signed out');
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.getByLabel('E-mailadres').fill(server.admin.email);
    await page.getByLabel('Wachtwoord').fill(server.admin.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${server.url}/acties/${action.id}`);
    await page.getByLabel('Status', { exact: true }).last().selectOption('lopend');
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await page.getByText('De wijziging is opgeslagen.').waitFor();
    const changes = page.locator('ol.stadshart-changes > li');
    assert.equal(await changes.count(), 1);
    const entry = await changes.first().textContent();
    assert.match(entry, /beheerder@stadshart\.example/);
    assert.match(entry, /Status: gepland → lopend/);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(`${server.url}/`);
    assert.equal(await page.getByRole('link', { name: 'Inloggen' }).count(), 1);
    await page.goto(`${server.url}/acties/${action.id}`);
    assert.equal(await page.locator('ol.stadshart-changes').count(), 0, 'the history is not public');
  } finally {
    await context.close();
  }
});

test('a wrong password shows one generic message and keeps the address', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signIn(page, { email: server.admin.email, password: 'niet-het-wachtwoord' });
    await page.getByRole('alert').getByText('E-mailadres of wachtwoord onjuist.').waitFor();
    assert.equal(await page.getByLabel('E-mailadres').inputValue(), server.admin.email);
    await axeClean(page, 'login met fout');
  } finally {
    await context.close();
  }
});

test('axe: login, account, users, a user, the audit trail', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/login`);
    await axeClean(page, 'login');
    await signIn(page);
    await page.waitForURL(`${server.url}/`);
    await axeClean(page, 'home (ingelogd)');
    for (const path of ['/account', '/beheer/gebruikers', '/beheer/gebruikers/1', '/beheer/geschiedenis']) {
      const res = await page.goto(server.url + path);
      assert.equal(res.status(), 200, path);
      await axeClean(page, path);
    }
    await page.goto(`${server.url}/account`);
    await page.getByLabel('Naam van het token').fill('rapportage');
    await page.getByRole('button', { name: 'Token maken' }).click();
    await page.locator('#nieuw-token').waitFor();
    await axeClean(page, 'account met nieuw token');
  } finally {
    await context.close();
  }
});

test('a beheerder adds a user who can then sign in with the role', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signIn(page);
    await page.goto(`${server.url}/beheer/gebruikers`);
    await page.getByLabel('Naam').fill('Gerda Gemeente');
    await page.getByLabel('E-mailadres').fill('gerda@assen.example');
    await page.getByLabel('Rol').selectOption('gemeente');
    await page.getByLabel('Eerste wachtwoord').fill('kort');
    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    await page.getByRole('alert').getByText(/minstens 10 tekens/).waitFor();
    await axeClean(page, 'gebruiker toevoegen met fout');
    await page.getByLabel('Eerste wachtwoord').fill('zonnebloem-2019');
    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    await page.getByText('De gebruiker is aangemaakt.').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Gerda Gemeente' }).count(), 1);
  } finally {
    await context.close();
  }
  const other = await browser.newContext();
  const gerda = await other.newPage();
  try {
    await signIn(gerda, { email: 'gerda@assen.example', password: 'zonnebloem-2019' });
    await gerda.waitForURL(`${server.url}/`);
    assert.equal(await gerda.getByRole('link', { name: 'Gebruikers' }).count(), 0, 'gemeente does not manage users');
    assert.equal(await gerda.getByRole('link', { name: 'Geschiedenis' }).count(), 1, 'gemeente reads the history');
  } finally {
    await other.close();
  }
});
