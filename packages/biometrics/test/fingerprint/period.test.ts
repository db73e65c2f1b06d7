import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRawScore, type FingerprintTemplate } from '../../src/index';
import { PAIRING } from '../../src/fingerprint/match/compare';
import { randomTemplate, transformed } from './fixtures';

/** Uniform orientation (degrees) and ridge-period (tenths of a pixel) fields over a template's frame. */
function withFields(t: FingerprintTemplate, degrees: number, period: number | undefined): FingerprintTemplate {
  const cols = Math.ceil(t.width / 16), rows = Math.ceil(t.height / 16);
  const orientation = { cell: 16, cols, rows, angles: new Uint8Array(cols * rows).fill(((degrees % 180) + 180) % 180) };
  return period === undefined ? { ...t, orientation } : { ...t, orientation, ridgePeriod: { cell: 16, cols, rows, values: new Uint8Array(cols * rows).fill(period) } };
}

void test('ridge periods that agree after alignment raise the score, periods a third apart cut it, and no field changes nothing', () => {
  const a = randomTemplate(71), theta = 0.5;
  const b = transformed(a, theta, 12, -8, 7, 2, 0.2);
  const turned = 40 + (theta * 180) / Math.PI;
  const raw = (pa: number | undefined, pb: number | undefined): number => compareRawScore(withFields(a, 40, pa), withFields(b, turned, pb));
  const none = raw(undefined, undefined), same = raw(90, 90), apart = raw(90, 120), close = raw(90, 95);
  assert.equal(raw(90, undefined), none, 'one side without a period field: the cue is skipped');
  assert.ok(same > none + 3, `agreeing periods add evidence: ${same} vs ${none}`);
  assert.ok(close > none && close < same, `5 % apart adds less: ${close}`);
  assert.ok(apart < 0.4 * none, `periods ${Math.log(120 / 90).toFixed(2)} apart in ln: ${apart} vs ${none}`);
  const saved = PAIRING.periodWeight;
  try {
    PAIRING.periodWeight = 0;
    assert.equal(raw(90, 120), none, 'periodWeight 0 turns the cue off');
  } finally {
    PAIRING.periodWeight = saved;
  }
});
