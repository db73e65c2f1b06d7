// A small roster in the shape holding authorities send: one header row, one person per row.
const HEADERS = ['roster_number', 'name', 'name_arabic', 'sex', 'date_of_birth', 'nationality', 'risk_class', 'arrest_date', 'arrest_place', 'ordering_authority', 'grounds'];

type Row = Record<(typeof HEADERS)[number], string>;

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function rosterCsv(rows: Row[]): string {
  return [HEADERS.join(','), ...rows.map((r) => HEADERS.map((h) => quote(r[h] ?? '')).join(','))].join('\n') + '\n';
}

export function sampleRoster(prefix: string, opts: { badArrestDateOnRow?: number } = {}): string {
  const people: [string, string, string][] = [
    ['Yusuf Hamid Khalil', 'يوسف حامد خليل', '1988-04-12'],
    ['Omar Saleh Najjar', 'عمر صالح نجار', '15/07/1991'],
    ['Karim Adel Mansour', 'كريم عادل منصور', 'c. 1979'],
  ];
  return rosterCsv(people.map(([name, ar, dob], i) => ({
    roster_number: `${prefix}-${String(i + 1).padStart(3, '0')}`,
    name, name_arabic: ar, sex: 'M', date_of_birth: dob, nationality: i === 1 ? 'Iraq' : 'SYR', risk_class: 'MEDIUM',
    // Data rows start at row 2 of the file (the header is row 1).
    arrest_date: opts.badArrestDateOnRow === i + 2 ? '' : '2019-03-2' + (i + 1),
    arrest_place: 'Baghuz', ordering_authority: 'Joint Task Force', grounds: 'Security internment',
  })));
}
