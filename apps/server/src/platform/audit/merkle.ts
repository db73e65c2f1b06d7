// RFC 6962 (§2.1) Merkle tree over SHA-256: leaf = H(0x00 || data), node = H(0x01 || left || right),
// the empty tree hashes to H(""), and a tree of n > 1 leaves splits at the largest power of two
// smaller than n. Exactly RFC 6962 so that any Certificate Transparency tool can check our proofs.
// Pure: no I/O. Hashes are Buffers of 32 bytes.
import { createHash } from 'node:crypto';

export type Hash = Buffer;

export const EMPTY_ROOT: Hash = createHash('sha256').digest();

export function leafHash(data: Uint8Array): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Hash {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

// Largest power of two strictly smaller than n (n ≥ 2).
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPow2 = (n: number) => n > 0 && (n & (n - 1)) === 0;

export class MerkleRangeError extends Error {
  constructor(readonly what: string, readonly value: number, readonly size: number) {
    super(`${what} ${value} is out of range for a tree of ${size} leaves`);
  }
}

// One level of the tree: hashes packed 32 bytes apiece in one growable buffer (a Buffer object per
// hash would cost about three times the memory on a log of millions of rows).
class Level {
  private buf = Buffer.alloc(32 * 64);
  length = 0;

  push(h: Uint8Array): void {
    if ((this.length + 1) * 32 > this.buf.length) {
      const bigger = Buffer.alloc(this.buf.length * 2);
      this.buf.copy(bigger);
      this.buf = bigger;
    }
    this.buf.set(h, this.length * 32);
    this.length++;
  }

  // A copy, so a caller can never change the tree through it.
  at(i: number): Hash {
    return Buffer.from(this.buf.subarray(i * 32, i * 32 + 32));
  }
}

// An append-only tree that keeps every complete level, so the hash of any perfect subtree is a
// lookup and a root, an inclusion proof or a consistency proof for ANY earlier size costs
// O(log² n) hashes. Memory: about 2 × 32 bytes per leaf.
export class MerkleTree {
  // levels[h][i] = hash of the perfect subtree of 2^h leaves starting at leaf i·2^h.
  private readonly levels: Level[] = [new Level()];

  static from(leafHashes: Iterable<Uint8Array>): MerkleTree {
    const t = new MerkleTree();
    for (const h of leafHashes) t.append(h);
    return t;
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  append(leaf: Uint8Array): void {
    if (leaf.length !== 32) throw new TypeError(`a leaf hash has 32 bytes, not ${leaf.length}`);
    this.levels[0]!.push(leaf);
    for (let h = 0; this.levels[h]!.length % 2 === 0; h++) {
      const level = this.levels[h]!;
      const parent = (this.levels[h + 1] ??= new Level());
      parent.push(nodeHash(level.at(level.length - 2), level.at(level.length - 1)));
    }
  }

  leaf(index: number): Hash {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new MerkleRangeError('leaf index', index, this.size);
    return this.levels[0]!.at(index);
  }

  root(size = this.size): Hash {
    this.checkSize('tree size', size);
    return size === 0 ? EMPTY_ROOT : this.hashRange(0, size);
  }

  // RFC 6962 §2.1.1 PATH(m, D[n]): sibling hashes from the leaf up.
  inclusionProof(index: number, size = this.size): Hash[] {
    this.checkSize('tree size', size);
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new MerkleRangeError('leaf index', index, size);
    const proof: Hash[] = [];
    let start = 0;
    let end = size;
    const stack: Hash[] = [];
    while (end - start > 1) {
      const k = split(end - start);
      if (index < start + k) {
        stack.push(this.hashRange(start + k, end));
        end = start + k;
      } else {
        stack.push(this.hashRange(start, start + k));
        start += k;
      }
    }
    while (stack.length) proof.push(stack.pop()!);
    return proof;
  }

  // RFC 6962 §2.1.2 PROOF(m, D[n]) = SUBPROOF(m, D[n], true).
  consistencyProof(oldSize: number, newSize = this.size): Hash[] {
    this.checkSize('new tree size', newSize);
    if (!Number.isInteger(oldSize) || oldSize < 0 || oldSize > newSize) throw new MerkleRangeError('old tree size', oldSize, newSize);
    if (oldSize === 0 || oldSize === newSize) return [];
    return this.subproof(oldSize, 0, newSize, true);
  }

  private subproof(m: number, start: number, end: number, complete: boolean): Hash[] {
    const n = end - start;
    if (m === n) return complete ? [] : [this.hashRange(start, end)];
    const k = split(n);
    if (m <= k) return [...this.subproof(m, start, start + k, complete), this.hashRange(start + k, end)];
    return [...this.subproof(m - k, start + k, end, false), this.hashRange(start, start + k)];
  }

  // MTH(D[start:end]) for 0 ≤ start < end ≤ size.
  private hashRange(start: number, end: number): Hash {
    const n = end - start;
    if (isPow2(n) && start % n === 0) return this.levels[Math.log2(n)]!.at(start / n);
    const k = split(n);
    return nodeHash(this.hashRange(start, start + k), this.hashRange(start + k, end));
  }

  private checkSize(what: string, size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size) throw new MerkleRangeError(what, size, this.size);
  }
}

const sameHash = (a: Uint8Array, b: Uint8Array) => a.length === 32 && b.length === 32 && Buffer.compare(a, b) === 0;

// RFC 9162 §2.1.3.2: recompute the root from a leaf hash and its audit path.
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (leaf.length !== 32 || proof.some((p) => p.length !== 32)) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && sameHash(r, root);
}

// RFC 9162 §2.1.4.2: an old root is a prefix of a new root. Equal sizes need an empty proof and equal
// roots; the empty tree is a prefix of every tree.
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) return false;
  if (proof.some((p) => p.length !== 32)) return false;
  if (oldSize === newSize) return proof.length === 0 && sameHash(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0 && sameHash(oldRoot, EMPTY_ROOT);
  if (proof.length === 0) return false;
  const path = isPow2(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = BigInt(oldSize - 1);
  let sn = BigInt(newSize - 1);
  while ((fn & 1n) === 1n) { fn >>= 1n; sn >>= 1n; }
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && sameHash(fr, oldRoot) && sameHash(sr, newRoot);
}
