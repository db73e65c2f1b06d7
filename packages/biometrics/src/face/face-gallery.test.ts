import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaceGallery, FaceGalleryFormatError, FaceModelMismatchError, type FaceEmbedding } from '../index';

const MODEL = 'test-model@1';
const DIM = 32;

/** Deterministic pseudo-random unit-ish vectors (xorshift), so failures reproduce. */
function vectors(count: number, seed: number): Float32Array[] {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 0xffffffff) * 2 - 1;
  };
  return Array.from({ length: count }, () => Float32Array.from({ length: DIM }, next));
}
const emb = (vector: Float32Array, modelId = MODEL): FaceEmbedding => ({ modelId, vector });

function filled(count: number, approximate = false): { gallery: FaceGallery; data: Float32Array[] } {
  const gallery = new FaceGallery({ modelId: MODEL, dimensions: DIM, approximate: approximate ? {} : undefined });
  const data = vectors(count, 7);
  data.forEach((v, i) => gallery.add(`person-${i}`, emb(v)));
  return { gallery, data };
}

void describe('face gallery', () => {
  void it('exact search returns the planted nearest neighbour first', () => {
    const { gallery, data } = filled(3000);
    const target = data[1234]!;
    const query = target.map((x, i) => x + (i % 2 ? 0.01 : -0.01));
    const hits = gallery.search(emb(query), 5);
    assert.equal(hits.length, 5);
    assert.equal(hits[0]!.id, 'person-1234');
    assert.ok(hits[0]!.score > 0.99);
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.score >= hits[i]!.score);
  });

  void it('approximate search finds the planted neighbour too', () => {
    const { gallery, data } = filled(3000, true);
    const hits = gallery.search(emb(data[42]!), 3, { approximate: true });
    assert.equal(hits[0]!.id, 'person-42');
  });

  void it('remove takes an entry out of both exact and approximate search', () => {
    const { gallery, data } = filled(500, true);
    assert.equal(gallery.remove('person-10'), true);
    assert.equal(gallery.remove('person-10'), false);
    assert.equal(gallery.size, 499);
    assert.notEqual(gallery.search(emb(data[10]!), 1)[0]!.id, 'person-10');
    assert.notEqual(gallery.search(emb(data[10]!), 1, { approximate: true })[0]!.id, 'person-10');
    // The row moved into the hole is still found under its own id.
    assert.equal(gallery.search(emb(data[499]!), 1)[0]!.id, 'person-499');
  });

  void it('serialises and deserialises to the same search results', () => {
    const { gallery, data } = filled(200);
    gallery.remove('person-3');
    const bytes = gallery.serialize();
    const copy = FaceGallery.deserialize(bytes);
    assert.equal(copy.modelId, MODEL);
    assert.equal(copy.size, 199);
    assert.deepEqual(copy.entryIds(), gallery.entryIds());
    for (const i of [0, 50, 199]) assert.deepEqual(copy.search(emb(data[i]!), 3), gallery.search(emb(data[i]!), 3));
    assert.deepEqual(copy.serialize(), bytes);
  });

  void it('rejects corrupt or truncated gallery bytes with a typed error', () => {
    const bytes = filled(10).gallery.serialize();
    assert.throws(() => FaceGallery.deserialize(bytes.subarray(0, bytes.length - 3)), FaceGalleryFormatError);
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0;
    assert.throws(() => FaceGallery.deserialize(wrongMagic), FaceGalleryFormatError);
    assert.throws(() => FaceGallery.deserialize(new Uint8Array(5)), FaceGalleryFormatError);
  });

  void it('refuses embeddings from another model and vectors of the wrong size', () => {
    const { gallery, data } = filled(10);
    assert.throws(() => gallery.add('x', emb(data[0]!, 'other@2')), FaceModelMismatchError);
    assert.throws(() => gallery.search(emb(data[0]!, 'other@2'), 1), FaceModelMismatchError);
    assert.throws(() => gallery.add('y', emb(new Float32Array(DIM + 1).fill(1))), /values/);
  });
});
