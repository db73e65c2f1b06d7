// Small synthetic watchlists for the screening API tests: fictional names, the publishers' formats.
export type UnPerson = {
  id: number; first: string; second?: string; third?: string; ref: string; dob?: string; dobYears?: [number, number];
  nationality?: string; pob?: string; alias?: string; remarks?: string; passport?: string; arabic?: string;
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function unXml(generated: string, people: UnPerson[]): string {
  const individual = (p: UnPerson) => `
    <INDIVIDUAL>
      <DATAID>${p.id}</DATAID><VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>${esc(p.first)}</FIRST_NAME>${p.second ? `<SECOND_NAME>${esc(p.second)}</SECOND_NAME>` : ''}${p.third ? `<THIRD_NAME>${esc(p.third)}</THIRD_NAME>` : ''}
      <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>${p.ref}</REFERENCE_NUMBER><LISTED_ON>2015-03-02</LISTED_ON>
      ${p.arabic ? `<NAME_ORIGINAL_SCRIPT>${p.arabic}</NAME_ORIGINAL_SCRIPT>` : ''}
      ${p.remarks ? `<COMMENTS1>${esc(p.remarks)}</COMMENTS1>` : ''}
      ${p.nationality ? `<NATIONALITY><VALUE>${p.nationality}</VALUE></NATIONALITY>` : ''}
      ${p.alias ? `<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>${esc(p.alias)}</ALIAS_NAME></INDIVIDUAL_ALIAS>` : ''}
      ${p.dob ? `<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>${p.dob}</DATE></INDIVIDUAL_DATE_OF_BIRTH>` : ''}
      ${p.dobYears ? `<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>${p.dobYears[0]}</FROM_YEAR><TO_YEAR>${p.dobYears[1]}</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>` : ''}
      ${p.pob ? `<INDIVIDUAL_PLACE_OF_BIRTH><CITY>${p.pob}</CITY></INDIVIDUAL_PLACE_OF_BIRTH>` : ''}
      ${p.passport ? `<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>${p.passport}</NUMBER></INDIVIDUAL_DOCUMENT>` : ''}
    </INDIVIDUAL>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="${generated}T00:00:00.000Z">
  <INDIVIDUALS>${people.map(individual).join('')}
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY><DATAID>900100</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>EXAMPLE RELIEF FOUNDATION</FIRST_NAME>
      <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDe.990</REFERENCE_NUMBER><LISTED_ON>2010-10-10</LISTED_ON></ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>`;
}

export const FULANI: UnPerson = {
  id: 900001, first: 'ABD AL-RAHMAN', second: 'YUSUF', third: 'AL-FULANI', ref: 'QDi.901', dob: '1975-04-12', nationality: 'Iraq', pob: 'Mosul',
  arabic: 'عبد الرحمن يوسف الفلاني', alias: 'Abdul Rahman Yousef al-Fulani',
};
// His alias is the kunya of the harness's sample detainee: a shared kunya alone must not make a hit.
export const TESTI: UnPerson = { id: 900002, first: 'KHALID', second: 'BIN SALIM', third: 'AL-TESTI', ref: 'QDi.902', dobYears: [1980, 1983], alias: 'Abu Hamza' };
export const MITHALI: UnPerson = { id: 900003, first: 'HAMZA', second: 'OMAR', third: 'AL-MITHALI', ref: 'QDi.903', dob: '1985-06-01', nationality: 'Syrian Arab Republic' };
export const QARAWI: UnPerson = { id: 900004, first: 'BILAL', second: 'NAJIB', third: 'AL-QARAWI', ref: 'QDi.904', dob: '1990-01-15', nationality: 'Tunisia' };

export const OFAC_SDN = [
  '7001,"AL-ZUBAYRI, Tariq Fawwaz","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 03 Mar 1979; POB Raqqa, Syria; nationality Syria; Passport N7654321 (Syria)."',
  '7003,"EXAMPLE SHIPPING LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
].join('\n') + '\n';
export const OFAC_ALT = '7001,501,"aka","AL-ZUBAIRI, Tareq",-0- \n';

export const LOCAL_CSV = 'id,kind,name,aliases,date_of_birth,nationality\nL-1,person,Fictional Local Person,,1960,FR\n';
