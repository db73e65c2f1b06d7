// Before thinning: fill pores and tiny valleys inside ridges and drop specks, which would otherwise
// thin into loops and stubs that read as pairs of false minutiae.

function relabelSmall(img: Uint8Array, width: number, height: number, value: number, maxArea: number, replacement: number): void {
  const seen = new Uint8Array(img.length);
  const stack: number[] = [];
  const component: number[] = [];
  for (let s = 0; s < img.length; s++) {
    if (seen[s] || img[s] !== value) continue;
    component.length = 0;
    stack.push(s);
    seen[s] = 1;
    let touchesEdge = false;
    while (stack.length) {
      const i = stack.pop()!;
      component.push(i);
      const x = i % width, y = (i - x) / width;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) { touchesEdge = true; continue; }
      for (const n of [i - 1, i + 1, i - width, i + width]) {
        if (!seen[n] && img[n] === value) { seen[n] = 1; stack.push(n); }
      }
    }
    if (!touchesEdge && component.length <= maxArea) for (const i of component) img[i] = replacement;
  }
}

export function cleanBinary(ridges: Uint8Array, mask: Uint8Array, width: number, height: number, period: number): Uint8Array {
  const maxArea = Math.round(period * period * 0.35);
  // Valley pixels outside the fingerprint area are not holes: mark them so they are never filled.
  const img = new Uint8Array(ridges.length);
  for (let i = 0; i < img.length; i++) img[i] = mask[i] ? ridges[i] : 2;
  relabelSmall(img, width, height, 0, maxArea, 1);
  relabelSmall(img, width, height, 1, maxArea, 0);
  for (let i = 0; i < img.length; i++) if (img[i] === 2) img[i] = 0;
  return img;
}
