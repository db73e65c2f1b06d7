// End-to-end: a user adds a security key on their account page, signs out, and signs in again with
// password + key. Chromium's virtual authenticator (over CDP) stands in for the hardware key.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from './harness/server';
import { closeStage, openStage, screenshot } from './harness/stage';
import { changePassword, enrolTotp, signIn } from './harness/session';

const ADMIN_PASSWORD = 'correct horse battery staple 42';

let server: RunningServer;
let browser: Browser;
let page: Page;

const shot = (name: string) => screenshot(page, name);

describe('security keys (WebAuthn)', { timeout: 420_000 }, () => {
  before(async () => {
    ({ server, browser, page } = await openStage({ width: 1280, height: 800 }));
  });

  after(async () => { await closeStage({ server, browser, page }, 'webauthn-99-last'); });

  test('add a key on the account page, sign out, sign in with password + key, remove the key', async () => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });

    await signIn(page, server.url, 'admin', server.admin.password);
    await changePassword(page, server.admin.password, ADMIN_PASSWORD);
    await enrolTotp(page);
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Account and security' }).click();
    const section = page.getByTestId('security-keys');
    await section.getByText('No security keys yet.').waitFor();
    await shot('webauthn-01-account-empty');

    await page.getByLabel('Name of the new key').fill('Virtual key');
    await page.getByRole('button', { name: 'Add a security key' }).click();
    await page.getByRole('status').filter({ hasText: 'Security key “Virtual key” added.' }).waitFor();
    await section.getByRole('cell', { name: 'Virtual key', exact: true }).waitFor();
    await shot('webauthn-02-account-key-added');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1, 'the virtual authenticator holds the new credential');
    const listed = await (await page.request.get(`${server.url}/api/auth/webauthn/credentials`)).json() as { items: { id: string; name: string }[] };
    assert.deepEqual(listed.items.map((k) => k.name), ['Virtual key']);
    assert.equal(listed.items[0]!.id, Buffer.from(credentials[0]!.credentialId, 'base64').toString('base64url'));

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Verification code' }).waitFor();
    await shot('webauthn-03-second-factor');
    await page.getByRole('button', { name: 'Use a security key' }).click();
    await page.getByTestId('user-menu').waitFor();
    const me = await (await page.request.get(`${server.url}/api/auth/me`)).json() as { next: string | null; username: string };
    assert.equal(me.next, null, 'the session is complete after password + key');
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.ok(after.credentials[0]!.signCount >= 1, 'the key signed');

    await page.goto(`${server.url}/account`);
    await page.getByRole('button', { name: 'Remove Virtual key' }).click();
    await section.getByText('No security keys yet.').waitFor();
    const empty = await (await page.request.get(`${server.url}/api/auth/webauthn/credentials`)).json() as { items: unknown[] };
    assert.equal(empty.items.length, 0);
  });
});
