// R1: RFC 6962 Merkle proofs. The Certificate Transparency reference vectors, proofs compared with
// an independent recursive implementation written straight from RFC 6962 §2.1, and mutated proofs
// that must all be rejected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { EMPTY_ROOT, leafHash, MerkleRangeError, MerkleTree, verifyConsistency, verifyInclusion } from '../../src/platform/audit/merkle';

// --- Independent reference: the RFC's recursive definitions, nothing shared with the module. ---
const sha = (...parts: Uint8Array[]) => { const h = createHash('sha256'); for (const p of parts) h.update(p); return h.digest(); };
const refLeaf = (d: Uint8Array) => sha(Buffer.from([0]), d);
const refNode = (l: Uint8Array, r: Uint8Array) => sha(Buffer.from([1]), l, r);
const refK = (n: number) => 2 ** Math.floor(Math.log2(n - 1));
function refMth(d: Buffer[], lo = 0, hi = d.length): Buffer {
  if (hi === lo) return sha();
  if (hi - lo === 1) return d[lo]!;
  const k = refK(hi - lo);
  return refNode(refMth(d, lo, lo + k), refMth(d, lo + k, hi));
}
function refPath(m: number, d: Buffer[]): Buffer[] {
  if (d.length <= 1) return [];
  const k = refK(d.length);
  return m < k ? [...refPath(m, d.slice(0, k)), refMth(d.slice(k))] : [...refPath(m - k, d.slice(k)), refMth(d.slice(0, k))];
}
function refSubproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [refMth(d)];
  const k = refK(d.length);
  return m <= k ? [...refSubproof(m, d.slice(0, k), b), refMth(d.slice(k))] : [...refSubproof(m - k, d.slice(k), false), refMth(d.slice(0, k))];
}
const refProof = (m: number, d: Buffer[]) => refSubproof(m, d, true);

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex');
const sameList = (a: Uint8Array[], b: Uint8Array[]) => a.length === b.length && a.every((x, i) => hex(x) === hex(b[i]!));
const flip = (b: Uint8Array, bit: number) => { const c = Buffer.from(b); c[bit >> 3]! ^= 1 << (bit & 7); return c; };

