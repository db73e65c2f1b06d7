import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/http/errors';

export type RosterTable = { headers: string[]; rows: Record<string, string>[] };

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // XLSX is a ZIP container

export function isXlsx(bytes: Buffer): boolean {
  return XLSX_MAGIC.every((b, i) => bytes[i] === b);
}

function checkHeaders(headers: string[]): string[] {
  const clean = headers.map((h) => h.replace(/^\uFEFF/, '').trim());
  if (clean.length === 0 || clean.every((h) => !h)) throw new AppError('validation_failed', 'the file has no header row', [{ path: 'row 1', message: 'expected column names in the first row' }]);
  const seen = new Set<string>();
  clean.forEach((h, i) => {
    if (!h) throw new AppError('validation_failed', `column ${i + 1} has no name`, [{ path: `row 1, column ${i + 1}`, message: 'empty header' }]);
    if (seen.has(h)) throw new AppError('validation_failed', `column "${h}" appears twice`, [{ path: `row 1, column ${i + 1}`, message: 'duplicate header' }]);
    seen.add(h);
  });
  return clean;
}

export async function readRoster(bytes: Buffer, fileName: string): Promise<RosterTable> {
  if (bytes.length === 0) throw new AppError('validation_failed', `${fileName} is empty`);
  return isXlsx(bytes) ? readXlsx(bytes, fileName) : readCsv(bytes, fileName);
}

function readCsv(bytes: Buffer, fileName: string): RosterTable {
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) throw new AppError('validation_failed', `${fileName} is not UTF-8 text; save the roster as CSV UTF-8 or XLSX`);
  const delimiter = [',', ';', '\t'].map((d) => [d, (text.split('\n')[0] ?? '').split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new AppError('validation_failed', `${fileName} is not valid CSV`, [{ path: `line ${err.lines ?? '?'}`, message: err.message }]);
  }
  const [head, ...body] = records;
  const headers = checkHeaders(head ?? []);
  return { headers, rows: body.map((r) => Object.fromEntries(headers.map((h, i) => [h, (r[i] ?? '').trim()]))) };
}

async function readXlsx(bytes: Buffer, fileName: string): Promise<RosterTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('validation_failed', `${fileName} is not a readable XLSX workbook`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('validation_failed', `${fileName} has no worksheet`);
  const cell = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if (typeof v === 'object' && 'text' in v) return String(v.text);
    if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
    if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
    return String(v);
  };
  const all: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) values.push(cell(row.getCell(c).value).trim());
    all.push(values);
  });
  const [head, ...body] = all;
  const headers = checkHeaders(head ?? []);
  return { headers, rows: body.filter((r) => r.some(Boolean)).map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? '']))) };
}
