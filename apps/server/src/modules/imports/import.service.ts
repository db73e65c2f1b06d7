import { createHash, randomUUID } from 'node:crypto';
import type { ImportOptions, ImportPreview, PersonCreate, RosterField } from '@custodian/contracts';
import type { Ctx } from '../../platform/http/context';
import { appendAudit } from '../../platform/audit/audit-log';
import { AppError, notFound } from '../../platform/http/errors';
import { facilityPolicy } from '@custodian/contracts';
import { RecordDenied, type AccessDb, type AccessTx } from '../../platform/access/access-db';
import { existingIdentifiers, insertPersons } from '../persons/person.repo';
import { normaliseNumber } from '../persons/name-keys';
import { readRoster } from './roster-file';
import { guessMapping, rowToPerson, type RowError } from './roster-row';
import { queueScreeningRun, wakeScreeningWorkers } from '../screening/screening-run.repo';

const MAX_ERRORS_KEPT = 1000;

type ImportRow = Awaited<ReturnType<typeof loadImport>>;
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

// Everything but the file itself, which only commit reads.
async function loadImport(t: AccessTx, id: string) {
  return t.tx.selectFrom('roster_import').select(['id', 'operation_id', 'facility_id', 'source_list', 'file_name', 'file_sha256', 'mapping',
    'responsible_authority', 'status', 'rows_total', 'rows_valid', 'rows_duplicate', 'errors', 'headers', 'sample', 'persons_added',
    'created_by', 'created_at', 'completed_at']).where('id', '=', id).executeTakeFirst();
}

function toPreview(r: NonNullable<ImportRow>): ImportPreview {
  return {
    id: r.id, fileName: r.file_name, fileSha256: r.file_sha256, status: r.status as ImportPreview['status'], headers: json(r.headers),
    mapping: json(r.mapping), rowsTotal: r.rows_total, rowsValid: r.rows_valid, rowsDuplicate: r.rows_duplicate,
    errors: json(r.errors), sample: json(r.sample), personsAdded: r.persons_added,
  };
}

type Checked = { headers: string[]; rows: Record<string, string>[]; errors: RowError[]; valid: PersonCreate[]; keys: string[] };

// Parses and checks every row; the same function runs at preview and again at commit, on the
// stored file, so what is committed is exactly what was previewed.
async function checkRoster(bytes: Buffer, fileName: string, mapping: Record<string, RosterField>, opts: ImportOptions, importedAt: string): Promise<Checked> {
  const table = await readRoster(bytes, fileName);
  const unknown = Object.keys(mapping).filter((h) => !table.headers.includes(h));
  if (unknown.length) throw new AppError('validation_failed', 'the mapping names columns the file does not have', unknown.map((h) => ({ path: `mapping.${h}`, message: 'no such column' })));
  if (!Object.values(mapping).includes('rosterNumber')) {
    throw new AppError('validation_failed', 'no column is mapped to the roster number', [{ path: 'mapping', message: `columns: ${table.headers.join(', ')}` }]);
  }
  const rosterColumn = Object.keys(mapping).find((h) => mapping[h] === 'rosterNumber')!;
  const errors: RowError[] = [];
  const valid: PersonCreate[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const rowNumber = i + 2; // the header is row 1
    const r = rowToPerson(rowNumber, row, mapping, { ...opts, importedAt });
    if ('errors' in r) { errors.push(...r.errors); return; }
    const key = normaliseNumber(r.person.identifiers[0]!.value);
    const first = seen.get(key);
    if (first !== undefined) { errors.push({ row: rowNumber, column: rosterColumn, reason: `roster number repeats row ${first}` }); return; }
    seen.set(key, rowNumber);
    valid.push(r.person);
  });
  return { headers: table.headers, rows: table.rows, errors, valid, keys: [...seen.keys()] };
}

/**
 * Reads and checks a whole roster before anything is registered, and keeps the file with the
 * preview. The same file with the same options is recognised by its hash and never previewed twice.
 */
