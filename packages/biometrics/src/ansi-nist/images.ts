// Image extraction for the server: fingerprint images (Type-4 and Type-14, WSQ decoded via our
// codec, uncompressed 8-bit passed through) and face images (Type-10, returned as stored bytes).
import { decodeWsq } from '../wsq/index';
import { fieldValue, idcOf, type AnRecord, type Transaction } from './model';

/** Type-4 (and Types 3/5/6) one-byte compression codes. */
const BINARY_COMPRESSION: Record<number, string> = { 0: 'NONE', 1: 'WSQ20', 2: 'JPEGB', 3: 'JPEGL', 4: 'JP2', 5: 'JP2L', 6: 'PNG' };

export interface FingerprintImage {
  /** Index of the record in the transaction. */
  record: number;
  recordType: 4 | 14;
  idc: string;
  /** Friction-ridge positions (1 = right thumb ... 10 = left little, 0 = unknown, 13-15 plain/slap ...). */
  fingerPositions: number[];
  impression: number;
  /** "NONE", "WSQ20", "JPEGB", "JP2", ... (Type-4 codes mapped to these names). */
  compression: string;
  /** Dimensions from the record header. */
  width: number;
  height: number;
  /** Scanning resolution in pixels per inch, when the record says. */
  ppi?: number;
  /** Image bytes exactly as stored. */
  data: Uint8Array;
  /** 8-bit grey pixels (row-major), when the image is WSQ or uncompressed 8-bit. */
  pixels?: Uint8Array;
  /** Why there are no pixels, or a disagreement between header and image (never thrown). */
  problems: string[];
}

export interface FaceImage {
  record: number;
  idc: string;
  /** 10.003 IMT, e.g. "FACE". */
  imageType: string;
  /** 10.011 CGA, e.g. "JPEGB", "JP2". */
  compression: string;
  width: number;
  height: number;
  /** 10.020 POS subject pose, when present. */
  pose?: string;
  data: Uint8Array;
}

function ppiFromScale(slc: string | undefined, thps: string | undefined): number | undefined {
  const v = Number(thps);
  if (!Number.isFinite(v) || v <= 0) return undefined;
  if (slc === '1') return v;
  if (slc === '2') return Math.round(v * 2.54);
  return undefined;
}

function decodePixels(img: FingerprintImage): void {
  const c = img.compression.toUpperCase();
  if (c === 'WSQ20' || c === 'WSQ') {
    try {
      const d = decodeWsq(img.data);
      if (d.width !== img.width || d.height !== img.height) {
        img.problems.push(`WSQ frame is ${d.width}x${d.height} but the record header says ${img.width}x${img.height}`);
      }
      img.width = d.width;
      img.height = d.height;
      img.pixels = d.pixels;
    } catch (e) {
      img.problems.push(`WSQ data could not be decoded: ${(e as Error).message}`);
    }
  } else if (c === 'NONE') {
    if (img.data.length === img.width * img.height) img.pixels = img.data;
    else img.problems.push(`uncompressed image has ${img.data.length} bytes, expected ${img.width * img.height} (8-bit grey)`);
  } else {
    img.problems.push(`compression ${img.compression} is not decoded here`);
  }
}

function fromRecord(r: AnRecord, index: number, t1: AnRecord): FingerprintImage | undefined {
  if (r.kind === 'binary' && r.type === 4) {
    const h = r.header;
    const nsr = fieldValue(t1, h.isr === 1 ? 12 : 11);
    const ppmm = Number(nsr);
    return {
      record: index, recordType: 4, idc: idcOf(r),
      fingerPositions: (h.fgp ?? []).filter((p) => p !== 255),
      impression: h.imp ?? 0,
      compression: BINARY_COMPRESSION[h.gca ?? -1] ?? `code ${h.gca}`,
      width: h.hll ?? 0, height: h.vll ?? 0,
      ppi: ppmm > 0 ? Math.round(ppmm * 25.4) : undefined,
      data: r.data, problems: [],
    };
  }
  if (r.kind === 'tagged' && r.type === 14) {
    const data = r.fields.findLast((f) => f.number === 999 && f.data)?.data ?? new Uint8Array(0);
    const fgp = r.fields.find((f) => f.number === 13)?.subfields ?? [];
    return {
      record: index, recordType: 14, idc: idcOf(r),
      fingerPositions: fgp.map((sf) => Number(sf[0])).filter((n) => Number.isInteger(n)),
      impression: Number(fieldValue(r, 3) ?? 0),
      compression: fieldValue(r, 11) ?? 'NONE',
      width: Number(fieldValue(r, 6) ?? 0), height: Number(fieldValue(r, 7) ?? 0),
      ppi: ppiFromScale(fieldValue(r, 8), fieldValue(r, 9)),
      data, problems: [],
    };
  }
  return undefined;
}

/** Every Type-4 and Type-14 image, decoded to grey pixels where possible; problems are reported, not thrown. */
export function fingerprintImagesFromTransaction(t: Transaction): FingerprintImage[] {
  const out: FingerprintImage[] = [];
  t.records.forEach((r, i) => {
    const img = fromRecord(r, i, t.records[0]);
    if (img) {
      decodePixels(img);
      out.push(img);
    }
  });
  return out;
}

/** Type-10 records whose image type is FACE, with the image bytes as stored (usually JPEG/JPEG 2000). */
export function faceImagesFromTransaction(t: Transaction): FaceImage[] {
  const out: FaceImage[] = [];
  t.records.forEach((r, i) => {
    if (r.kind !== 'tagged' || r.type !== 10) return;
    const imageType = fieldValue(r, 3) ?? '';
    if (imageType.toUpperCase() !== 'FACE') return;
    out.push({
      record: i, idc: idcOf(r), imageType,
      compression: fieldValue(r, 11) ?? '',
      width: Number(fieldValue(r, 6) ?? 0), height: Number(fieldValue(r, 7) ?? 0),
      pose: fieldValue(r, 20),
      data: r.fields.findLast((f) => f.number === 999 && f.data)?.data ?? new Uint8Array(0),
    });
  });
  return out;
}
