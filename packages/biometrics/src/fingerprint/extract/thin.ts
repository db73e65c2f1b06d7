// Zhang–Suen thinning with precomputed deletion tables over the 8-neighbourhood code.

// Neighbour order P2..P9 clockwise from north; bit k set when P(k+2) is a ridge pixel.
const DX = [0, 1, 1, 1, 0, -1, -1, -1];
const DY = [-1, -1, 0, 1, 1, 1, 0, -1];

function buildTable(firstPass: boolean): Uint8Array {
  const t = new Uint8Array(256);
  for (let code = 0; code < 256; code++) {
    const p = (k: number): number => (code >> k) & 1;
    let b = 0;
    for (let k = 0; k < 8; k++) b += p(k);
    let a = 0;
    for (let k = 0; k < 8; k++) if (!p(k) && p((k + 1) % 8)) a++;
    const [p2, , p4, , p6, , p8] = [p(0), p(1), p(2), p(3), p(4), p(5), p(6), p(7)];
    const c1 = firstPass ? p2 * p4 * p6 : p2 * p4 * p8;
    const c2 = firstPass ? p4 * p6 * p8 : p2 * p6 * p8;
    t[code] = b >= 2 && b <= 6 && a === 1 && c1 === 0 && c2 === 0 ? 1 : 0;
  }
  return t;
}
const PASS1 = buildTable(true);
const PASS2 = buildTable(false);

export function neighbourCode(img: Uint8Array, width: number, i: number): number {
  let code = 0;
  for (let k = 0; k < 8; k++) if (img[i + DY[k] * width + DX[k]]) code |= 1 << k;
  return code;
}

/** Thins ridges to one-pixel skeletons in place; the outermost pixel ring is cleared first. */
export function thin(img: Uint8Array, width: number, height: number): Uint8Array {
  for (let x = 0; x < width; x++) { img[x] = 0; img[(height - 1) * width + x] = 0; }
  for (let y = 0; y < height; y++) { img[y * width] = 0; img[y * width + width - 1] = 0; }
  let candidates: number[] = [];
  for (let i = 0; i < img.length; i++) if (img[i]) candidates.push(i);
  const remove: number[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const table of [PASS1, PASS2]) {
      remove.length = 0;
      for (const i of candidates) if (img[i] && table[neighbourCode(img, width, i)]) remove.push(i);
      for (const i of remove) img[i] = 0;
      if (remove.length) changed = true;
    }
    candidates = candidates.filter((i) => img[i] === 1);
  }
  return img;
}

export { DX, DY };
