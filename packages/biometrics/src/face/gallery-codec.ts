// Byte format of a serialised face gallery (all integers little-endian):
//   "CFGL" | u16 version=1 | u16 dimensions | u32 count | u16 modelId length | modelId UTF-8
//   | count × (u16 id length | id UTF-8) | count × dimensions × f32
import { FaceGalleryFormatError } from './errors';

const MAGIC = [0x43, 0x46, 0x47, 0x4c]; // "CFGL"
const VERSION = 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function encodeGallery(modelId: string, dimensions: number, ids: readonly string[], vectors: Float32Array): Uint8Array {
  const model = encoder.encode(modelId);
  const idBytes = ids.map((id) => encoder.encode(id));
  for (const b of [model, ...idBytes]) {
    if (b.length > 0xffff) throw new FaceGalleryFormatError(0, 'an id or model id is longer than 65535 bytes');
  }
  const headerLength = 4 + 2 + 2 + 4 + 2 + model.length + idBytes.reduce((s, b) => s + 2 + b.length, 0);
  const out = new Uint8Array(headerLength + vectors.length * 4);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint16(4, VERSION, true);
  view.setUint16(6, dimensions, true);
  view.setUint32(8, ids.length, true);
  view.setUint16(12, model.length, true);
  out.set(model, 14);
  let offset = 14 + model.length;
  for (const b of idBytes) {
    view.setUint16(offset, b.length, true);
    out.set(b, offset + 2);
    offset += 2 + b.length;
  }
  if (LITTLE_ENDIAN) out.set(new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.length * 4), offset);
  else for (let i = 0; i < vectors.length; i++, offset += 4) view.setFloat32(offset, vectors[i]!, true);
  return out;
}

export interface DecodedGallery {
  modelId: string;
  dimensions: number;
  ids: string[];
  vectors: Float32Array;
}

export function decodeGallery(bytes: Uint8Array): DecodedGallery {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (offset: number, length: number, what: string): void => {
    if (offset + length > bytes.length) throw new FaceGalleryFormatError(offset, `truncated while reading ${what}`);
  };
  need(0, 14, 'header');
  for (let i = 0; i < 4; i++) if (bytes[i] !== MAGIC[i]) throw new FaceGalleryFormatError(0, 'not a face gallery (bad magic)');
  const version = view.getUint16(4, true);
  if (version !== VERSION) throw new FaceGalleryFormatError(4, `unsupported version ${version}`);
  const dimensions = view.getUint16(6, true);
  if (dimensions === 0) throw new FaceGalleryFormatError(6, 'zero dimensions');
  const count = view.getUint32(8, true);
  const modelLength = view.getUint16(12, true);
  need(14, modelLength, 'model id');
  const modelId = readText(bytes, 14, modelLength, 'model id');
  let offset = 14 + modelLength;
  const ids: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    need(offset, 2, `id ${i} length`);
    const length = view.getUint16(offset, true);
    need(offset + 2, length, `id ${i}`);
    const id = readText(bytes, offset + 2, length, `id ${i}`);
    if (seen.has(id)) throw new FaceGalleryFormatError(offset, `duplicate id ${JSON.stringify(id)}`);
    seen.add(id);
    ids.push(id);
    offset += 2 + length;
  }
  const values = count * dimensions;
  need(offset, values * 4, 'vectors');
  if (offset + values * 4 !== bytes.length) {
    throw new FaceGalleryFormatError(offset + values * 4, `${bytes.length - offset - values * 4} trailing bytes`);
  }
  const vectors = LITTLE_ENDIAN
    ? new Float32Array(bytes.slice(offset, offset + values * 4).buffer)
    : Float32Array.from({ length: values }, (_, i) => view.getFloat32(offset + i * 4, true));
  for (let i = 0; i < values; i++) {
    if (!Number.isFinite(vectors[i]!)) throw new FaceGalleryFormatError(offset + i * 4, 'non-finite vector value');
  }
  return { modelId, dimensions, ids, vectors };
}

function readText(bytes: Uint8Array, offset: number, length: number, what: string): string {
  try {
    return decoder.decode(bytes.subarray(offset, offset + length));
  } catch {
    throw new FaceGalleryFormatError(offset, `${what} is not valid UTF-8`);
  }
}
