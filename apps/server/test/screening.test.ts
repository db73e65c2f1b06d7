import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { body, samplePerson, startHarness, type Harness } from './harness';
import { FULANI, LOCAL_CSV, MITHALI, OFAC_ALT, OFAC_SDN, QARAWI, TESTI, unXml } from './screening-fixtures';

let h: Harness;
let admin: { cookie: string };
let analyst: { cookie: string; username: string };
let officer: { cookie: string };
let facilityId: string;
before(async () => {
  h = await startHarness();
  admin = await h.user(['ADMINISTRATOR']);
  analyst = await h.user(['ANALYST']);
  officer = await h.user(['CUSTODY_OFFICER']);
  ({ facilityId } = await h.operation());
});
after(async () => { await h.close(); });

const uploadUn = (xml: string, cookie = admin.cookie, fileName = 'consolidated.xml') => h.app.inject({
  method: 'POST', url: `/api/watchlists/versions?source=un&fileName=${fileName}`, headers: { cookie, 'content-type': 'application/xml' }, payload: xml,
});

async function finished(runId: string): Promise<{ status: string; personsDone: number; personsTotal: number; hitsOpened: number; hitsReopened: number; hitsWithdrawn: number; resumedCount: number }> {
  for (let i = 0; i < 600; i++) {
    const r = body(await h.app.inject({ method: 'GET', url: `/api/screening/runs/${runId}`, headers: { cookie: admin.cookie } }));
    if (r.status === 'complete' || r.status === 'failed') return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`run ${runId} did not finish`);
}

async function createPerson(names: { kind: string; script: string; full: string }[], over: Record<string, unknown> = {}): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: '/api/persons', headers: { cookie: officer.cookie }, payload: samplePerson(facilityId, { names, ...over }) });
  assert.equal(res.statusCode, 201, res.body);
  return body(res).id;
}

const hitsOf = async (personId: string) => (await h.handle.db.selectFrom('screening_hit').selectAll().where('person_id', '=', personId).execute());
const hitFor = async (personId: string, entryId: string) => (await hitsOf(personId)).find((x) => x.entry_id === entryId);

let fulaniPerson: string;
let mithaliPerson: string;
let bystander: string;
let v1: string;

