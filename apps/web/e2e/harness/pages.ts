import type { Page } from 'playwright-core';

/** Waits for the detainee list to settle and returns the total it reports. */
export async function totalOf(page: Page): Promise<number> {
  const el = page.getByTestId('result-total');
  await el.waitFor();
  await page.waitForLoadState('networkidle');
  return Number((await el.innerText()).split(/\s/)[0]!.replace(/\D/g, ''));
}

// Another transliteration of the same name: vowels written differently, as clerks do.
const SWAPS: [RegExp, string][] = [[/ee/g, 'i'], [/ou/g, 'u'], [/e/g, 'a'], [/i/g, 'ee'], [/o/g, 'u'], [/u/g, 'o']];
// Particles and Abd- compounds are left as written: the point is a different spelling, not a different name.
const KEEP = /^(abd|al-|el-|al$|bin$|ibn$|abu$)/i;

export function respell(name: string): string {
  return name.split(' ').map((token) => {
    if (KEEP.test(token)) return token;
    for (const [re, rep] of SWAPS) {
      const next = token.replace(re, rep);
      if (next !== token) return next;
    }
    return token;
  }).join(' ');
}
