// End-to-end: an analyst reviews watchlist hits in Chromium against the real server. The demo loads
// the UN and OFAC lists from ../shared/data/watchlists and screens every detainee in the background.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from './harness/server';
import { closeStage, openStage, screenshot } from './harness/stage';
import { REPO_ROOT } from './harness/paths';
import { changePassword, enrolTotp, signIn } from './harness/session';

const ADMIN_PASSWORD = 'correct horse battery staple 42';
const ANALYST = { username: 'analyst.e2e', password: 'analyst passphrase 2026' };
const LISTS = path.resolve(REPO_ROOT, '../shared/data/watchlists');

let server: RunningServer;
let browser: Browser;
let page: Page;

const shot = (name: string) => screenshot(page, name);

describe('watchlist hit review', { timeout: 420_000, skip: existsSync(LISTS) ? false : `${LISTS} is not there: the demo has no lists to screen against` }, () => {
  before(async () => {
    ({ server, browser, page } = await openStage({ width: 1440, height: 900 }));
  });

  after(async () => { await closeStage({ server, browser, page }, 'screening-99-last'); });

  test('an analyst opens the queue, opens a hit, sees the matching features and dismisses it with a reason', async () => {
    await signIn(page, server.url, 'admin', server.admin.password);
    await changePassword(page, server.admin.password, ADMIN_PASSWORD);
    await enrolTotp(page);
    await page.getByTestId('user-menu').waitFor();
    // Administrators load lists but do not read hits (need-to-know): no queue in their menu.
    assert.equal(await page.getByRole('link', { name: 'Watchlist hits' }).count(), 0);
    // Calls made straight to the API send the header the web app sends (CSRF).
    const CSRF = { 'x-custodian-csrf': '1' };
    const created = await page.request.post(`${server.url}/api/users`, {
      headers: CSRF,
      data: { username: ANALYST.username, displayName: 'Test Analyst', roles: ['ANALYST'], clearance: 'SECRET', password: 'temporary password 123' },
    });
    assert.equal(created.status(), 201, await created.text());
    // Need-to-know: the analyst works on the demo operation, so its detainees' hits are theirs to review.
    const ops = await (await page.request.get(`${server.url}/api/operations`)).json() as { id: string; demo: boolean }[];
    const assigned = await page.request.put(`${server.url}/api/users/${(await created.json()).id}/assignments`, { headers: CSRF, data: { operationIds: ops.filter((o) => o.demo).map((o) => o.id), facilityIds: [] } });
    assert.equal(assigned.status(), 200, await assigned.text());
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await signIn(page, server.url, ANALYST.username, 'temporary password 123');
    await changePassword(page, 'temporary password 123', ANALYST.password);
    await enrolTotp(page);

    await page.getByRole('link', { name: 'Watchlist hits' }).click();
    // Screening runs in the background after start: wait for the first hits to be committed.
    const rows = page.locator('[data-testid=hit-table] tbody tr');
    for (let i = 0; i < 120 && (await rows.count()) === 0; i++) {
      await page.waitForTimeout(2000);
      await page.reload();
      await page.getByTestId('hit-total').waitFor();
    }
    assert.ok((await rows.count()) > 0, 'the demo produced hits to review');
    await page.mouse.move(0, 0);
    await shot('screening-01-queue');

    const first = rows.first();
    const personName = (await first.locator('td').nth(1).innerText()).trim();
    await first.click();
    await page.getByTestId('hit-person').waitFor();
    await page.getByTestId('hit-entry').waitFor();
    assert.ok(await page.getByTestId('hit-person').locator('[data-matched=agree]').count() > 0, 'the detainee\'s matching name is highlighted');
    assert.ok(await page.getByTestId('hit-entry').locator('[data-matched=agree]').count() > 0, 'the list entry\'s matching name is highlighted');
    assert.ok(await page.getByTestId('hit-features').locator('tbody tr').count() >= 1);
    await shot('screening-02-hit');

    await page.getByLabel('Dismiss: not the listed person').check();
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText('Give the reason for your decision').waitFor();
    const reason = 'Father\'s name and date of birth on the intake record differ from the listed person';
    await page.getByLabel('Reason').fill(reason);
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByTestId('decision-reason').waitFor();
    assert.equal((await page.getByTestId('decision-reason').innerText()).trim(), reason);
    await page.getByText(/Dismissed by analyst\.e2e/).waitFor();
    await shot('screening-03-dismissed');

    await page.goto(`${server.url}/screening?status=dismissed`);
    await page.locator('[data-testid=hit-table] tbody tr', { hasText: personName }).waitFor();
    await page.goto(`${server.url}/watchlists`);
    await page.getByTestId('watchlist-versions').waitFor();
    assert.equal(await page.locator('[data-testid=watchlist-versions] tbody tr').count(), 3, 'UN 2020, UN 2026 and OFAC 2024');
    await page.locator('[data-testid=watchlist-diff] tbody tr').first().waitFor();
    await shot('screening-04-watchlists');
  });
});
