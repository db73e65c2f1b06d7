// Regenerates the committed demo scenario (from the server demo's default seed) and sample disruption (deterministic: same seed, same files).
import { writeFileSync } from 'node:fs';
import { DEMO_SEED, DISRUPTION_VERSION, generateDemoScenario, type Disruption } from '../src/index';

const dir = new URL('../scenarios/', import.meta.url).pathname;
const s = generateDemoScenario(DEMO_SEED);
writeFileSync(`${dir}demo.json`, JSON.stringify(s) + '\n');
const helos = s.assets.filter((a) => ['CH-47', 'UH-60', 'Mi-17'].includes(a.type));
const lost = helos.filter((_, i) => i % 3 === 0).map((a) => a.id);
const d: Disruption = { version: DISRUPTION_VERSION, atDay: 3, description: `lose a third of the helicopters (${lost.length} of ${helos.length}) on day 3`, events: [{ kind: 'asset-lost', assetIds: lost }] };
writeFileSync(`${dir}demo-disrupt-helicopters.json`, JSON.stringify(d, null, 1) + '\n');
console.log(`wrote demo.json (${s.persons.length} persons) and demo-disrupt-helicopters.json (${lost.length} helicopters lost)`);
