import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ARTIFACTS } from './paths';
import { ensureBuilt, startServer, type RunningServer } from './server';

/** A built web app, a server on a fresh demo database, and one Chromium page: what a browser test starts from. */
export type Stage = { server: RunningServer; browser: Browser; page: Page };

export async function openStage(viewport: { width: number; height: number }, serverTimeoutMs = 300_000): Promise<Stage> {
  mkdirSync(ARTIFACTS, { recursive: true });
  ensureBuilt();
  const server = await startServer(serverTimeoutMs);
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { server, browser, page };
}

/** A full-page picture from the top: the header is fixed, so scrolled it would lie across the content. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Keeps a picture of where the test ended (pass or fail), then stops browser and server. */
export async function closeStage(stage: Partial<Stage>, lastShot: string): Promise<void> {
  if (stage.page) await screenshot(stage.page, lastShot).catch(() => undefined);
  await stage.browser?.close().catch(() => undefined);
  await stage.server?.stop();
}
