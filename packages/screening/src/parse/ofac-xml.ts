import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WatchlistParseError } from '../errors';
import type { ParsedList, WatchlistEntry } from '../model';
import { nationalityValue } from './country';
import { parseDateOfBirthText } from './dob-text';
import { collapse, finalizeEntry, normalizeDocumentNumber, type EntryDraft } from './finalize';

type Node = Record<string, unknown>;

const REPEATED = new Set(['sdnEntry', 'program', 'id', 'aka', 'nationality', 'citizenship', 'dateOfBirthItem', 'placeOfBirthItem']);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

function text(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? collapse(String(v)) : '';
}

function items(parent: unknown, child: string): Node[] {
  if (!parent || typeof parent !== 'object') return [];
  const v = (parent as Node)[child];
  return Array.isArray(v) ? (v as Node[]) : [];
}

function fullName(n: Node): string {
  return [text(n.firstName), text(n.lastName)].filter(Boolean).join(' ');
}

function entryKind(type: string): WatchlistEntry['kind'] {
  switch (type.toLowerCase()) {
    case 'individual': return 'person';
    case 'vessel': return 'vessel';
    case 'aircraft': return 'aircraft';
    default: return 'organization';
  }
}

/** "05/03/2024" (the publisher's US date) -> "2024-05-03". */
function publishDate(raw: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(raw);
  return m ? `${m[3]}-${m[1]}-${m[2]}` : raw || 'unknown';
}

/**
 * Parses the OFAC SDN XML format (sdn.xml): entries, strong/weak a.k.a.s, dates and places of birth,
 * nationalities/citizenships and ID documents. Basic support: the enhanced format's extra detail is ignored.
 */
export function parseOfacXml(xml: string | Uint8Array): ParsedList {
  const source = typeof xml === 'string' ? xml : new TextDecoder('utf-8').decode(xml);
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new WatchlistParseError('ofac', undefined, `xml line ${valid.err.line}`, valid.err.msg);
  const root = (parser.parse(source) as Node).sdnList as Node | undefined;
  if (!root || typeof root !== 'object') throw new WatchlistParseError('ofac', undefined, 'sdnList', 'root element missing');
  const listVersion = publishDate(text((root.publshInformation as Node | undefined)?.Publish_Date));
  const entries = items(root, 'sdnEntry').map((n, i): WatchlistEntry => {
    const uid = text(n.uid);
    if (!/^\d+$/.test(uid)) throw new WatchlistParseError('ofac', `#${i + 1}`, 'uid', 'missing or not numeric');
    const primary = fullName(n);
    if (!text(n.lastName)) throw new WatchlistParseError('ofac', uid, 'lastName', 'entry has no name');
    const names: EntryDraft['names'] = [{ full: primary, kind: 'primary', quality: 'good' }];
    for (const aka of items(n.akaList, 'aka')) {
      const name = fullName(aka);
      if (name) names.push({ full: name, kind: 'alias', quality: text(aka.category).toLowerCase() === 'weak' ? 'low' : 'good' });
    }
    const countries = [...items(n.nationalityList, 'nationality'), ...items(n.citizenshipList, 'citizenship')].map((c) => text(c.country)).filter(Boolean);
    return finalizeEntry({
      source: 'ofac',
      listVersion,
      id: `ofac:${uid}`,
      kind: entryKind(text(n.sdnType)),
      names,
      datesOfBirth: items(n.dateOfBirthList, 'dateOfBirthItem').map((d) => text(d.dateOfBirth)).filter(Boolean).map(parseDateOfBirthText),
      placesOfBirth: items(n.placeOfBirthList, 'placeOfBirthItem').map((p) => text(p.placeOfBirth)).filter(Boolean),
      nationalities: [...new Set(countries.map(nationalityValue))],
      documents: items(n.idList, 'id')
        .map((d) => ({ type: text(d.idType) || 'Document', number: text(d.idNumber), country: text(d.idCountry) || undefined, normalized: normalizeDocumentNumber(text(d.idNumber)) }))
        .filter((d) => d.normalized.length > 0),
      references: [uid],
      programs: items(n.programList, 'program').map(text).filter(Boolean),
      remarks: text(n.remarks) || undefined,
    });
  });
  return { source: 'ofac', listVersion, entries };
}
