// End-to-end: the built web app against the real server on a fresh database, in Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './harness/browser';
import { ensureBuilt, startServer, type RunningServer } from './harness/server';
import { ARTIFACTS } from './harness/paths';
import { sampleRoster } from './harness/roster';
import { respell, totalOf } from './harness/pages';
import { changePassword as changeOwnPassword, signIn as signInAs } from './harness/session';
import { nextCode, wrongCode } from './harness/totp';

const NEW_ADMIN_PASSWORD = 'correct horse battery staple 42';
const OFFICER = { username: 'officer.e2e', password: 'custody officer passphrase 7' };

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let adminSecret = '';
let officerSecret = '';

// Calls made straight to the API (as an administrator's script would) send the header the web app sends.
const CSRF = { 'x-custodian-csrf': '1' };

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

const signIn = (username: string, password: string) => signInAs(page, server.url, username, password);
const changePassword = (current: string, next: string) => changeOwnPassword(page, current, next);

async function signOut() {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

/** As the signed-in administrator: the user works on the demo operation (PUT /api/users/:id/assignments). */
async function assignToDemo(userId: string) {
  const ops = await (await page.request.get(`${server.url}/api/operations`)).json() as { id: string; demo: boolean }[];
  const res = await page.request.put(`${server.url}/api/users/${userId}/assignments`, { headers: CSRF, data: { operationIds: ops.filter((o) => o.demo).map((o) => o.id), facilityIds: [] } });
  assert.equal(res.status(), 200, await res.text());
}

/** The enrolment page: reads the key it shows (as a person types it into an app) and confirms a code. */
async function enrolTotp(screenshot?: string): Promise<string> {
  await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
  await page.getByTestId('totp-qr').waitFor();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  if (screenshot) await shot(screenshot);
  await page.locator('input[name=code]').fill(await nextCode(secret));
  await page.getByRole('button', { name: 'Confirm and continue' }).click();
  return secret;
}

/**
 * Granting SECRET waits for a second administrator (four eyes). A second administrator is created,
 * signs in on their own (new password, TOTP enrolment) and approves the pending grant for the user.
 */
async function secondAdministratorApproves(userId: string) {
  const temporary = 'temporary password 789';
  const made = await page.request.post(`${server.url}/api/users`, {
    headers: CSRF,
    data: { username: 'admin2.e2e', displayName: 'Second Administrator', roles: ['ADMINISTRATOR'], clearance: 'CONFIDENTIAL', password: temporary },
  });
  assert.equal(made.status(), 201, await made.text());
  const own = await browser.newContext();
  try {
    const api = own.request;
    const post = async (url: string, data?: unknown) => {
      const res = await api.post(`${server.url}${url}`, { headers: CSRF, data });
      assert.ok(res.ok(), `${url}: ${res.status()} ${await res.text()}`);
      return res.json();
    };
    await post('/api/auth/login', { username: 'admin2.e2e', password: temporary });
    await post('/api/auth/password', { currentPassword: temporary, newPassword: 'second administrator passphrase 3' });
    const setup = await post('/api/auth/totp/setup') as { secret: string };
    await post('/api/auth/totp/confirm', { code: await nextCode(setup.secret) });
    const grants = await (await api.get(`${server.url}/api/clearance-grants?status=PENDING`)).json() as { id: string; userId: string }[];
    const grant = grants.find((g) => g.userId === userId);
    assert.ok(grant, 'a pending SECRET grant for the user');
    await post(`/api/clearance-grants/${grant.id}/decision`, { approve: true });
  } finally {
    await own.close();
  }
}

async function enterCode(secret: string) {
  await page.getByRole('heading', { name: 'Verification code' }).waitFor();
  await page.locator('input[name=code]').fill(await nextCode(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
}

async function search(q: string): Promise<number> {
  await page.goto(`${server.url}/persons?q=${encodeURIComponent(q)}`);
  return totalOf(page);
}

describe('Custodian web app', { timeout: 240_000 }, () => {
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    ensureBuilt();
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });

  after(async () => {
    // The last state of the page, whatever happened: the first thing to look at when a test fails.
    if (page) await shot('99-last').catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  test('signs in with the one-time password and must change it first', async () => {
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot('01-login');
    await signIn('admin', 'not-the-password');
    await page.getByRole('alert').filter({ hasText: /wrong user name or password/i }).waitFor();
    await page.locator('input[name=password]').fill(server.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    // Too short is refused next to the field, before anything reaches the server.
    await page.locator('input[name=currentPassword]').fill(server.admin.password);
    await page.locator('input[name=newPassword]').fill('short');
    await page.locator('input[name=confirmPassword]').fill('short');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('at least 12 characters', { exact: true }).waitFor();
    await shot('02-change-password');
    await changePassword(server.admin.password, NEW_ADMIN_PASSWORD);
    // Then the second factor, before anything else.
    adminSecret = await enrolTotp('02b-enrol-totp');
    await page.getByTestId('stat-persons-registered').waitFor();
  });

  test('signs in again with the password and a code from the app; a wrong code is refused', async () => {
    await signOut();
    await signIn('admin', NEW_ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Verification code' }).waitFor();
    await page.locator('input[name=code]').fill(await wrongCode(adminSecret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').filter({ hasText: /code is wrong or was already used/ }).waitFor();
    await shot('02c-second-factor-wrong');
    await enterCode(adminSecret);
    await page.getByTestId('stat-persons-registered').waitFor();
  });

  test('the dashboard shows counts, the capacity chart and the facility map', async () => {
    const persons = Number((await page.getByTestId('stat-persons-registered').innerText()).replace(/\D/g, ''));
    assert.equal(persons, 7000);
    await page.getByText('DEMO', { exact: true }).first().waitFor();
    const barShapes = page.locator('[data-testid=capacity-section] path.recharts-rectangle');
    await barShapes.first().waitFor();
    const bars = await barShapes.count();
    assert.ok(bars >= 3, `expected capacity bars, found ${bars}`);
    await page.locator('[data-testid=facility-map] circle').first().waitFor();
    const markers = await page.locator('[data-testid=facility-map] circle').count();
    const countries = await page.locator('[data-testid=facility-map] path').count();
    assert.ok(markers > 0 && countries > 20, `map: ${markers} markers, ${countries} country shapes`);
    await page.getByTestId('user-menu').click();
    await page.getByText('Clearance: SECRET').waitFor();
    await shot('03-dashboard-user-menu');
    await page.keyboard.press('Escape');
    await page.mouse.move(0, 0); // no chart tooltip in the picture
    await shot('04-dashboard');
  });

  test('finds a detainee by any spelling and by Arabic script', async () => {
    const mohamed = await search('Mohamed');
    const muhammad = await search('Muhammad');
    assert.ok(mohamed > 0, 'someone is called Mohamed');
    assert.equal(muhammad, mohamed, 'Mohamed and Muhammad find the same persons');
    const arabic = await search('محمد');
    assert.equal(arabic, mohamed, 'محمد finds the same persons as Mohamed');
    await shot('05-search-arabic');

    // Someone's Latin name, spelled differently, still finds them.
    await page.goto(`${server.url}/persons?page=3`);
    await totalOf(page);
    const row = page.locator('[data-testid=person-table] tbody tr').nth(7);
    const systemNumber = (await row.locator('td').nth(0).innerText()).trim();
    const name = (await row.locator('td').nth(1).innerText()).trim();
    const variant = respell(name);
    assert.notEqual(variant, name);
    const found = await search(variant);
    assert.ok(found >= 1, `"${variant}" (for "${name}") finds someone`);
    await page.locator('[data-testid=person-table] tbody tr', { hasText: systemNumber }).waitFor();
    await shot('06-search-variant');

    await page.locator('[data-testid=person-table] tbody tr', { hasText: systemNumber }).click();
    await page.getByRole('heading', { name }).waitFor();
    const arabicName = page.locator('h1 ~ [lang=ar]').first();
    assert.equal(await arabicName.getAttribute('dir'), 'rtl');
    assert.equal(await arabicName.evaluate((el) => getComputedStyle(el).direction), 'rtl');
    assert.match(await arabicName.innerText(), /[\u0600-\u06FF]/);
    await page.getByText('Intake record').waitFor();
    await shot('07-profile');
  });

  test('a possible minor is highlighted on the profile', async () => {
    await page.goto(`${server.url}/persons?flag=POSSIBLE_MINOR`);
    const minors = await totalOf(page);
    if (minors === 0) return; // the demo data may hold none; nothing to show then
    await page.locator('[data-testid=person-table] tbody tr').first().click();
    await page.getByTestId('flag-POSSIBLE_MINOR').waitFor();
    await shot('08-profile-possible-minor');
  });

  test('the facility page shows capacity, risk history and links to its detainees', async () => {
    await page.goto(`${server.url}/facilities`);
    await shot('09-facilities');
    // The most populated facility, so the link to its detainees has someone to list.
    await page.locator('table tbody tr', { hasNotText: /restricted/ }).filter({ hasText: /Panorama/ }).locator('a').first().click();
    await page.getByTestId('facility-population').waitFor();
    await page.getByText('Risk level history').waitFor();
    await shot('10-facility');
    const population = Number((await page.getByTestId('facility-population').innerText()).replace(/\D/g, ''));
    await page.getByRole('link', { name: 'Detainees held here' }).click();
    const listed = await totalOf(page);
    assert.ok(population > 0 && listed >= population, `the facility lists ${listed} persons, holds ${population}`);
  });

  test('the audit log shows the domain events; routine requests only when asked', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr').first().waitFor();
    const actions = async () => (await table.locator('tbody tr td:nth-child(4)').allInnerTexts()).map((t) => t.trim());
    const outcomes = async () => (await table.locator('tbody tr td:nth-child(6)').allInnerTexts()).map((t) => t.trim().toLowerCase());
    const shown = await actions();
    assert.ok(shown.includes('person.read'), `the profile read earlier is listed: ${shown.slice(0, 20).join(', ')}`);
    const quiet = await outcomes();
    assert.ok(!shown.some((a, i) => a === 'request' && quiet[i] === 'success'), 'no successful routine request in the default view');
    await shot('10a-audit-log');
    await page.getByTestId('audit-routine').click();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/routine=show/);
    await table.locator('tbody tr td:nth-child(4)', { hasText: /^request$/ }).first().waitFor();
    const all = await actions();
    assert.ok(all.length >= shown.length, 'showing routine requests adds rows');
  });

  test('imports a roster: a bad row blocks commit, the corrected file registers everyone', async () => {
    // Administrators and custody officers may import; the import is done as a field officer would.
    assert.equal(await page.getByRole('link', { name: 'Import roster' }).count(), 1);
    // The administrator creates the officer's account on the users page; the one-time password is shown once.
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByTestId('user-table').waitFor();
    await page.getByRole('button', { name: 'New user' }).click();
    await page.locator('input[name=new-username]').fill(OFFICER.username);
    await page.locator('input[name=new-display-name]').fill('Test Custody Officer');
    await page.getByPlaceholder('Choose roles').click();
    await page.getByRole('option', { name: 'Custody officer' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').getByLabel('Clearance').click();
    await page.getByRole('option', { name: 'CONFIDENTIAL' }).click();
    await page.getByRole('button', { name: 'Create user' }).click();
    const otp = (await page.getByTestId('one-time-password').locator('code').innerText()).trim();
    assert.match(otp, /^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
    await shot('10b-user-created');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator(`tr[data-username="${OFFICER.username}"]`).getByText('Not enrolled').waitFor();
    await shot('10c-users');
    // Need-to-know: the officer works on the demo operation, so sees its facilities and detainees.
    const users = await (await page.request.get(`${server.url}/api/users`)).json() as { id: string; username: string }[];
    await assignToDemo(users.find((u) => u.username === OFFICER.username)!.id);
    await signOut();
    await signIn(OFFICER.username, otp);
    await changePassword(otp, OFFICER.password);
    officerSecret = await enrolTotp();
    // Below SECRET, the undisclosed facility is listed without its coordinates.
    await page.getByText('location restricted').first().waitFor();
    await page.mouse.move(0, 0);
    await shot('11-dashboard-officer');
    await page.getByRole('link', { name: 'Import roster' }).click();

    const dir = path.join(tmpdir(), `custodian-e2e-roster-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const bad = path.join(dir, 'block-e-roster.csv');
    const good = path.join(dir, 'block-e-roster-fixed.csv');
    writeFileSync(bad, sampleRoster('E2E', { badArrestDateOnRow: 3 }));
    writeFileSync(good, sampleRoster('E2E'));

    const fill = async (file: string) => {
      await page.getByPlaceholder('Choose a facility').click();
      await page.getByRole('option').first().click();
      await page.locator('input[name=sourceList]').fill('e2e roster');
      await page.locator('input[name=responsibleAuthority]').fill('Joint Task Force detention directorate');
      await page.locator('input[type=file]').setInputFiles(file);
      await shot('12-import-form');
      await page.getByRole('button', { name: 'Check roster' }).click();
    };
    await fill(bad);
    const errors = page.getByTestId('import-error-table');
    await errors.waitFor();
    const firstError = errors.locator('tbody tr').first();
    assert.equal((await firstError.locator('td').nth(0).innerText()).trim(), '3');
    assert.equal((await firstError.locator('td').nth(1).innerText()).trim(), 'arrest_date');
    assert.match(await firstError.locator('td').nth(2).innerText(), /arrest/i);
    assert.ok(await page.getByRole('button', { name: /^Register/ }).isDisabled(), 'commit is not possible with errors');
    await shot('13-import-preview-errors');

    await page.getByRole('button', { name: 'Upload a corrected file' }).click();
    await fill(good);
    await page.getByText('Every row is correct').waitFor();
    await shot('14-import-preview-ok');
    const register = page.getByRole('button', { name: /^Register 3 persons/ });
    assert.ok(await register.isEnabled());
    await register.click();
    await page.getByTestId('persons-added').waitFor();
    assert.equal((await page.getByTestId('persons-added').innerText()).trim(), '3');
    await shot('15-import-result');

    assert.equal(await search('Yousef Hamed Khaleel'), 1, 'the imported person is found under another spelling');
    await page.locator('[data-testid=person-table] tbody tr').first().click();
    await page.getByText('Joint Task Force detention directorate').waitFor();
    await shot('16-imported-profile');
  });

  test('an officer below SECRET cannot find a SECRET record by search, by URL or in the list API', async () => {
    const SECRET_OFFICER = { username: 'secret.e2e', password: 'secret officer passphrase 9' };
    const NAME = 'Zubayr Qasim al-Tikriti';
    await signOut();
    await signIn('admin', NEW_ADMIN_PASSWORD);
    await enterCode(adminSecret);
    await page.getByTestId('stat-persons-registered').waitFor();
    // The policy's answers drive the screens: an administrator reads every record but changes none.
    await page.goto(`${server.url}/persons`);
    await page.locator('[data-testid=person-table] tbody tr').first().click();
    await page.getByTestId('person-read-only').waitFor();
    await page.goto(`${server.url}/facilities`);
    await page.locator('table tbody tr a').first().click();
    await page.getByTestId('facility-population').waitFor();
    assert.equal(await page.getByTestId('facility-import').count(), 0, 'no import offered to a role that cannot register persons');
    const created = await page.request.post(`${server.url}/api/users`, {
      headers: CSRF,
      data: { username: SECRET_OFFICER.username, displayName: 'Test Officer (SECRET)', roles: ['CUSTODY_OFFICER'], clearance: 'SECRET', password: 'temporary password 456' },
    });
    assert.equal(created.status(), 201, await created.text());
    const officerId = (await created.json()).id as string;
    await assignToDemo(officerId);
    await secondAdministratorApproves(officerId);
    await signOut();
    await signIn(SECRET_OFFICER.username, 'temporary password 456');
    await changePassword('temporary password 456', SECRET_OFFICER.password);
    await enrolTotp();
    await page.getByTestId('stat-persons-registered').waitFor();
    const facilities = await (await page.request.get(`${server.url}/api/facilities`)).json() as { id: string; allowedActions: string[] }[];
    const facilityId = facilities.find((f) => f.allowedActions.includes('register-person'))!.id;
    const made = await page.request.post(`${server.url}/api/persons`, { headers: CSRF, data: {
      names: [{ kind: 'PRIMARY', script: 'Latn', full: NAME }, { kind: 'SPELLING', script: 'Arab', full: 'زبير قاسم التكريتي' }],
      identifiers: [{ scheme: 'ROSTER:E2E-SECRET', value: 'ZQT-0001' }], sex: 'M', dateOfBirth: { kind: 'YEAR', year: 1984 },
      nationalities: [{ country: 'IRQ', status: 'CLAIMED' }], riskClass: 'HVD', facilityId, classification: 'SECRET',
      intake: { grounds: 'Synthetic SECRET test record', orderingAuthority: 'Test authority', responsibleAuthority: 'Test prison administration',
        arrestDate: '2019-03-20', arrestPlace: 'Baghuz', admittedAt: '2019-04-01T08:00:00.000Z' },
    } });
    assert.equal(made.status(), 201, await made.text());
    const secret = await made.json() as { id: string; systemNumber: string };
    // Control: the cleared officer finds it by name and opens it.
    assert.equal(await search('Zubair Kasim Tikriti'), 1);
    await page.goto(`${server.url}/persons/${secret.id}`);
    await page.getByRole('heading', { name: NAME }).waitFor();
    assert.equal(await page.getByTestId('person-read-only').count(), 0, 'the officer who works on it may correct it');
    await shot('17-secret-record-cleared');
    await page.goto(`${server.url}/facilities/${facilityId}`);
    await page.getByTestId('facility-import').waitFor();
    await shot('17b-facility-import-offered');

    await signOut();
    await signIn(OFFICER.username, OFFICER.password);
    await enterCode(officerSecret);
    await page.getByTestId('stat-persons-registered').waitFor();
    assert.equal(await search('Zubair Kasim Tikriti'), 0, 'by a spelling of the name');
    assert.equal(await search(NAME), 0, 'by the exact name');
    assert.equal(await search(secret.systemNumber), 0, 'by the system number');
    assert.equal(await search('ZQT-0001'), 0, 'by the roster number');
    await shot('18-secret-search-confidential');
    await page.goto(`${server.url}/persons/${secret.id}`);
    await page.getByRole('alert').filter({ hasText: /not found/i }).waitFor();
    assert.equal(await page.getByText(NAME).count(), 0, 'the URL shows nothing of the record');
    await shot('19-secret-url-confidential');
    const direct = await page.request.get(`${server.url}/api/persons/${secret.id}`);
    assert.equal(direct.status(), 404);
    // The list API is the export: every page of the facility's detainees, none of them the SECRET one.
    let seen = 0;
    for (let p = 1; ; p++) {
      const res = await page.request.get(`${server.url}/api/persons?facilityId=${facilityId}&pageSize=200&page=${p}`);
      assert.equal(res.status(), 200);
      const pageOf = await res.json() as { items: { id: string; primaryName: string }[]; total: number };
      assert.ok(!pageOf.items.some((i) => i.id === secret.id || i.primaryName === NAME), `page ${p} of the list`);
      seen += pageOf.items.length;
      if (seen >= pageOf.total || pageOf.items.length === 0) break;
    }
    assert.ok(seen > 0, 'the officer does see the facility\'s other detainees');
  });
});
