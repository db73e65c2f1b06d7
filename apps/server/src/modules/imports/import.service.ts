import { createHash, randomUUID } from 'node:crypto';
import type { ImportOptions, ImportPreview, PersonCreate, RosterField } from '@custodian/contracts';
import type { Db } from '../../platform/db/connect';
import type { Ctx } from '../../platform/http/context';
import { appendAudit } from '../../platform/audit/audit-log';
import { AppError, notFound } from '../../platform/http/errors';
import { canSee } from '../../platform/access/visibility';
import { existingIdentifiers, insertPersons } from '../persons/person.repo';
import { normaliseNumber } from '../persons/name-keys';
import { readRoster } from './roster-file';
import { guessMapping, rowToPerson, type RowError } from './roster-row';

const STAGE_CHUNK = 2000;
const MAX_ERRORS_KEPT = 1000;

type ImportRow = Awaited<ReturnType<typeof loadImport>>;
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

async function loadImport(db: Db, id: string) {
  return db.selectFrom('roster_import').selectAll().where('id', '=', id).executeTakeFirst();
}

function toPreview(r: NonNullable<ImportRow>): ImportPreview {
  return {
    id: r.id, fileName: r.file_name, fileSha256: r.file_sha256, status: r.status as ImportPreview['status'], headers: json(r.headers),
    mapping: json(r.mapping), rowsTotal: r.rows_total, rowsValid: r.rows_valid, rowsDuplicate: r.rows_duplicate,
    errors: json(r.errors), sample: json(r.sample), personsAdded: r.persons_added,
  };
}

/**
 * Reads and checks a whole roster before anything is registered. Valid rows are staged in chunks,
 * each in its own transaction, so a crash mid-way resumes where it stopped when the same file is
 * sent again; the same file with the same options is recognised by its hash and never staged twice.
 */
export async function previewImport(db: Db, ctx: Ctx, bytes: Buffer, fileName: string, opts: ImportOptions): Promise<ImportPreview> {
  const facility = await db.selectFrom('facility').select(['id', 'operation_id', 'classification']).where('id', '=', opts.facilityId).executeTakeFirst();
  if (!facility || !canSee(ctx.actor.clearance, facility.classification)) {
    throw new AppError('validation_failed', 'the facility does not exist', [{ path: 'query.facilityId', message: 'no such facility' }]);
  }
  const table = await readRoster(bytes, fileName);
  const mapping: Record<string, RosterField> = opts.mapping ?? guessMapping(table.headers);
  const unknown = Object.keys(mapping).filter((h) => !table.headers.includes(h));
  if (unknown.length) throw new AppError('validation_failed', 'the mapping names columns the file does not have', unknown.map((h) => ({ path: `mapping.${h}`, message: 'no such column' })));
  if (!Object.values(mapping).includes('rosterNumber')) {
    throw new AppError('validation_failed', 'no column is mapped to the roster number', [{ path: 'mapping', message: `columns: ${table.headers.join(', ')}` }]);
  }
  const sha = createHash('sha256').update(bytes).update(JSON.stringify([opts.sourceList, opts.facilityId, mapping])).digest('hex');
  const existing = await db.selectFrom('roster_import').selectAll().where('file_sha256', '=', sha).orderBy('created_at', 'desc').executeTakeFirst();
  if (existing && existing.status !== 'STAGING') return toPreview(existing);

  const importedAt = new Date().toISOString();
  const errors: RowError[] = [];
  const valid: { rowNumber: number; person: PersonCreate }[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const rowNumber = i + 2; // the header is row 1
    const r = rowToPerson(rowNumber, row, mapping, { ...opts, importedAt });
    if ('errors' in r) { errors.push(...r.errors); return; }
    const key = normaliseNumber(r.person.identifiers[0]!.value);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row: rowNumber, column: Object.keys(mapping).find((h) => mapping[h] === 'rosterNumber')!, reason: `roster number repeats row ${first}` });
      return;
    }
    seen.set(key, rowNumber);
    valid.push({ rowNumber, person: r.person });
  });
  const already = await existingIdentifiers(db, `ROSTER:${opts.sourceList}`, [...seen.keys()]);
  const id = existing?.id ?? randomUUID();
  const status = errors.length ? 'REJECTED' : 'STAGING';
  if (!existing) {
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('roster_import').values({
        id, operation_id: facility.operation_id, facility_id: facility.id, source_list: opts.sourceList, file_name: fileName.slice(0, 300),
        file_sha256: sha, mapping: JSON.stringify(mapping), responsible_authority: opts.responsibleAuthority, status,
        rows_total: table.rows.length, rows_valid: valid.length, rows_duplicate: already.size,
        errors: JSON.stringify(errors.slice(0, MAX_ERRORS_KEPT)), headers: JSON.stringify(table.headers),
        sample: JSON.stringify(table.rows.slice(0, 5).map((r) => Object.fromEntries(Object.entries(mapping).map(([h, f]) => [f, r[h] ?? ''])))),
        created_by: ctx.actor.id,
      }).execute();
      await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'import.preview', objectType: 'roster_import', objectId: id, outcome: errors.length ? 'failed' : 'success', requestId: ctx.requestId, details: { fileName, rows: table.rows.length, errors: errors.length, sourceList: opts.sourceList } });
    });
  }
  if (status === 'STAGING') {
    const staged = await db.selectFrom('roster_import_row').select((eb) => eb.fn.max('row_number').as('last')).where('import_id', '=', id).executeTakeFirst();
    const from = Number(staged?.last ?? 0);
    const todo = valid.filter((v) => v.rowNumber > from);
    for (let i = 0; i < todo.length; i += STAGE_CHUNK) {
      const chunk = todo.slice(i, i + STAGE_CHUNK);
      await db.insertInto('roster_import_row').values(chunk.map((v) => ({ import_id: id, row_number: v.rowNumber, payload: JSON.stringify(v.person) }))).execute();
    }
    await db.updateTable('roster_import').set({ status: 'PREVIEWED' }).where('id', '=', id).execute();
  }
  return toPreview((await loadImport(db, id))!);
}

