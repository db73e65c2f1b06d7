import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import ar from 'i18n-iso-countries/langs/ar.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };

// Rosters name countries in English, Arabic or French, or by ISO code; the registry stores ISO 3166-1 alpha-3.
countries.registerLocale(en);
countries.registerLocale(ar);
countries.registerLocale(fr);

export function parseCountry(raw: string): string | null {
  const s = raw.trim();
  if (/^[A-Za-z]{3}$/.test(s) && countries.isValid(s.toUpperCase())) return s.toUpperCase();
  if (/^[A-Za-z]{2}$/.test(s)) return countries.alpha2ToAlpha3(s.toUpperCase()) ?? null;
  for (const lang of ['en', 'ar', 'fr']) {
    const c = countries.getAlpha3Code(s, lang);
    if (c) return c;
  }
  return null;
}

export const countryName = (alpha3: string): string => countries.getName(alpha3, 'en', { select: 'official' }) ?? alpha3;
