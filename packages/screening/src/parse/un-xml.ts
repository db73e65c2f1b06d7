import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WatchlistParseError } from '../errors';
import type { DateOfBirth, IdentityDocument, ParsedList, WatchlistEntry } from '../model';
import { nationalityValue } from './country';
import { parseDateOfBirthText } from './dob-text';
import { collapse, finalizeEntry, normalizeDocumentNumber, type EntryDraft } from './finalize';

type Node = Record<string, unknown>;

const REPEATED = new Set([
  'INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'VALUE', 'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_PLACE_OF_BIRTH', 'INDIVIDUAL_DOCUMENT', 'INDIVIDUAL_ADDRESS', 'ENTITY_ADDRESS', 'NATIONALITY',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return collapse(String(node));
  return '';
}

function list(node: unknown): Node[] {
  return Array.isArray(node) ? (node.filter((n) => n && typeof n === 'object') as Node[]) : [];
}

function values(node: unknown): string[] {
  return list(node).flatMap((n) => (Array.isArray(n.VALUE) ? n.VALUE.map(text) : [])).filter(Boolean);
}

function year(raw: string, entry: string, field: string): number {
  if (!/^\d{4}$/.test(raw)) throw new WatchlistParseError('un', entry, field, `"${raw}" is not a four-digit year`);
  return +raw;
}

function readDatesOfBirth(nodes: Node[], entry: string): DateOfBirth[] {
  const out: DateOfBirth[] = [];
  for (const n of nodes) {
    const type = text(n.TYPE_OF_DATE).toUpperCase();
    const date = text(n.DATE);
    const y = text(n.YEAR);
    const note = text(n.NOTE);
    if (type === 'BETWEEN') {
      const from = year(text(n.FROM_YEAR), entry, 'INDIVIDUAL_DATE_OF_BIRTH.FROM_YEAR');
      const to = year(text(n.TO_YEAR), entry, 'INDIVIDUAL_DATE_OF_BIRTH.TO_YEAR');
      if (to < from) throw new WatchlistParseError('un', entry, 'INDIVIDUAL_DATE_OF_BIRTH', `range ${from}-${to} ends before it starts`);
      out.push({ kind: 'range', fromYear: from, toYear: to });
      continue;
    }
    let dob: DateOfBirth | undefined;
    if (date) {
      // Some DATE values carry a time zone suffix ("1961-02-01+01:00"); the day is what is stated.
      const day = date.slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new WatchlistParseError('un', entry, 'INDIVIDUAL_DATE_OF_BIRTH.DATE', `"${date}" is not a date`);
      dob = parseDateOfBirthText(day);
    } else if (y) {
      const yy = year(y, entry, 'INDIVIDUAL_DATE_OF_BIRTH.YEAR');
      dob = { kind: 'year', fromYear: yy, toYear: yy };
    } else if (note) {
      dob = parseDateOfBirthText(note);
    }
    if (!dob) continue;
    if (type.startsWith('APPROX') && dob.kind !== 'text') dob = { kind: 'circa', fromYear: dob.fromYear, toYear: dob.toYear };
    out.push(dob);
  }
  return out;
}

function readDocuments(nodes: Node[]): IdentityDocument[] {
  return nodes
    .map((n) => {
      const number = text(n.NUMBER);
      const type = [text(n.TYPE_OF_DOCUMENT), text(n.TYPE_OF_DOCUMENT2)].filter(Boolean).join(' / ') || 'Document';
      const country = text(n.ISSUING_COUNTRY) || text(n.COUNTRY_OF_ISSUE) || undefined;
      return { type, number, country, normalized: normalizeDocumentNumber(number) };
    })
    .filter((d) => d.normalized.length > 0);
}

function readEntry(node: Node, kind: 'person' | 'organization', listVersion: string, index: number): WatchlistEntry {
  const dataId = text(node.DATAID);
  const where = dataId || `#${index + 1}`;
  if (!/^\d+$/.test(dataId)) throw new WatchlistParseError('un', where, 'DATAID', 'missing or not numeric');
  const primary = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((f) => text(node[f])).filter(Boolean).join(' ');
  if (!primary) throw new WatchlistParseError('un', dataId, 'FIRST_NAME', 'entry has no name');
  const names: EntryDraft['names'] = [{ full: primary, kind: 'primary', quality: 'good' }];
  const original = text(node.NAME_ORIGINAL_SCRIPT);
  if (original) names.push({ full: original, kind: 'original-script', quality: 'good' });
  for (const alias of list(node.INDIVIDUAL_ALIAS ?? node.ENTITY_ALIAS)) {
    const name = text(alias.ALIAS_NAME);
    if (!name) continue;
    const quality = text(alias.QUALITY).toLowerCase() === 'low' ? 'low' : 'good';
    // "أبو بكر البغدادي (Abu Bakr al-Baghdadi; Abu Bakr)" publishes several names in one alias.
    const bracketed = /^(.*?)\s*\((.+)\)\s*$/.exec(name);
    const parts = bracketed ? [bracketed[1], ...bracketed[2].split(';')] : [name];
    for (const part of parts) if (part.trim()) names.push({ full: part, kind: 'alias', quality });
  }
  const places = list(node.INDIVIDUAL_PLACE_OF_BIRTH)
    .map((p) => [text(p.CITY), text(p.STATE_PROVINCE), text(p.COUNTRY)].filter(Boolean).join(', '))
    .filter(Boolean);
  const reference = text(node.REFERENCE_NUMBER);
  return finalizeEntry({
    source: 'un',
    listVersion,
    id: `un:${dataId}`,
    kind,
    names,
    gender: text(node.GENDER) || undefined,
    datesOfBirth: readDatesOfBirth(list(node.INDIVIDUAL_DATE_OF_BIRTH), dataId),
    placesOfBirth: places,
    nationalities: values(node.NATIONALITY).map(nationalityValue),
    documents: readDocuments(list(node.INDIVIDUAL_DOCUMENT)),
    references: reference ? [reference] : [],
    programs: [text(node.UN_LIST_TYPE)].filter(Boolean),
    listedOn: text(node.LISTED_ON) || undefined,
    remarks: text(node.COMMENTS1) || undefined,
  });
}

/**
 * Parses the UN Security Council Consolidated List XML (individuals and entities). Throws
 * WatchlistParseError naming the entry and field on malformed input; never returns a partial list.
 */
export function parseUnConsolidatedXml(xml: string | Uint8Array): ParsedList {
  const source = typeof xml === 'string' ? xml : new TextDecoder('utf-8', { fatal: false }).decode(xml);
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new WatchlistParseError('un', undefined, `xml line ${valid.err.line}`, valid.err.msg);
  const doc = parser.parse(source) as Node;
  const root = doc.CONSOLIDATED_LIST as Node | undefined;
  if (!root || typeof root !== 'object') throw new WatchlistParseError('un', undefined, 'CONSOLIDATED_LIST', 'root element missing');
  const generated = text(root['@dateGenerated']);
  const listVersion = generated.slice(0, 10) || 'unknown';
  const individuals = list((root.INDIVIDUALS as Node | undefined)?.INDIVIDUAL);
  const entities = list((root.ENTITIES as Node | undefined)?.ENTITY);
  const entries = [
    ...individuals.map((n, i) => readEntry(n, 'person', listVersion, i)),
    ...entities.map((n, i) => readEntry(n, 'organization', listVersion, i)),
  ];
  return { source: 'un', listVersion, entries };
}
