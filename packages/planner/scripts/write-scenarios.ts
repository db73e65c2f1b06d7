// Regenerates the committed demo scenario and sample disruption (deterministic: same seed, same files).
import { writeFileSync } from 'node:fs';
import { DISRUPTION_VERSION, generateScenario, type Disruption } from '../src/index';
import { DEMO_SEED } from '../src/scenario/demo';

const dir = new URL('../scenarios/', import.meta.url).pathname;
const s = generateScenario({ seed: DEMO_SEED, persons: 7000 });
writeFileSync(`${dir}demo.json`, JSON.stringify(s) + '\n');
const helos = s.assets.filter((a) => ['CH-47', 'UH-60', 'Mi-17'].includes(a.type));
const lost = helos.filter((_, i) => i % 3 === 0).map((a) => a.id);
const d: Disruption = { version: DISRUPTION_VERSION, atDay: 3, description: `lose a third of the helicopters (${lost.length} of ${helos.length}) on day 3`, events: [{ kind: 'asset-lost', assetIds: lost }] };
writeFileSync(`${dir}demo-disrupt-helicopters.json`, JSON.stringify(d, null, 1) + '\n');
console.log(`wrote demo.json (${s.persons.length} persons) and demo-disrupt-helicopters.json (${lost.length} helicopters lost)`);