// All or nothing: every staged person is registered in one transaction with one "import complete"
// audit event; a crash rolls it back and the commit can simply be sent again.
export async function commitImport(db: Db, ctx: Ctx, id: string): Promise<ImportPreview> {
  const imp = await loadImport(db, id);
  if (!imp) throw notFound('the import');
  if (imp.status === 'COMPLETE') return toPreview(imp);
  if (imp.status === 'REJECTED') throw new AppError('validation_failed', `the roster has ${json<RowError[]>(imp.errors).length} bad rows; correct the file and upload it again`);
  if (imp.status !== 'PREVIEWED') throw new AppError('conflict', 'the roster is still being staged; upload the same file again to resume');
  await db.transaction().execute(async (tx) => {
    const locked = await tx.selectFrom('roster_import').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status !== 'PREVIEWED') return;
    const scheme = `ROSTER:${imp.source_list}`;
    let added = 0;
    for (let after = 0; ; ) {
      const rows = await tx.selectFrom('roster_import_row').select(['row_number', 'payload']).where('import_id', '=', id).where('row_number', '>', after).orderBy('row_number').limit(5000).execute();
      if (!rows.length) break;
      after = rows[rows.length - 1]!.row_number;
      const persons = rows.map((r) => json<PersonCreate>(r.payload));
      const already = await existingIdentifiers(tx, scheme, persons.map((p) => normaliseNumber(p.identifiers[0]!.value)));
      const fresh = persons.filter((p) => !already.has(normaliseNumber(p.identifiers[0]!.value)));
      await insertPersons(tx, fresh.map((p) => ({ ...p, operationId: imp.operation_id, importId: id, demo: false })));
      added += fresh.length;
    }
    await tx.updateTable('roster_import').set({ status: 'COMPLETE', persons_added: added, completed_at: new Date() }).where('id', '=', id).execute();
    await tx.deleteFrom('roster_import_row').where('import_id', '=', id).execute();
    await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'import.complete', objectType: 'roster_import', objectId: id, outcome: 'success', requestId: ctx.requestId, details: { personsAdded: added, sourceList: imp.source_list } });
  });
  return toPreview((await loadImport(db, id))!);
}

export async function getImport(db: Db, id: string): Promise<ImportPreview> {
  const imp = await loadImport(db, id);
  if (!imp) throw notFound('the import');
  return toPreview(imp);
}
