import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { body, startHarness, type Harness } from './harness';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h.close(); });

const HEAD = 'roster_number,name,name_arabic,aliases,sex,date_of_birth,nationality,risk_class,arrest_date,arrest_place,ordering_authority,grounds';
const row = (n: number, over: Partial<Record<string, string>> = {}) => {
  const r = { roster_number: `R-${n}`, name: `Omar Salih al-Ani ${n}`, name_arabic: 'عمر صالح العاني', aliases: 'Abu Bakr', sex: 'M', date_of_birth: '1990', nationality: 'Iraq', risk_class: 'MEDIUM', arrest_date: '2019-03-01', arrest_place: 'Hajin', ordering_authority: 'Test authority', grounds: 'Suspected membership', ...over };
  return Object.values(r).map((v) => (v.includes(',') ? `"${v}"` : v)).join(',');
};

const upload = (cookie: string, facilityId: string, file: Buffer | string, name = 'roster.csv', type = 'text/csv', sourceList = 'TESTROSTER') =>
  h.app.inject({
    method: 'POST', url: `/api/imports?fileName=${name}&sourceList=${sourceList}&facilityId=${facilityId}&responsibleAuthority=Test%20authority`,
    headers: { cookie, 'content-type': type }, payload: file,
  });
const count = async (facilityId: string) => Number((await h.handle.db.selectFrom('person').select((eb) => eb.fn.countAll<string>().as('n')).where('facility_id', '=', facilityId).executeTakeFirstOrThrow()).n);

describe('roster import', () => {
  test('a roster with bad rows lists each (row, column, reason) and registers nothing', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER']);
    const csv = [HEAD, row(1), row(2, { date_of_birth: '31/02/1990' }), row(3, { arrest_date: '' }), row(4, { nationality: 'Atlantis' }), row(5, { roster_number: 'R-1' })].join('\n');
    const res = await upload(officer.cookie, facilityId, csv);
    assert.equal(res.statusCode, 200, res.body);
    const p = body(res);
    assert.equal(p.status, 'REJECTED');
    assert.equal(p.rowsTotal, 5);
    assert.deepEqual(p.errors.map((e: { row: number; column: string }) => [e.row, e.column]), [[3, 'date_of_birth'], [4, 'arrest_date'], [5, 'nationality'], [6, 'roster_number']]);
    assert.match(p.errors[1].reason, /17\(3\)/);
    const commit = await h.app.inject({ method: 'POST', url: `/api/imports/${p.id}/commit`, headers: { cookie: officer.cookie } });
    assert.equal(commit.statusCode, 422);
    assert.equal(await count(facilityId), 0);
  });

  test('a clean roster commits all at once, with one audit event; the same file again adds 0', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER']);
    const csv = [HEAD, ...Array.from({ length: 30 }, (_, i) => row(i + 1, { date_of_birth: i % 3 ? '1988' : '' }))].join('\n');
    const p = body(await upload(officer.cookie, facilityId, csv, 'roster.csv', 'text/csv', 'CLEAN'));
    assert.equal(p.status, 'PREVIEWED');
    assert.equal(p.rowsValid, 30);
    assert.equal(p.mapping.name_arabic, 'fullNameArabic');
    assert.equal(await count(facilityId), 0, 'preview registers nobody');
    const c = body(await h.app.inject({ method: 'POST', url: `/api/imports/${p.id}/commit`, headers: { cookie: officer.cookie } }));
    assert.equal(c.status, 'COMPLETE');
    assert.equal(c.personsAdded, 30);
    assert.equal(await count(facilityId), 30);
    const again = body(await h.app.inject({ method: 'POST', url: `/api/imports/${p.id}/commit`, headers: { cookie: officer.cookie } }));
    assert.equal(again.personsAdded, 30);
    const re = body(await upload(officer.cookie, facilityId, csv, 'roster.csv', 'text/csv', 'CLEAN'));
    assert.equal(re.status, 'COMPLETE');
    // The same people in another file (reordered) are recognised by roster number.
    const shuffled = [HEAD, ...Array.from({ length: 30 }, (_, i) => row(30 - i, { date_of_birth: '1988' }))].join('\n');
    const p2 = body(await upload(officer.cookie, facilityId, shuffled, 'roster-2.csv', 'text/csv', 'CLEAN'));
    assert.equal(p2.rowsDuplicate, 30);
    const c2 = body(await h.app.inject({ method: 'POST', url: `/api/imports/${p2.id}/commit`, headers: { cookie: officer.cookie } }));
    assert.equal(c2.personsAdded, 0);
    assert.equal(await count(facilityId), 30);
    assert.equal((await h.auditRows('import.complete')).filter((r) => r.object_id === p.id).length, 1);
    const flagged = await h.handle.db.selectFrom('person').select('flags').where('facility_id', '=', facilityId).execute();
    assert.equal(flagged.filter((f) => f.flags.includes('MISSING_DOB')).length, 10);
  });

  test('XLSX rosters import through the same path', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER']);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Roster');
    ws.addRow(HEAD.split(','));
    ws.addRow(['X-1', 'Khalid Hamid', 'خالد حامد', '', 'M', new Date(Date.UTC(1985, 4, 6)), 'SYR', 'HIGH', '2019-01-02', 'Raqqa', 'Authority', 'Grounds']);
    ws.addRow(['X-2', 'Ali Hasan', '', '', 'M', 'c. 1990', 'Tunisia', 'LOW', '2019-01-03', 'Raqqa', 'Authority', 'Grounds']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const p = body(await upload(officer.cookie, facilityId, buf, 'roster.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX'));
    assert.equal(p.status, 'PREVIEWED', JSON.stringify(p.errors));
    const c = body(await h.app.inject({ method: 'POST', url: `/api/imports/${p.id}/commit`, headers: { cookie: officer.cookie } }));
    assert.equal(c.personsAdded, 2);
    const found = body(await h.app.inject({ method: 'GET', url: `/api/persons?facilityId=${facilityId}&q=${encodeURIComponent('خالد')}`, headers: { cookie: officer.cookie } }));
    assert.equal(found.total, 1);
    assert.equal(found.items[0].dateOfBirth, '1985-05-06');
  });

  test('files that are not rosters are refused clearly', async () => {
    const { facilityId } = await h.operation();
    const officer = await h.user(['CUSTODY_OFFICER']);
    const cases: [Buffer | string, RegExp][] = [
      ['', /empty/],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /not a readable XLSX/],
      ['a,b\n1,2', /roster number/],
      ['name,name\nx,y', /appears twice/],
      [Buffer.from([0xff, 0xfe, 0x41, 0x00, 0xff]), /not UTF-8/],
    ];
    for (const [file, msg] of cases) {
      const res = await upload(officer.cookie, facilityId, file);
      assert.equal(res.statusCode, 422, res.body);
      assert.match(res.body, msg);
    }
    const analyst = await h.user(['ANALYST']);
    assert.equal((await upload(analyst.cookie, facilityId, [HEAD, row(1)].join('\n'))).statusCode, 403);
  });
});
