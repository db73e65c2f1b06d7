// Loads the name data files once and folds their keys the same way names are folded, so the JSON can
// stay human-readable (plain spellings) while lookups stay exact.
import scriptTables from '../../data/script-tables.json' with { type: 'json' };
import particleData from '../../data/name-particles.json' with { type: 'json' };
import curatedVariants from '../../data/token-variants.json' with { type: 'json' };
import minedVariants from '../../data/mined-token-variants.json' with { type: 'json' };
import arabicLatin from '../../data/arabic-latin-tokens.json' with { type: 'json' };
import { foldLatinToken } from './latin-fold';

export const arabicFold = new Map<string, string>(Object.entries(scriptTables.arabicFold));
export const arabicStrip = new Set<string>(scriptTables.arabicStrip);
export const arabicToLatin = new Map<string, string>(Object.entries(scriptTables.arabicToLatin));
export const cyrillicToLatin = new Map<string, string>(Object.entries(scriptTables.cyrillicToLatin));
export const greekToLatin = new Map<string, string>(Object.entries(scriptTables.greekToLatin));

export const particles = new Set<string>(particleData.particles);
export const kunyaMarkers = new Set<string>(particleData.kunyaMarkers);
export const nasabMarkers = new Set<string>(particleData.nasabMarkers);
export const titles = new Set<string>(particleData.titles);
export const legalForms = new Set<string>(particleData.legalForms.map(foldLatinToken));
/** Longest phrases first so "open joint stock company" wins over "joint stock company". */
export const legalFormPhrases: [string[], string][] = Object.entries(particleData.legalFormPhrases)
  .map(([phrase, abbreviation]): [string[], string] => [phrase.split(' '), abbreviation])
  .sort((a, b) => b[0].length - a[0].length);
export const genericWeights = new Map<string, number>(Object.entries(particleData.genericWeights));

/** folded spelling -> canonical folded spelling. Curated groups win over mined ones. */
export const tokenVariants = new Map<string, string>();
function addGroups(groups: string[][]): void {
  for (const group of groups) {
    const canonical = foldLatinToken(group[0]);
    const existing = tokenVariants.get(canonical);
    const target = existing ?? canonical;
    for (const spelling of group) {
      const key = foldLatinToken(spelling.replace(/[\s'-]/g, ''));
      if (!tokenVariants.has(key)) tokenVariants.set(key, target);
    }
  }
}
addGroups(curatedVariants.groups);
addGroups(minedVariants.groups);

/** Arabic-script word (already folded) -> Latin spelling mined from UN entries that publish both. */
export const arabicWordToLatin = new Map<string, string>(Object.entries(arabicLatin.tokens));