// --- The Certificate Transparency vectors (leaf data, roots of sizes 0..8, proofs). ---
const CT_DATA = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_INCLUSION = [
  { index: 0, size: 1, proof: [] as string[] },
  { index: 0, size: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  { index: 1, size: 5, proof: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];
const CT_CONSISTENCY = [
  { m: 1, n: 1, proof: [] as string[] },
  { m: 1, n: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { m: 6, n: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { m: 2, n: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  { m: 2, n: 8, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
];

type Incl = { leaf: Uint8Array; index: number; size: number; proof: Uint8Array[]; root: Uint8Array };
type Cons = { m: number; n: number; rootM: Uint8Array; rootN: Uint8Array; proof: Uint8Array[] };

// Mutations of a valid inclusion claim. A changed size is paired with the genuine root of that size
// (when the tree has one): the realistic lie is "this leaf is in the tree you hold".
function inclusionMutations(c: Incl, leaves: Buffer[], rootOf: (s: number) => Uint8Array | null): [string, Incl][] {
  const out: [string, Incl][] = [];
  const withSize = (s: number) => ({ ...c, size: s, root: rootOf(s) ?? c.root });
  out.push(['index-1', { ...c, index: c.index - 1 }], ['index+1', { ...c, index: c.index + 1 }]);
  out.push(['size*2', withSize(c.size * 2)], ['size/2', withSize(Math.floor(c.size / 2))], ['size+1', withSize(c.size + 1)], ['size-1', withSize(c.size - 1)]);
  out.push(['wrong leaf', { ...c, leaf: leaves[(c.index + 1) % leaves.length]! }], ['garbage root', { ...c, root: randomBytes(32) }]);
  out.push(['leaf bit', { ...c, leaf: flip(c.leaf, 5) }], ['root bit', { ...c, root: flip(c.root, 250) }]);
  c.proof.forEach((_, i) => out.push([`proof[${i}] bit`, { ...c, proof: c.proof.map((p, j) => (j === i ? flip(p, (i * 37) % 256) : p)) }]));
  if (c.proof.length) out.push(['proof truncated', { ...c, proof: c.proof.slice(0, -1) }], ['proof reversed', { ...c, proof: [...c.proof].reverse() }]);
  out.push(['proof extended', { ...c, proof: [...c.proof, randomBytes(32)] }], ['proof prefixed', { ...c, proof: [c.leaf, ...c.proof] }]);
  // A mutation that leaves the claim equal to the original (e.g. reversing a one-element proof) is no lie.
  return out.filter(([, m]) => !(m.index === c.index && m.size === c.size && hex(m.root) === hex(c.root) && hex(m.leaf) === hex(c.leaf) && sameList(m.proof, c.proof)));
}

function consistencyMutations(c: Cons, rootOf: (s: number) => Uint8Array | null): [string, Cons][] {
  const out: [string, Cons][] = [];
  const m = (s: number) => ({ ...c, m: s, rootM: rootOf(s) ?? c.rootM });
  const n = (s: number) => ({ ...c, n: s, rootN: rootOf(s) ?? c.rootN });
  out.push(['m-1', m(c.m - 1)], ['m+1', m(c.m + 1)], ['m*2', m(c.m * 2)], ['m/2', m(Math.floor(c.m / 2))]);
  out.push(['n-1', n(c.n - 1)], ['n+1', n(c.n + 1)], ['n*2', n(c.n * 2)], ['n/2', n(Math.floor(c.n / 2))]);
  out.push(['old root garbage', { ...c, rootM: randomBytes(32) }], ['new root garbage', { ...c, rootN: randomBytes(32) }]);
  out.push(['old root bit', { ...c, rootM: flip(c.rootM, 1) }], ['new root bit', { ...c, rootN: flip(c.rootN, 200) }], ['roots swapped', { ...c, rootM: c.rootN, rootN: c.rootM }]);
  c.proof.forEach((_, i) => out.push([`proof[${i}] bit`, { ...c, proof: c.proof.map((p, j) => (j === i ? flip(p, (i * 53) % 256) : p)) }]));
  if (c.proof.length) out.push(['proof truncated', { ...c, proof: c.proof.slice(0, -1) }], ['proof reversed', { ...c, proof: [...c.proof].reverse() }]);
  out.push(['proof extended', { ...c, proof: [...c.proof, randomBytes(32)] }]);
  return out;
}

// Ground truth for a claim, from the reference implementation only (memoised: it is slow).
const memo = new Map<string, unknown>();
const cached = <T>(key: string, f: () => T): T => { if (!memo.has(key)) memo.set(key, f()); return memo.get(key) as T; };
const refRootHex = (leaves: Buffer[], s: number) => cached(`${leaves.length}/root/${s}`, () => hex(refMth(leaves.slice(0, s))));
function inclusionIsTrue(x: Incl, leaves: Buffer[]): boolean {
  if (!(x.index >= 0 && x.index < x.size && x.size <= leaves.length)) return false;
  const path = cached(`${leaves.length}/path/${x.index}/${x.size}`, () => refPath(x.index, leaves.slice(0, x.size)));
  return hex(x.leaf) === hex(leaves[x.index]!) && hex(x.root) === refRootHex(leaves, x.size) && sameList(x.proof, path);
}
function consistencyIsTrue(x: Cons, leaves: Buffer[]): boolean {
  if (!(x.m >= 0 && x.m <= x.n && x.n <= leaves.length)) return false;
  // The empty tree is a prefix of every tree, with an empty proof (RFC 6962 leaves m = 0 undefined).
  if (x.m === 0) return x.proof.length === 0 && hex(x.rootM) === hex(sha()) && hex(x.rootN) === refRootHex(leaves, x.n);
  const proof = cached(`${leaves.length}/proof/${x.m}/${x.n}`, () => refProof(x.m, leaves.slice(0, x.n)));
  return hex(x.rootM) === refRootHex(leaves, x.m) && hex(x.rootN) === refRootHex(leaves, x.n) && sameList(x.proof, proof);
}

const check = (x: Incl) => verifyInclusion(x.leaf, x.index, x.size, x.proof, x.root);
const checkC = (x: Cons) => verifyConsistency(x.m, x.n, x.rootM, x.rootN, x.proof);

test('R1: roots of the CT reference leaves match the published roots for sizes 0..8', () => {
  const leaves = CT_DATA.map(leafHash);
  assert.equal(hex(EMPTY_ROOT), CT_ROOTS[0]);
  const tree = MerkleTree.from(leaves);
  for (let s = 0; s <= 8; s++) assert.equal(hex(tree.root(s)), CT_ROOTS[s], `root of size ${s}`);
  for (let s = 0; s <= 8; s++) assert.equal(hex(MerkleTree.from(leaves.slice(0, s)).root()), CT_ROOTS[s], `tree built to size ${s}`);
});

test('R1: CT inclusion and consistency vectors are produced exactly and verify; every mutation is rejected', () => {
  const leaves = CT_DATA.map(leafHash);
  const tree = MerkleTree.from(leaves);
  const rootOf = (s: number) => (s >= 0 && s <= 8 ? unhex(CT_ROOTS[s]!) : null);
  let rejected = 0;
  for (const v of CT_INCLUSION) {
    assert.deepEqual(tree.inclusionProof(v.index, v.size).map(hex), v.proof, `inclusion proof ${v.index}/${v.size}`);
    const good: Incl = { leaf: leaves[v.index]!, index: v.index, size: v.size, proof: v.proof.map(unhex), root: unhex(CT_ROOTS[v.size]!) };
    assert.ok(check(good), `vector ${v.index}/${v.size} accepted`);
    for (const [what, bad] of inclusionMutations(good, leaves, rootOf)) {
      assert.equal(check(bad), false, `inclusion ${v.index}/${v.size} mutated (${what}) must be rejected`);
      rejected++;
    }
  }
  for (const v of CT_CONSISTENCY) {
    assert.deepEqual(tree.consistencyProof(v.m, v.n).map(hex), v.proof, `consistency proof ${v.m}→${v.n}`);
    const good: Cons = { m: v.m, n: v.n, rootM: unhex(CT_ROOTS[v.m]!), rootN: unhex(CT_ROOTS[v.n]!), proof: v.proof.map(unhex) };
    assert.ok(checkC(good), `vector ${v.m}→${v.n} accepted`);
    for (const [what, bad] of consistencyMutations(good, rootOf)) {
      if (consistencyIsTrue(bad, leaves)) continue;
      assert.equal(checkC(bad), false, `consistency ${v.m}→${v.n} mutated (${what}) must be rejected`);
      rejected++;
    }
  }
  assert.ok(rejected > 80, `${rejected} mutated vectors rejected`);
});

test('R1: tree roots equal the independent recursive implementation for every size 0..1024', () => {
  const leaves = Array.from({ length: 1024 }, (_, i) => refLeaf(Buffer.from(`row ${i}`)));
  const tree = MerkleTree.from(leaves);
  for (let s = 0; s <= 1024; s++) assert.equal(hex(tree.root(s)), hex(refMth(leaves, 0, s)), `size ${s}`);
});

test('R1: every inclusion and consistency proof up to 40 leaves equals the RFC recursion, verifies, and no mutation verifies', () => {
  // Proofs for sizes up to N inside a tree of 2N leaves, so that every mutated size has a genuine
  // root: an inclusion proof alone does not bind the size (RFC 9162 §2.1.3.2; the signed checkpoint
  // binds size and root together), so "size+1 with the old root" is not a lie the proof can catch.
  const N = 40;
  const leaves = Array.from({ length: 2 * N }, (_, i) => refLeaf(Buffer.from([i, 255 - i])));
  const tree = MerkleTree.from(leaves);
  const rootOf = (s: number) => (s >= 0 && s <= 2 * N ? tree.root(s) : null);
  let good = 0;
  let bad = 0;
  for (let size = 1; size <= N; size++) {
    const d = leaves.slice(0, size);
    for (let i = 0; i < size; i++) {
      const proof = tree.inclusionProof(i, size);
      assert.ok(sameList(proof, cached(`${leaves.length}/path/${i}/${size}`, () => refPath(i, d))), `inclusion proof ${i}/${size}`);
      const c: Incl = { leaf: leaves[i]!, index: i, size, proof, root: tree.root(size) };
      assert.ok(check(c), `inclusion ${i}/${size} accepted`);
      good++;
      for (const [what, m] of inclusionMutations(c, leaves, rootOf)) {
        assert.equal(check(m), inclusionIsTrue(m, leaves), `inclusion ${i}/${size} mutated (${what})`);
        bad++;
      }
    }
    for (let m = 1; m <= size; m++) {
      const proof = tree.consistencyProof(m, size);
      assert.ok(sameList(proof, cached(`${leaves.length}/proof/${m}/${size}`, () => refProof(m, d))), `consistency proof ${m}→${size}`);
      const c: Cons = { m, n: size, rootM: tree.root(m), rootN: tree.root(size), proof };
      assert.ok(checkC(c), `consistency ${m}→${size} accepted`);
      good++;
      for (const [what, x] of consistencyMutations(c, rootOf)) {
        assert.equal(checkC(x), consistencyIsTrue(x, leaves), `consistency ${m}→${size} mutated (${what})`);
        bad++;
      }
    }
  }
  process.stdout.write(`# ${good} genuine proofs accepted, ${bad} mutated proofs judged against the reference\n`);
});

test('R1: edge cases: empty tree, out-of-range requests, non-32-byte hashes', () => {
  const tree = MerkleTree.from([leafHash(Buffer.from('a')), leafHash(Buffer.from('b'))]);
  assert.ok(verifyConsistency(0, 2, EMPTY_ROOT, tree.root(), []), 'the empty tree is a prefix of every tree');
  assert.equal(verifyConsistency(0, 2, randomBytes(32), tree.root(), []), false);
  assert.equal(verifyInclusion(tree.leaf(0), 0, 0, [], tree.root()), false);
  assert.equal(verifyInclusion(tree.leaf(0).subarray(0, 31), 0, 2, tree.inclusionProof(0), tree.root()), false);
  assert.equal(verifyInclusion(tree.leaf(0), 0, 2, [Buffer.alloc(33)], tree.root()), false);
  assert.throws(() => tree.inclusionProof(2), MerkleRangeError);
  assert.throws(() => tree.consistencyProof(3, 2), MerkleRangeError);
  assert.throws(() => tree.root(3), MerkleRangeError);
});