// Persons, facilities and imports are reached through the actor-bound handle (row-level security on a server).
export async function previewImport(access: AccessDb, ctx: Ctx, bytes: Buffer, fileName: string, opts: ImportOptions): Promise<ImportPreview> {
  const facility = await access.run((t) => t.facilities().select(['id', 'operation_id', 'classification', 'location_classification']).where('id', '=', opts.facilityId).executeTakeFirst());
  if (!facility) {
    throw new AppError('validation_failed', 'the facility does not exist', [{ path: 'query.facilityId', message: 'no such facility' }]);
  }
  if (access.scope !== 'system' && !facilityPolicy(access.actor, { id: facility.id, operationId: facility.operation_id, classification: facility.classification, locationClassification: facility.location_classification }).actions.includes('register-person')) {
    throw new RecordDenied('forbidden', 'you are not assigned to register persons at this facility', 'facility', facility.id, 'register-person not allowed by policy');
  }
  const headers = (await readRoster(bytes, fileName)).headers;
  const mapping: Record<string, RosterField> = opts.mapping ?? guessMapping(headers);
  const sha = createHash('sha256').update(bytes).update(JSON.stringify([opts.sourceList, opts.facilityId, mapping])).digest('hex');
  const existing = await access.run(async (t) => {
    const found = await t.tx.selectFrom('roster_import').select('id').where('file_sha256', '=', sha).orderBy('created_at', 'desc').executeTakeFirst();
    return found ? loadImport(t, found.id) : null;
  });
  if (existing) return toPreview(existing);

  const checked = await checkRoster(bytes, fileName, mapping, opts, new Date().toISOString());
  const already = await access.run((t) => existingIdentifiers(t.tx, `ROSTER:${opts.sourceList}`, checked.keys));
  const id = randomUUID();
  return access.run(async (t) => {
    const tx = t.tx;
    await tx.insertInto('roster_import').values({
      id, operation_id: facility.operation_id, facility_id: facility.id, source_list: opts.sourceList, file_name: fileName.slice(0, 300),
      file_sha256: sha, mapping: JSON.stringify(mapping), responsible_authority: opts.responsibleAuthority,
      status: checked.errors.length ? 'REJECTED' : 'PREVIEWED',
      rows_total: checked.rows.length, rows_valid: checked.valid.length, rows_duplicate: already.size,
      errors: JSON.stringify(checked.errors.slice(0, MAX_ERRORS_KEPT)), headers: JSON.stringify(checked.headers),
      sample: JSON.stringify(checked.rows.slice(0, 5).map((r) => Object.fromEntries(Object.entries(mapping).map(([h, f]) => [f, r[h] ?? ''])))),
      file_bytes: bytes, created_by: ctx.actor.id,
    }).execute();
    await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'import.preview', objectType: 'roster_import', objectId: id, outcome: checked.errors.length ? 'failed' : 'success', requestId: ctx.requestId, details: { fileName, rows: checked.rows.length, errors: checked.errors.length, sourceList: opts.sourceList } });
    return toPreview((await loadImport(t, id))!);
  });
}

// All or nothing: every person of the previewed file is registered in one transaction with one
// "import complete" audit event; a crash rolls it back and the commit can simply be sent again.
export async function commitImport(access: AccessDb, ctx: Ctx, id: string): Promise<ImportPreview> {
  const loaded = await access.run(async (t) => {
    const imp = await loadImport(t, id);
    const file = imp ? await t.tx.selectFrom('roster_import').select('file_bytes').where('id', '=', id).executeTakeFirstOrThrow() : null;
    return imp && file ? { imp, file } : null;
  });
  if (!loaded) throw notFound('the import');
  const { imp, file } = loaded;
  if (imp.status === 'COMPLETE') return toPreview(imp);
  if (imp.status === 'REJECTED') throw new AppError('validation_failed', `the roster has ${json<RowError[]>(imp.errors).length} bad rows; correct the file and upload it again`);
  const opts = { sourceList: imp.source_list, facilityId: imp.facility_id, responsibleAuthority: imp.responsible_authority };
  const checked = await checkRoster(Buffer.from(file.file_bytes), imp.file_name, json(imp.mapping), opts, new Date(imp.created_at).toISOString());
  await access.run(async (t) => {
    const tx = t.tx;
    const locked = await tx.selectFrom('roster_import').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status !== 'PREVIEWED') return;
    const already = await existingIdentifiers(tx, `ROSTER:${imp.source_list}`, checked.keys);
    const fresh = checked.valid.filter((p) => !already.has(normaliseNumber(p.identifiers[0]!.value)));
    try {
      await insertPersons(tx, fresh.map((p) => ({ ...p, operationId: imp.operation_id, importId: id, demo: false })));
    } catch (e) {
      // Under row-level security the duplicate check sees only the importer's records; a roster number
      // already held by a record hidden from them surfaces here, as a conflict rather than a 500.
      if ((e as { code?: string }).code === '23505') throw new AppError('conflict', 'some roster numbers are already registered to records you cannot see; ask a colleague cleared for them to import this roster');
      throw e;
    }
    await tx.updateTable('roster_import').set({ status: 'COMPLETE', persons_added: fresh.length, completed_at: new Date() }).where('id', '=', id).execute();
    // Everyone registered is screened against the watchlists; the run commits with the persons.
    const screeningRunId = fresh.length ? await queueScreeningRun(tx, ctx, { trigger: 'import', scope: 'import', importId: id }) : null;
    await appendAudit(tx, { actorId: ctx.actor.id, actor: ctx.actor.username, action: 'import.complete', objectType: 'roster_import', objectId: id, outcome: 'success', requestId: ctx.requestId, details: { personsAdded: fresh.length, sourceList: imp.source_list, screeningRunId } });
  });
  wakeScreeningWorkers();
  await access.afterBulkLoad();
  return toPreview((await access.run((t) => loadImport(t, id)))!);
}

export async function getImport(access: AccessDb, id: string): Promise<ImportPreview> {
  const imp = await access.run((t) => loadImport(t, id));
  if (!imp) throw notFound('the import');
  return toPreview(imp);
}
