import type { Page } from 'playwright-core';
import { nextCode } from './totp';

// Signing in through the web app, shared by every e2e file so a change to the login flow is made once.

export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl + '/');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await page.locator('input[name=currentPassword]').fill(current);
  await page.locator('input[name=newPassword]').fill(next);
  await page.locator('input[name=confirmPassword]').fill(next);
  await page.getByRole('button', { name: 'Save password' }).click();
}

/** The enrolment page at first sign-in: reads the key it shows (as a person types it into an app) and confirms a code. */
export async function enrolTotp(page: Page): Promise<string> {
  await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  await page.locator('input[name=code]').fill(await nextCode(secret));
  await page.getByRole('button', { name: 'Confirm and continue' }).click();
  return secret;
}

/** The second step of every later sign-in. */
export async function enterCode(page: Page, secret: string): Promise<void> {
  await page.getByRole('heading', { name: 'Verification code' }).waitFor();
  await page.locator('input[name=code]').fill(await nextCode(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
}
