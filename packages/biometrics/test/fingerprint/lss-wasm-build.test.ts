import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import initWabt from 'wabt';
import { LSS_WASM_BASE64 } from '../../src/fingerprint/match/lss-wasm';

// The matcher runs the module's committed bytes; the .wat beside them is what people read and edit.
// They must be the same program: compiling the .wat now gives exactly the committed bytes.
void test('the committed WebAssembly is lss.wat compiled (run build:lss-wasm after editing the .wat)', async () => {
  const wabt = await initWabt();
  const source = readFileSync(new URL('../../src/fingerprint/match/lss.wat', import.meta.url), 'utf8');
  const parsed = wabt.parseWat('lss.wat', source);
  try {
    parsed.validate();
    const { buffer } = parsed.toBinary({});
    assert.equal(Buffer.from(buffer).toString('base64'), LSS_WASM_BASE64);
  } finally {
    parsed.destroy();
  }
});