describe('watchlist versions and screening', () => {
  test('an administrator loads the UN list; everyone is screened and hits are stored with their explanation', async () => {
    fulaniPerson = await createPerson([
      { kind: 'PRIMARY', script: 'Latn', full: 'Abdul Rahman Yousef al-Fulani' }, { kind: 'SPELLING', script: 'Arab', full: 'عبد الرحمن يوسف الفلاني' },
    ], { dateOfBirth: { kind: 'YEAR', year: 1975 }, nationalities: [{ country: 'IRQ', status: 'CLAIMED' }] });
    mithaliPerson = await createPerson([{ kind: 'PRIMARY', script: 'Latn', full: 'Hamza Omar al-Mithali' }], { dateOfBirth: { kind: 'EXACT', date: '1985-06-01' } });
    bystander = await createPerson([{ kind: 'PRIMARY', script: 'Latn', full: 'Yusuf Khalid al-Hasan' }]);

    const res = await uploadUn(unXml('2025-06-01', [FULANI, TESTI, MITHALI]));
    assert.equal(res.statusCode, 201, res.body);
    const { version, screeningRunId } = body(res);
    v1 = version.id;
    assert.equal(version.source, 'un');
    assert.equal(version.publishedOn, '2025-06-01');
    assert.equal(version.entryCount, 4);
    assert.match(version.checksum, /^[0-9a-f]{64}$/);
    assert.deepEqual(version.diff, { added: 4, removed: 0, changed: 0, unchanged: 0 });
    assert.equal(version.current, true);
    const [load] = await h.auditRows('watchlist.load');
    assert.equal(load!.object_id, version.id);
    assert.equal((load!.details as { entries: number }).entries, 4);

    const run = await finished(screeningRunId);
    assert.equal(run.status, 'complete');
    assert.ok(run.personsDone >= 3 && run.personsDone === run.personsTotal);
    const hit = await hitFor(fulaniPerson, 'un:900001');
    assert.ok(hit, 'the listed man is found under another spelling');
    assert.equal(hit.status, 'open');
    assert.ok(hit.score >= 0.72);
    const features = (typeof hit.features === 'string' ? JSON.parse(hit.features) : hit.features) as { feature: string }[];
    assert.deepEqual(features.map((f) => f.feature).sort(), ['birthDate', 'name', 'nationality']);
    assert.ok(await hitFor(mithaliPerson, 'un:900003'));
    assert.equal((await hitsOf(bystander)).length, 0, 'no hit for someone who only shares a kunya (Abu Hamza) with a listed man');
    const opened = await h.auditRows('screening.hit.open');
    assert.ok(opened.some((r) => r.object_id === hit.id));
    assert.equal((await h.auditRows('screening.run.complete')).length, 1);
  });

  test('only administrators load lists; analysts read versions; others are denied, and denials are audited', async () => {
    const denied = await uploadUn(unXml('2025-07-01', [FULANI]), analyst.cookie);
    assert.equal(denied.statusCode, 403);
    const anon = await h.app.inject({ method: 'GET', url: '/api/watchlists/versions' });
    assert.equal(anon.statusCode, 401);
    const byOfficer = await h.app.inject({ method: 'GET', url: '/api/watchlists/versions', headers: { cookie: officer.cookie } });
    assert.equal(byOfficer.statusCode, 403);
    const rows = await h.auditRows('access.denied');
    assert.ok(rows.some((r) => r.object_id === 'POST /api/watchlists/versions' && (r.details as { reason: string }).reason === 'missing permission watchlists:write'));
    assert.ok(rows.some((r) => r.object_id === 'GET /api/watchlists/versions' && r.actor === 'anonymous'));
    const list = await h.app.inject({ method: 'GET', url: '/api/watchlists/versions', headers: { cookie: analyst.cookie } });
    assert.equal(list.statusCode, 200);
    assert.equal(body(list).length, 1);
  });

  test('a bad file names the entry and field and loads nothing; the same file twice and an older list are refused', async () => {
    const bad = unXml('2025-08-01', [FULANI, { ...TESTI, dob: '1981-13-45' }]);
    const res = await uploadUn(bad);
    assert.equal(res.statusCode, 422, res.body);
    const p = body(res);
    assert.match(p.detail, /entry un:900002/);
    assert.match(p.detail, /nothing was loaded/);
    assert.match(p.errors[0].path, /^entry un:900002, field datesOfBirth/);
    const garbage = await uploadUn('<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>');
    assert.equal(garbage.statusCode, 422);
    const nul = await uploadUn(`${unXml('2025-08-02', [FULANI])}\u0000`);
    assert.equal(nul.statusCode, 422);
    const csvForUn = await h.app.inject({ method: 'POST', url: '/api/watchlists/versions?source=un&fileName=x.csv', headers: { cookie: admin.cookie, 'content-type': 'text/csv' }, payload: 'a,b\n1,2\n' });
    assert.equal(csvForUn.statusCode, 422);
    const same = await uploadUn(unXml('2025-06-01', [FULANI, TESTI, MITHALI]));
    assert.equal(same.statusCode, 409);
    const older = await uploadUn(unXml('2024-01-01', [FULANI]));
    assert.equal(older.statusCode, 409);
    assert.match(body(older).detail, /before the current one/);
    const n = await h.handle.db.selectFrom('watchlist_version').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 1, 'no version was added');
    const entries = await h.handle.db.selectFrom('watchlist_entry').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(entries.n), 4, 'no entry was half-loaded');
  });
});

