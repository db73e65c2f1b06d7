import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(en);

// Names the lists use that the ISO English names do not cover.
const EXTRA: Record<string, string> = {
  'democratic republic of the congo': 'CD', 'republic of the congo': 'CG', 'russia': 'RU', 'syria': 'SY', 'iran': 'IR',
  'north korea': 'KP', 'south korea': 'KR', "democratic people's republic of korea": 'KP', 'palestinian': 'PS',
  'west bank': 'PS', 'gaza': 'PS', 'gaza strip': 'PS', 'kosovo': 'XK', 'burma': 'MM', 'turkey': 'TR', 'turkiye': 'TR',
  'ivory coast': 'CI', "cote d'ivoire": 'CI', 'united kingdom': 'GB', 'uk': 'GB', 'united states': 'US', 'usa': 'US',
  'bosnia-herzegovina': 'BA', 'laos': 'LA', 'vietnam': 'VN', 'tanzania': 'TZ', 'libya': 'LY', 'moldova': 'MD',
  'united kingdom of great britain and northern ireland': 'GB', 'united states of america': 'US',
  'yemeni': 'YE', 'afghan': 'AF', 'saudi arabian': 'SA', 'saudi': 'SA', 'somali': 'SO', 'algerian': 'DZ', 'iraqi': 'IQ',
  'syrian': 'SY', 'egyptian': 'EG', 'libyan': 'LY', 'tunisian': 'TN', 'moroccan': 'MA', 'jordanian': 'JO', 'kuwaiti': 'KW',
  'pakistani': 'PK', 'sudanese': 'SD', 'lebanese': 'LB', 'indonesian': 'ID', 'philippine': 'PH', 'filipino': 'PH',
  'russian': 'RU', 'british': 'GB', 'french': 'FR', 'german': 'DE', 'turkish': 'TR', 'iranian': 'IR', 'qatari': 'QA',
  'venezuela': 'VE', 'bolivia': 'BO', 'macedonia': 'MK', 'czech republic': 'CZ', 'the gambia': 'GM', 'sudan': 'SD',
};

const cache = new Map<string, string | undefined>();

/** Country name, ISO alpha-2 or alpha-3 code -> ISO alpha-2 (upper case), or undefined. */
export function countryCode(text: string): string | undefined {
  if (cache.has(text)) return cache.get(text);
  const code = lookup(text);
  // Bounded: country strings are few, but a caller could feed arbitrary text.
  if (cache.size < 10000) cache.set(text, code);
  return code;
}

function lookup(text: string): string | undefined {
  const t = text.trim().replace(/\.$/, '');
  if (!t) return undefined;
  if (/^[A-Za-z]{2}$/.test(t) && countries.isValid(t.toUpperCase())) return t.toUpperCase();
  if (/^[A-Za-z]{3}$/.test(t)) {
    const a2 = countries.alpha3ToAlpha2(t.toUpperCase());
    if (a2) return a2;
  }
  // "Iran (Islamic Republic of)", "Bahrain (citizenship revoked in Jan. 2015)": the country is outside the brackets.
  const bare = t.replace(/\s*\(.*$/, '').trim();
  if (bare !== t && bare) return lookup(bare);
  const lower = t.toLowerCase().replace(/^the /, '');
  return EXTRA[lower] ?? countries.getAlpha2Code(t, 'en') ?? countries.getAlpha2Code(lower.replace(/\b\w/g, (c) => c.toUpperCase()), 'en');
}

/** Normalises a nationality for the entry model: ISO code when known, else the trimmed text. */
export function nationalityValue(text: string): string {
  return countryCode(text) ?? text.trim();
}
