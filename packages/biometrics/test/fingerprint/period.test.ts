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

void test('the period cue gives the same score whether it rides on the orientation pass (same cells) or runs on its own', () => {
  const a = randomTemplate(72), theta = -0.4;
  const b = transformed(a, theta, -6, 14, 9, 2, 0.15);
  const turned = 40 + (theta * 180) / Math.PI;
  const pa = withFields(a, 40, 90);
  for (const period of [90, 97, 110]) {
    const shared = withFields(b, turned, period);
    // The same orientation cells plus one background column: the grids differ, so the period cue takes its own pass.
    const o = shared.orientation!, cols = o.cols + 1;
    const angles = new Uint8Array(cols * o.rows).fill(255);
    for (let r = 0; r < o.rows; r++) angles.set(o.angles.subarray(r * o.cols, (r + 1) * o.cols), r * cols);
    const separate = { ...shared, orientation: { ...o, cols, angles } };
    assert.equal(compareRawScore(pa, separate), compareRawScore(pa, shared), `period ${period}`);
  }
});