describe('hit review', () => {
  let hitId: string;
  test('analysts list open hits, filtered by status and score; the search is audited with the persons it listed', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/screening/hits?status=open&minScore=0.72', headers: { cookie: analyst.cookie } });
    assert.equal(res.statusCode, 200, res.body);
    const page = body(res);
    assert.ok(page.total >= 2);
    const item = page.items.find((i: { personId: string }) => i.personId === fulaniPerson);
    assert.equal(item.entryId, 'un:900001');
    assert.equal(item.personName, 'Abdul Rahman Yousef al-Fulani');
    assert.equal(item.listPublishedOn, '2025-06-01');
    hitId = item.id;
    const high = body(await h.app.inject({ method: 'GET', url: '/api/screening/hits?minScore=0.999999', headers: { cookie: analyst.cookie } }));
    assert.ok(high.items.every((i: { score: number }) => i.score >= 0.999999));
    const none = body(await h.app.inject({ method: 'GET', url: '/api/screening/hits?status=confirmed', headers: { cookie: analyst.cookie } }));
    assert.equal(none.total, 0);
    const [audit] = (await h.auditRows('screening.hit.search')).slice(0, 1);
    assert.ok((audit!.details as { persons: string[] }).persons.includes(fulaniPerson));
    const bad = await h.app.inject({ method: 'GET', url: '/api/screening/hits?minScore=2', headers: { cookie: analyst.cookie } });
    assert.equal(bad.statusCode, 422);
  });

  test('a hit shows detainee and entry side by side with the features that matched; the read is audited', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/api/screening/hits/${hitId}`, headers: { cookie: analyst.cookie } });
    assert.equal(res.statusCode, 200, res.body);
    const hit = body(res);
    assert.equal(res.headers.etag, '"1"');
    assert.deepEqual(hit.person.names, ['Abdul Rahman Yousef al-Fulani', 'عبد الرحمن يوسف الفلاني']);
    assert.deepEqual(hit.person.birthDate, ['1975']);
    assert.equal(hit.entry.name[0], 'ABD AL-RAHMAN YUSUF AL-FULANI');
    assert.deepEqual(hit.entry.referenceNumber, ['QDi.901']);
    const name = hit.features.find((f: { feature: string }) => f.feature === 'name');
    assert.ok(name.score > 0.9 && name.matched.length === 1 && name.query.length === 1);
    assert.ok(hit.person.names.includes(name.query[0]));
    const dob = hit.features.find((f: { feature: string }) => f.feature === 'birthDate');
    assert.ok(dob.score > 0);
    const read = (await h.auditRows('screening.hit.read')).find((r) => r.object_id === hitId);
    assert.equal((read!.details as { personId: string }).personId, fulaniPerson);
    assert.equal(read!.actor, analyst.username);

    const secretOnly = await h.user(['ANALYST'], 'UNCLASSIFIED');
    const hidden = await h.app.inject({ method: 'GET', url: `/api/screening/hits/${hitId}`, headers: { cookie: secretOnly.cookie } });
    assert.equal(hidden.statusCode, 404, 'a hit on a person above the reader\'s clearance does not exist for them');
    const list = body(await h.app.inject({ method: 'GET', url: '/api/screening/hits', headers: { cookie: secretOnly.cookie } }));
    assert.equal(list.total, 0);
    const denied = await h.app.inject({ method: 'GET', url: `/api/screening/hits/${hitId}`, headers: { cookie: officer.cookie } });
    assert.equal(denied.statusCode, 403);
    const deniedList = await h.app.inject({ method: 'GET', url: '/api/screening/hits', headers: { cookie: admin.cookie } });
    assert.equal(deniedList.statusCode, 403, 'administrators load lists but do not read hits');
  });

  test('dismissing needs a reason, If-Match and the review permission; it is audited', async () => {
    const url = `/api/screening/hits/${hitId}/decision`;
    const noReason = await h.app.inject({ method: 'POST', url, headers: { cookie: analyst.cookie, 'if-match': '"1"' }, payload: { decision: 'dismiss', reason: ' ' } });
    assert.equal(noReason.statusCode, 422);
    assert.equal(body(noReason).errors[0].path, 'body.reason');
    const noIfMatch = await h.app.inject({ method: 'POST', url, headers: { cookie: analyst.cookie }, payload: { decision: 'dismiss', reason: 'Different father\'s name on the roster card' } });
    assert.equal(noIfMatch.statusCode, 428);
    const stale = await h.app.inject({ method: 'POST', url, headers: { cookie: analyst.cookie, 'if-match': '"7"' }, payload: { decision: 'dismiss', reason: 'Different father\'s name on the roster card' } });
    assert.equal(stale.statusCode, 412);
    const byOfficer = await h.app.inject({ method: 'POST', url, headers: { cookie: officer.cookie, 'if-match': '"1"' }, payload: { decision: 'dismiss', reason: 'not mine to judge' } });
    assert.equal(byOfficer.statusCode, 403);
    const ok = await h.app.inject({ method: 'POST', url, headers: { cookie: analyst.cookie, 'if-match': '"1"' }, payload: { decision: 'dismiss', reason: 'Different father\'s name on the roster card' } });
    assert.equal(ok.statusCode, 200, ok.body);
    const hit = body(ok);
    assert.equal(hit.status, 'dismissed');
    assert.equal(hit.decision.reason, 'Different father\'s name on the roster card');
    assert.equal(hit.decision.by, analyst.username);
    assert.equal(ok.headers.etag, '"2"');
    const [a] = await h.auditRows('screening.hit.dismiss');
    assert.equal(a!.object_id, hitId);
    assert.equal((a!.details as { reason: string }).reason, 'Different father\'s name on the roster card');
  });

  test('a new list version: the diff names added, removed and changed entries; a dismissed pair stays quiet; a delisted hit is withdrawn', async () => {
    const res = await uploadUn(unXml('2025-09-01', [FULANI, { ...TESTI, alias: 'Abu Salim al-Testi' }, QARAWI]));
    assert.equal(res.statusCode, 201, res.body);
    const { version, screeningRunId } = body(res);
    assert.equal(version.previousVersionId, v1);
    assert.deepEqual(version.diff, { added: 1, removed: 1, changed: 1, unchanged: 2 });
    const diff = body(await h.app.inject({ method: 'GET', url: `/api/watchlists/versions/${version.id}/diff`, headers: { cookie: analyst.cookie } }));
    const items = diff.items.map((i: { change: string; entryId: string; changedFields: string[] }) => `${i.change} ${i.entryId} ${i.changedFields.join('+')}`).sort();
    assert.deepEqual(items, ['added un:900004 ', 'changed un:900002 names', 'removed un:900003 ']);
    const onlyRemoved = body(await h.app.inject({ method: 'GET', url: `/api/watchlists/versions/${version.id}/diff?change=removed`, headers: { cookie: analyst.cookie } }));
    assert.equal(onlyRemoved.total, 1);
    const old = body(await h.app.inject({ method: 'GET', url: `/api/watchlists/versions/${v1}`, headers: { cookie: analyst.cookie } }));
    assert.equal(old.current, false);
    const run = await finished(screeningRunId);
    assert.equal(run.status, 'complete');
    assert.equal((await hitFor(fulaniPerson, 'un:900001'))!.status, 'dismissed', 'nothing the analyst judged has changed');
    assert.equal((await hitFor(mithaliPerson, 'un:900003'))!.status, 'withdrawn', 'the entry left the list');
    assert.ok(run.hitsWithdrawn >= 1);
    assert.ok((await h.auditRows('screening.hit.withdraw')).length >= 1);
  });

  test('a dismissed pair opens again when the detainee record changes, and again when the list entry changes', async () => {
    const person = body(await h.app.inject({ method: 'GET', url: `/api/persons/${fulaniPerson}`, headers: { cookie: officer.cookie } }));
    const patch = await h.app.inject({ method: 'PATCH', url: `/api/persons/${fulaniPerson}`, headers: { cookie: officer.cookie, 'if-match': `"${person.version}"` }, payload: { placeOfBirth: 'Mosul' } });
    assert.equal(patch.statusCode, 200, patch.body);
    const local = await h.app.inject({ method: 'POST', url: '/api/watchlists/versions?source=local&fileName=local.csv&publishedOn=2025-09-10', headers: { cookie: admin.cookie, 'content-type': 'text/csv' }, payload: LOCAL_CSV });
    assert.equal(local.statusCode, 201, local.body);
    await finished(body(local).screeningRunId);
    let hit = (await hitFor(fulaniPerson, 'un:900001'))!;
    assert.equal(hit.status, 'open');
    assert.equal(hit.reopened_because, 'the detainee record changed');
    const reopen = (await h.auditRows('screening.hit.reopen')).find((r) => r.object_id === hit.id);
    assert.ok(reopen);

    const ok = await h.app.inject({ method: 'POST', url: `/api/screening/hits/${hit.id}/decision`, headers: { cookie: analyst.cookie, 'if-match': `"${hit.version}"` }, payload: { decision: 'dismiss', reason: 'Born in Mosul too, but the roster card gives another father' } });
    assert.equal(ok.statusCode, 200, ok.body);
    const v3 = await uploadUn(unXml('2025-10-01', [{ ...FULANI, remarks: 'Reportedly detained in 2019.' }, { ...TESTI, alias: 'Abu Salim al-Testi' }, QARAWI]));
    assert.equal(v3.statusCode, 201, v3.body);
    await finished(body(v3).screeningRunId);
    hit = (await hitFor(fulaniPerson, 'un:900001'))!;
    assert.equal(hit.status, 'open');
    assert.equal(hit.reopened_because, 'the list entry changed');
    const detail = body(await h.app.inject({ method: 'GET', url: `/api/screening/hits/${hit.id}`, headers: { cookie: analyst.cookie } }));
    assert.equal(detail.entry.remarks, 'Reportedly detained in 2019.');
    assert.equal(detail.reopenedBecause, 'the list entry changed');
  });

  test('confirming keeps the decision through re-screens; a withdrawn hit cannot be decided', async () => {
    const hit = (await hitFor(fulaniPerson, 'un:900001'))!;
    const ok = await h.app.inject({ method: 'POST', url: `/api/screening/hits/${hit.id}/decision`, headers: { cookie: analyst.cookie, 'if-match': `"${hit.version}"` }, payload: { decision: 'confirm', reason: 'Passport photo and date of birth agree' } });
    assert.equal(ok.statusCode, 200);
    assert.equal(body(ok).status, 'confirmed');
    assert.equal((await h.auditRows('screening.hit.confirm')).length, 1);
    const withdrawn = (await hitFor(mithaliPerson, 'un:900003'))!;
    const late = await h.app.inject({ method: 'POST', url: `/api/screening/hits/${withdrawn.id}/decision`, headers: { cookie: analyst.cookie, 'if-match': `"${withdrawn.version}"` }, payload: { decision: 'confirm', reason: 'should not be possible' } });
    assert.equal(late.statusCode, 409);
  });
});

describe('screening a record registered or corrected by hand', () => {
  const runsFor = async (personId: string) => (body(await h.app.inject({ method: 'GET', url: '/api/screening/runs', headers: { cookie: admin.cookie } })) as { id: string; scope: string; trigger: string; personId: string | null; createdAt: string }[])
    .filter((r) => r.scope === 'person' && r.personId === personId);

  test('a person registered by hand is screened at once, re-screened when a screened field is corrected, and not for other fields', async () => {
    const qarawi = await createPerson([{ kind: 'PRIMARY', script: 'Latn', full: 'Bilal Najib al-Qarawi' }],
      { dateOfBirth: { kind: 'EXACT', date: '1990-01-15' }, nationalities: [{ country: 'TUN', status: 'CLAIMED' }] });
    const [first] = await runsFor(qarawi);
    assert.ok(first, 'registering the person queued a run for that person alone');
    assert.equal(first.trigger, 'record');
    const run = await finished(first.id);
    assert.equal(run.status, 'complete');
    assert.equal(run.personsTotal, 1);
    const hit = (await hitFor(qarawi, 'un:900004'))!;
    assert.ok(hit, 'the listed man is found without waiting for the next list load');
    assert.equal(hit.status, 'open');

    let person = body(await h.app.inject({ method: 'GET', url: `/api/persons/${qarawi}`, headers: { cookie: officer.cookie } }));
    const risk = await h.app.inject({ method: 'PATCH', url: `/api/persons/${qarawi}`, headers: { cookie: officer.cookie, 'if-match': `"${person.version}"` }, payload: { riskClass: 'HIGH' } });
    assert.equal(risk.statusCode, 200, risk.body);
    assert.equal((await runsFor(qarawi)).length, 1, 'a change to a field screening does not compare queues nothing');

    person = body(risk);
    const names = await h.app.inject({ method: 'PATCH', url: `/api/persons/${qarawi}`, headers: { cookie: officer.cookie, 'if-match': `"${person.version}"` },
      payload: { names: [{ kind: 'PRIMARY', script: 'Latn', full: 'Karim Sami al-Hadid' }] } });
    assert.equal(names.statusCode, 200, names.body);
    const runs = await runsFor(qarawi);
    assert.equal(runs.length, 2, 'correcting the name queued a second run');
    const second = runs.find((r) => r.id !== first.id)!;
    assert.equal((await finished(second.id)).status, 'complete');
    assert.equal((await hitFor(qarawi, 'un:900004'))!.status, 'withdrawn', 'the corrected record no longer scores against the entry');
    const start = (await h.auditRows('screening.run.start')).find((r) => r.object_id === second.id);
    assert.equal((start!.details as { personId: string }).personId, qarawi);
  });
});

describe('screening on import and the OFAC set', () => {
  test('the OFAC CSV set loads as JSON; committing a roster screens the persons it registered', async () => {
    const ofac = await h.app.inject({
      method: 'POST', url: '/api/watchlists/versions?source=ofac&fileName=sdn-set&publishedOn=2025-10-02', headers: { cookie: admin.cookie },
      payload: { sdn: OFAC_SDN, alt: OFAC_ALT },
    });
    assert.equal(ofac.statusCode, 201, ofac.body);
    assert.equal(body(ofac).version.entryCount, 2);
    await finished(body(ofac).screeningRunId);
    const noDate = await h.app.inject({ method: 'POST', url: '/api/watchlists/versions?source=ofac&fileName=sdn-set', headers: { cookie: admin.cookie }, payload: { sdn: OFAC_SDN } });
    assert.equal(noDate.statusCode, 422);
    assert.equal(body(noDate).errors[0].path, 'query.publishedOn');
    const badSet = await h.app.inject({ method: 'POST', url: '/api/watchlists/versions?source=ofac&fileName=x&publishedOn=2025-10-03', headers: { cookie: admin.cookie }, payload: { sdn: 1 } });
    assert.equal(badSet.statusCode, 422);

    const head = 'roster_number,name,sex,date_of_birth,nationality,risk_class,arrest_date,arrest_place,ordering_authority,grounds';
    const csv = `${head}\nS-1,Tareq Fawaz al-Zubairi,M,1979,SYR,HIGH,2019-03-01,Hajin,Test authority,Suspected membership\nS-2,Kamal Idris Haddad,M,1990,Iraq,LOW,2019-03-01,Hajin,Test authority,Suspected membership\n`;
    const pre = await h.app.inject({
      method: 'POST', url: `/api/imports?fileName=r.csv&sourceList=SCREENTEST&facilityId=${facilityId}&responsibleAuthority=Test%20authority`,
      headers: { cookie: officer.cookie, 'content-type': 'text/csv' }, payload: csv,
    });
    assert.equal(body(pre).status, 'PREVIEWED', pre.body);
    const commit = await h.app.inject({ method: 'POST', url: `/api/imports/${body(pre).id}/commit`, headers: { cookie: officer.cookie } });
    assert.equal(body(commit).personsAdded, 2);
    const [done] = (await h.auditRows('import.complete')).filter((r) => r.object_id === body(pre).id);
    const runId = (done!.details as { screeningRunId: string }).screeningRunId;
    const run = await finished(runId);
    assert.equal(run.personsTotal, 2, 'an import run screens the persons it registered');
    const zubairi = await h.handle.db.selectFrom('person').select('id').where('primary_name', '=', 'Tareq Fawaz al-Zubairi').executeTakeFirstOrThrow();
    const hit = await hitFor(zubairi.id, 'ofac:7001');
    assert.ok(hit, 'the imported man listed by OFAC is hit');
    assert.equal(hit.status, 'open');
  });
});

describe('POST /api/screening/match (yente-compatible)', () => {
  test('answers yente /match queries with scores and features; audited; denied without the permission', async () => {
    const payload = { queries: {
      q1: { schema: 'Person', properties: { name: ['Abdulrahman Yusef Fulani'], birthDate: ['1975'], nationality: ['iq'] } },
      q2: { schema: 'Person', properties: { name: ['Nobody Atall Unlisted'] } },
    } };
    const res = await h.app.inject({ method: 'POST', url: '/api/screening/match?limit=3', headers: { cookie: analyst.cookie }, payload });
    assert.equal(res.statusCode, 200, res.body);
    const b = body(res);
    const r1 = b.responses.q1;
    assert.equal(r1.status, 200);
    assert.equal(r1.query.properties.name[0], 'Abdulrahman Yusef Fulani');
    assert.equal(r1.results[0].id, 'un:900001');
    assert.equal(r1.results[0].schema, 'Person');
    assert.equal(r1.results[0].match, true);
    assert.ok(r1.results[0].features.name > 0.8);
    assert.ok(r1.results[0].features.birthDate > 0);
    assert.deepEqual(r1.results[0].datasets, ['un_sc_sanctions']);
    assert.equal(r1.total.value, r1.results.length);
    assert.ok(r1.results.length <= 3);
    assert.equal(b.responses.q2.results.filter((x: { match: boolean }) => x.match).length, 0);
    const [a] = await h.auditRows('screening.match');
    assert.deepEqual((a!.details as { matches: Record<string, string[]> }).matches.q1, ['un:900001']);

    const bad = await h.app.inject({ method: 'POST', url: '/api/screening/match', headers: { cookie: analyst.cookie }, payload: { queries: { q: { schema: 'Person', properties: { birthDate: ['1975'] } } } } });
    assert.equal(bad.statusCode, 422);
    const denied = await h.app.inject({ method: 'POST', url: '/api/screening/match', headers: { cookie: officer.cookie }, payload });
    assert.equal(denied.statusCode, 403);
    const anon = await h.app.inject({ method: 'POST', url: '/api/screening/match', payload });
    assert.equal(anon.statusCode, 401);
  });
});

describe('restartable runs', () => {
  test('a run interrupted mid-way is taken over and resumes after its last committed batch', async () => {
    // A run a stopped process left behind: claimed, cursor past the first persons, heartbeat stale.
    const persons = await h.handle.db.selectFrom('person').select('id').orderBy('id').execute();
    const cursor = persons[0]!.id;
    const { randomUUID } = await import('node:crypto');
    const id = randomUUID();
    await h.handle.db.insertInto('screening_run').values({
      id, trigger: 'manual', scope: 'all', status: 'running', cursor_person_id: cursor, persons_total: persons.length, persons_done: 1,
      claimed_by: 'worker-gone', heartbeat_at: new Date(Date.now() - 10 * 60_000), created_by: '00000000-0000-0000-0000-000000000000',
    }).execute();
    const { wakeScreeningWorkers } = await import('../src/modules/screening/screening-run.repo');
    wakeScreeningWorkers();
    const run = await finished(id);
    assert.equal(run.status, 'complete');
    assert.equal(run.resumedCount, 1);
    assert.equal(run.personsDone, persons.length, 'the persons before the cursor were not screened twice');
    const complete = (await h.auditRows('screening.run.complete')).find((r) => r.object_id === id);
    assert.equal((complete!.details as { resumed: number }).resumed, 1);
  });
});
