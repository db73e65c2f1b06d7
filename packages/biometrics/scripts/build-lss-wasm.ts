// Compiles src/fingerprint/match/lss.wat (hand-written) into lss-wasm.ts (the module's bytes as base64), with
// the wabt devDependency. Run after editing the .wat: `npm run build:lss-wasm -w @custodian/biometrics`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import initWabt from 'wabt';

const dir = fileURLToPath(new URL('../src/fingerprint/match/', import.meta.url));
const wabt = await initWabt();
const parsed = wabt.parseWat('lss.wat', readFileSync(`${dir}lss.wat`, 'utf8'));
parsed.validate();
const { buffer } = parsed.toBinary({});
parsed.destroy();
const base64 = Buffer.from(buffer).toString('base64');
writeFileSync(`${dir}lss-wasm.ts`, `// Generated from lss.wat by scripts/build-lss-wasm.ts; do not edit by hand.
export const LSS_WASM_BASE64 =
  '${base64.match(/.{1,100}/g)!.join("' +\n  '")}';
`);
console.log(`lss-wasm.ts: ${buffer.length} bytes of WebAssembly`);
