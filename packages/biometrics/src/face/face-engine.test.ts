// Engine tests on a few of the shared deepface photos (CI has ../shared beside the repo).
// The model is loaded once for the whole file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { compareFaceEmbeddings, createFaceEngine, FaceImageError, FaceModelMismatchError, type FaceEmbeddingResult, type FaceEngine } from '../index';

const dataDir = new URL('../../../../../shared/data/faces/deepface/', import.meta.url);
const photo = (name: string) => new Uint8Array(readFileSync(new URL(name, dataDir)));

void describe('face engine', () => {
  let engine: FaceEngine;
  let portrait: FaceEmbeddingResult;
  before(async () => {
    engine = await createFaceEngine();
    portrait = await engine.embed(photo('img1.jpg'));
  });

  void it('finds one face in a portrait and two in a couple photo', async () => {
    const single = portrait;
    assert.equal(single.faces.length, 1);
    const face = single.faces[0]!;
    assert.equal(face.landmarks.length, 68);
    assert.ok(face.box.width > 100 && face.box.x >= 0 && face.box.x + face.box.width <= single.width + 1);
    assert.ok(face.quality.interEyePixels > 30);
    assert.ok(!face.quality.issues.includes('multiple-faces'));
    const couple = await engine.detect(photo('couple.jpg'));
    assert.equal(couple.faces.length, 2);
    assert.ok(couple.faces.every((f) => f.quality.issues.includes('multiple-faces')));
  });

  void it('flags a blurred and a darkened copy of a good portrait', async () => {
    const original = photo('img1.jpg');
    const good = portrait;
    assert.deepEqual(good.faces[0]!.quality.issues, []);
    const blurred = await sharp(original).blur(good.faces[0]!.quality.interEyePixels * 0.035).jpeg().toBuffer();
    const blurredFace = (await engine.detect(new Uint8Array(blurred))).faces[0]!;
    assert.ok(blurredFace.quality.issues.includes('blurry'), JSON.stringify(blurredFace.quality));
    const dark = await sharp(original).linear(0.3, 0).jpeg().toBuffer();
    const darkFace = (await engine.detect(new Uint8Array(dark))).faces[0]!;
    assert.ok(darkFace.quality.issues.includes('underexposed'), JSON.stringify(darkFace.quality));
  });

  void it('embeds deterministically, with the model id recorded', async () => {
    const b = await engine.embed(photo('img1.jpg'));
    const va = portrait.faces[0]!.embedding;
    const vb = b.faces[0]!.embedding;
    assert.equal(va.modelId, engine.modelId);
    assert.match(engine.modelId, /^faceapi-resnet128@\d/);
    assert.equal(va.vector.length, engine.dimensions);
    assert.deepEqual([...va.vector], [...vb.vector]);
  });

  void it('scores the same person above a different person', async () => {
    const [p1again, other] = await Promise.all(['img2.jpg', 'img20.jpg'].map((f) => engine.embed(photo(f))));
    const p1 = portrait;
    const same = compareFaceEmbeddings(p1.faces[0]!.embedding, p1again.faces[0]!.embedding);
    const different = compareFaceEmbeddings(p1.faces[0]!.embedding, other.faces[0]!.embedding);
    assert.ok(same > different, `same ${same} should exceed different ${different}`);
  });

  void it('refuses to compare embeddings from different models', () => {
    const mine = portrait.faces[0]!.embedding;
    const foreign = { modelId: 'other-model@1', vector: mine.vector };
    assert.throws(() => compareFaceEmbeddings(mine, foreign), FaceModelMismatchError);
  });

  void it('rejects bytes that are not an image with a typed error', async () => {
    await assert.rejects(engine.embed(new TextEncoder().encode('not a jpeg at all')), (error: unknown) => {
      assert.ok(error instanceof FaceImageError);
      assert.equal(error.reason, 'undecodable');
      return true;
    });
    await assert.rejects(engine.detect(new Uint8Array(0)), FaceImageError);
    // A JPEG cut short after its header.
    await assert.rejects(engine.detect(photo('img1.jpg').subarray(0, 600)), FaceImageError);
  });
});
