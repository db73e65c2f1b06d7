import { generateDemoScenario, parseScenario, planTransferWaves } from './src/index';
const s = parseScenario(generateDemoScenario());
const plan = await planTransferWaves(s, { periodHours: 3 });
console.log(plan.notes);
for (const t of plan.trips.filter(t => t.departHour < 24 && t.convoyId)) console.log(t.convoyId, t.assetId, t.legId, t.departHour, t.persons.length);
