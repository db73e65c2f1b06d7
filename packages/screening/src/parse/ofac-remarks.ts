import type { DateOfBirth, IdentityDocument } from '../model';
import { nationalityValue } from './country';
import { parseDateOfBirthText } from './dob-text';
import { normalizeDocumentNumber } from './finalize';

export interface OfacRemarkFacts {
  datesOfBirth: DateOfBirth[];
  placesOfBirth: string[];
  nationalities: string[];
  documents: IdentityDocument[];
  /** "a.k.a. 'ABU-'UMAR'" in remarks: OFAC's weak aliases. */
  weakAliases: string[];
  gender?: string;
}

const DOCUMENT = /^((?:Diplomatic |Official |Service )?Passport|National ID No\.|Cedula No\.|Identification Number|C\.U\.R\.P\.|R\.F\.C\.|D\.N\.I\.|SSN|Tax ID No\.|NIT #|Driver's License No\.|Personal ID Card|Residency Number|Birth Certificate Number|Registration ID|Electoral Registry No\.|Credencial electoral|Public Security and Immigration No\.|Refugee ID Card|Travel Document Number|Identity Card Number|Kenyan ID No\.|Moroccan Personal ID No\.|Italian Fiscal Code|Turkish Identification Number|Pakistani National ID No\.) ([^(;]+?)(?: \(([^)]*)\))?(?:[;,.]|$)/;

/** Pulls the identifying facts out of an OFAC SDN remarks field ("DOB 10 Dec 1948; POB Giza, Egypt; ..."). */
export function parseOfacRemarks(remarks: string): OfacRemarkFacts {
  const facts: OfacRemarkFacts = { datesOfBirth: [], placesOfBirth: [], nationalities: [], documents: [], weakAliases: [] };
  const items = remarks.split(/;\s+/);
  for (const rawItem of items) {
    const item = rawItem.trim().replace(/^alt\. /, '').replace(/\.$/, '');
    let m: RegExpExecArray | null;
    if ((m = /^DOB (.+)$/.exec(item))) facts.datesOfBirth.push(parseDateOfBirthText(m[1]));
    else if ((m = /^POB (.+)$/.exec(item))) facts.placesOfBirth.push(m[1].trim());
    else if ((m = /^(?:nationality|citizen) (.+)$/i.exec(item))) facts.nationalities.push(nationalityValue(m[1]));
    else if ((m = /^[af]\.k\.a\. '(.+)'$/.exec(item))) facts.weakAliases.push(m[1]);
    else if ((m = /^Gender (Male|Female)$/.exec(item))) facts.gender = m[1];
    else if ((m = DOCUMENT.exec(item))) {
      const normalized = normalizeDocumentNumber(m[2]);
      if (normalized) facts.documents.push({ type: m[1], number: m[2], country: m[3], normalized });
    }
  }
  return facts;
}
