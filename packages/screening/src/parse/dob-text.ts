import type { DateOfBirth } from '../model';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "10 Dec 1948", "1948-12-10", "Dec 1948", "1948" -> one DateOfBirth, or undefined if not a date. */
function parseSingle(text: string): DateOfBirth | undefined {
  const t = text.trim().replace(/\.$/, '');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return { kind: 'exact', date: t, fromYear: +m[1], toYear: +m[1], month: +m[2] };
  m = /^(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})$/.exec(t);
  if (m && MONTHS[m[2].slice(0, 3).toLowerCase()]) {
    const month = MONTHS[m[2].slice(0, 3).toLowerCase()];
    return { kind: 'exact', date: `${m[3]}-${pad(month)}-${pad(+m[1])}`, fromYear: +m[3], toYear: +m[3], month };
  }
  m = /^([A-Za-z]{3,9})\.? (\d{4})$/.exec(t);
  if (m && MONTHS[m[1].slice(0, 3).toLowerCase()]) return { kind: 'month', month: MONTHS[m[1].slice(0, 3).toLowerCase()], fromYear: +m[2], toYear: +m[2] };
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m) return { kind: 'month', month: +m[2], fromYear: +m[1], toYear: +m[1] };
  m = /^(\d{4})$/.exec(t);
  if (m) return { kind: 'year', fromYear: +m[1], toYear: +m[1] };
  return undefined;
}

/**
 * Reads the free-text date-of-birth forms used by OFAC remarks, local lists and queries:
 * exact, month, year, "circa 1957", "1960 to 1962", "01 Jan 1960 to 31 Dec 1962", "1960-1962".
 * Text that is none of these is kept as kind "text" rather than guessed at.
 */
export function parseDateOfBirthText(text: string): DateOfBirth {
  const t = text.trim().replace(/\s+/g, ' ');
  const circa = /^(?:circa|ca\.?|approx(?:imately)?\.?|c\.) (.+)$/i.exec(t);
  if (circa) {
    const inner = parseDateOfBirthText(circa[1]);
    if (inner.kind === 'range') return inner;
    if (inner.kind !== 'text') return { kind: 'circa', fromYear: inner.fromYear, toYear: inner.toYear };
  }
  const range = /^(.+?) (?:to|-|–) (.+)$/.exec(t) ?? /^(\d{4})-(\d{4})$/.exec(t);
  if (range) {
    const from = parseSingle(range[1]);
    const to = parseSingle(range[2]);
    if (from && to) return { kind: 'range', fromYear: from.fromYear, toYear: to.toYear };
  }
  return parseSingle(t) ?? { kind: 'text', text: t };
}
