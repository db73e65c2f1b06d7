// Local similarity sort over every minutia pair (after Cappelli et al. 2010): the mean of the nP best cylinder
// similarities among the probe × gallery pairs that pass a direction gate. Computed by a tiny hand-written
// WebAssembly module (lss.wat: 64-bit popcount, about 4× faster than the JavaScript loop); the plain
// JavaScript reference below gives bit-identical results and runs where WebAssembly is unavailable.
import { CYLINDER, cylinderSimilarity, type Cylinders } from './cylinders';
import { LSS_WASM_BASE64 } from './lss-wasm';

/** Byte offsets inside the module's memory (see lss.wat). */
const GALLERY_WORD = 16384 / 4;
const MAX_PAIRS = 64;
const SQRT_BYTE = 33280;
const CYLINDER_BITS = 384;

interface LssModule {
  lss: (np: number, ng: number, rotation: number, maxAngle: number, nP: number, minCommon: number) => number;
  words: Int32Array;
}

/** The slice of the WebAssembly JS API used here (the project's TypeScript lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

let loaded: LssModule | null | undefined;

function loadModule(): LssModule | null {
  if (loaded !== undefined) return loaded;
  try {
    const text = atob(LSS_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wasm) return (loaded = null);
    const instance = new wasm.Instance(new wasm.Module(bytes), {});
    const memory = instance.exports.memory as { buffer: ArrayBuffer };
    // √k for every possible set-bit count (the same correctly rounded values f64.sqrt gives).
    new Float64Array(memory.buffer, SQRT_BYTE, CYLINDER_BITS + 1).set(Array.from({ length: CYLINDER_BITS + 1 }, (_, k) => Math.sqrt(k)));
    loaded = { lss: instance.exports.lss as LssModule['lss'], words: new Int32Array(memory.buffer) };
  } catch {
    loaded = null;
  }
  return loaded;
}

/** Which implementation allPairsSimilaritySort uses ('js' only where WebAssembly cannot be instantiated). */
export function lssImplementation(): 'wasm' | 'js' {
  return loadModule() ? 'wasm' : 'js';
}

/** Fewest common valid cells for two cylinders to be compared (the integer form of cylinderSimilarity's test). */
function minCommonCells(c: Cylinders): number {
  return Math.ceil(CYLINDER.minCommonShare * c.discCells);
}

/**
 * Mean of the nP best similarities over all pairs (i of p, j of g) whose direction difference
 * angleG[j] − angleP[i] lies within ±maxAngle of `rotation` (1/256 turn; maxAngle ≥ 128 lets every pair through).
 */
export function allPairsSimilaritySort(
  cp: Cylinders, angleP: Uint8Array, cg: Cylinders, angleG: Uint8Array, rotation: number, maxAngle: number, nP: number,
): number {
  if (nP <= 0) return 0;
  if (nP > MAX_PAIRS) throw new RangeError(`nP ${nP} above ${MAX_PAIRS}`);
  const m = loadModule();
  if (!m || cp.usableCount > 255 || cg.usableCount > 255) return allPairsSimilaritySortReference(cp, angleP, cg, angleG, rotation, maxAngle, nP);
  m.words.set(cp.packed, 0);
  m.words.set(cg.packed, GALLERY_WORD);
  return m.lss(cp.usableCount, cg.usableCount, rotation, maxAngle, nP, minCommonCells(cp));
}

const top = new Float64Array(MAX_PAIRS);

/** The same computation in plain JavaScript over cylinderSimilarity (reference and fallback). */
export function allPairsSimilaritySortReference(
  cp: Cylinders, angleP: Uint8Array, cg: Cylinders, angleG: Uint8Array, rotation: number, maxAngle: number, nP: number,
): number {
  if (nP <= 0) return 0;
  const np = angleP.length, ng = angleG.length;
  let kept = 0, floor = 0;
  for (let i = 0; i < np; i++) {
    const lo = angleP[i] + rotation - maxAngle;
    for (let j = 0; j < ng; j++) {
      if (((angleG[j] - lo) & 255) > 2 * maxAngle) continue;
      const v = cylinderSimilarity(cp, i, cg, j);
      if (kept === nP && v <= floor) continue;
      let pos = kept < nP ? kept++ : nP - 1;
      while (pos > 0 && top[pos - 1] < v) { top[pos] = top[pos - 1]; pos--; }
      top[pos] = v;
      if (kept === nP) floor = top[nP - 1];
    }
  }
  let sum = 0;
  for (let k = 0; k < kept; k++) sum += top[k];
  return sum / nP;
}
