// The WSQ decomposition tree (spec section on subband structure): 20 transform nodes, each split once
// into four quadrants, giving 64 subbands of which 0..59 are transmitted. Odd lengths split unevenly;
// which half gets the extra sample depends on whether that node's band order is spectrally inverted.

export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TransformNode extends Region {
  /** Horizontal split puts the high band first. */
  invX: boolean;
  /** Vertical split puts the high band first. */
  invY: boolean;
}

export const CODED_SUBBANDS = 60;
/** First subband of each of the three entropy-coded blocks, plus the end. */
export const BLOCK_STARTS = [0, 19, 52, 60] as const;

function halves(len: number, inv: boolean): [number, number] {
  const big = Math.ceil(len / 2);
  const small = len - big;
  return inv ? [small, big] : [big, small];
}

/** Quadrants of a node in order top-left, top-right, bottom-left, bottom-right. */
export function quadrants(n: TransformNode): Region[] {
  const [wa, wb] = halves(n.w, n.invX);
  const [ha, hb] = halves(n.h, n.invY);
  return [
    { x: n.x, y: n.y, w: wa, h: ha },
    { x: n.x + wa, y: n.y, w: wb, h: ha },
    { x: n.x, y: n.y + ha, w: wa, h: hb },
    { x: n.x + wa, y: n.y + ha, w: wb, h: hb },
  ];
}

function node(r: Region, invX: boolean, invY: boolean): TransformNode {
  return { ...r, invX, invY };
}

/** Children of a node follow the usual pattern: TR inverted in x, BL in y, BR in both. */
function children(n: TransformNode): TransformNode[] {
  const q = quadrants(n);
  return [node(q[0], false, false), node(q[1], true, false), node(q[2], false, true), node(q[3], true, true)];
}

export interface WsqTree {
  /** Transform nodes in decomposition order (reconstruction runs them backwards). */
  nodes: TransformNode[];
  /** Subband regions 0..63 in coefficient order. */
  subbands: Region[];
}

export function buildTree(width: number, height: number): WsqTree {
  const n: TransformNode[] = new Array(20);
  n[0] = node({ x: 0, y: 0, w: width, h: height }, false, false);
  [n[1], n[2], n[3]] = children(n[0]);
  const q1 = children(n[1]);
  n[14] = q1[0];
  n[4] = q1[1];
  n[5] = q1[2];
  [n[6], n[7], n[8], n[9]] = children(n[4]);
  [n[10], n[11], n[12], n[13]] = children(n[5]);
  [n[15], n[16], n[17], n[18]] = children(n[14]);
  n[19] = children(n[15])[0];

  const sb: Region[] = [];
  sb.push(...quadrants(n[19]));
  sb.push(...quadrants(n[15]).slice(1));
  for (const i of [16, 17, 18, 6, 7, 8, 9, 10, 11, 12, 13]) sb.push(...quadrants(n[i]));
  sb.push(quadrants(n[1])[3]);
  // 60..63 (the first-level diagonal band) are never transmitted; listed for completeness.
  sb.push(...quadrants(n[2]), ...quadrants(n[3]), ...quadrantsOf(quadrants(n[0])[3]));
  return { nodes: n, subbands: sb };
}

function quadrantsOf(r: Region): Region[] {
  return quadrants(node(r, true, true));
}
