// CSV export and import through the panel: encodings and separators, the contacts list's filter,
// dry runs with line-numbered problems, all-or-nothing imports and round trips.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db.ts';
import { closeContact } from '../../src/domain/contacts/close-contact.ts';
import { exportCsv } from '../../src/domain/csv/export-csv.ts';
import { importCsv } from '../../src/domain/csv/import-csv.ts';
import { createTestDatabase, dropTestDatabase, useTestDb } from '../helpers/db.ts';
import { ORIGIN, usePanelApp, type PanelBrowser } from '../helpers/panel.ts';
import { actorFor, makeCompany, makeContact, makeEmployee, makeKind, makePerson, randomNip, uid } from '../factories/index.ts';

const t = useTestDb();
const panelApp = usePanelApp(t);

async function download(b: PanelBrowser, url: string) {
  const res = await b.get(url);
  expect(res.status).toBe(200);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

const rowsOf = (text: string, delimiter: string) => parse(text, { delimiter, bom: true }) as string[][];

function upload(b: PanelBrowser, fields: Record<string, string>, csv: string | Buffer, extra: Record<string, string> = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append('file', new Blob([typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv], { type: 'text/csv' }), 'data.csv');
  return b.postMultipart('/csv/import', body, extra);
}

/** The problems table of an import page as [line, column, message]. */
function problems(html: string): string[][] {
  const table = /<table class="csv-errors">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1]!, m[2]!, m[3]!.replace(/&quot;/g, '"')]);
}

describe('CSV export', () => {
  it('writes companies in windows-1250 with ";" and in UTF-8 with a BOM and ","; Polish letters survive', async () => {
    const b = await panelApp.browser({ locale: 'pl' });
    const tag = uid();
    const company = await t.db.company.create({ data: { name: `Żółć Gęślą Jaźń ${tag}`, code: `ZG${tag}`, nip: randomNip(), phone: '+48221234567', city: 'Łódź' } });

    const cp = await download(b, '/csv/export/companies.csv?encoding=windows-1250&separator=%3B');
    expect(cp.res.headers.get('content-type')).toBe('text/csv; charset=windows-1250');
    expect(cp.res.headers.get('content-disposition')).toMatch(/^attachment; filename="companies-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(cp.bytes.includes(Buffer.from('Żółć', 'utf8'))).toBe(false); // not UTF-8
    const cpRows = rowsOf(iconv.decode(cp.bytes, 'win1250'), ';');
    expect(cpRows[0]!.slice(0, 3)).toEqual(['kod', 'nazwa', 'nip']);
    const cpRow = cpRows.find((r) => r[0] === company.code)!;
    expect(cpRow.slice(0, 3)).toEqual([company.code, company.name, company.nip]);
    expect(cpRow[5]).toBe("'+48221234567"); // a spreadsheet must not read it as a formula
    expect(cpRow[9]).toBe('Łódź');

    const utf = await download(b, '/csv/export/companies.csv?encoding=utf-8&separator=%2C');
    expect([...utf.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const utfRows = rowsOf(utf.bytes.toString('utf8'), ',');
    expect(utfRows.find((r) => r[0] === company.code)!.slice(0, 3)).toEqual([company.code, company.name, company.nip]);
  });

  it('exports people with their company and contacts under the list filter, across pages, in the list order', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const company = await makeCompany(t.db);
    const person = await makePerson(t.db, company.id, { name: `Łucja ${uid()}`, email: `lucja-${uid()}@firma.test` });
    const owner = await makeEmployee(t.db);
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await makeContact(t.db, { companyId: company.id, title: `Rozmowa ${i}`, actor: actorFor(owner), priority: i % 2 ? 'high' : 'low' })).contact);
    await makeContact(t.db); // another company: filtered out

    const people = rowsOf((await download(b, '/csv/export/people.csv')).bytes.toString('utf8'), ';');
    expect(people[0]).toEqual(['company code', 'company nip', 'name', 'position', 'email', 'phone', 'active']);
    expect(people.find((r) => r[2] === person.name)).toEqual([company.code, company.nip, person.name, '', person.email, '', 'yes']);

    const all = rowsOf((await download(b, `/csv/export/contacts.csv?company=${company.id}&sort=number&dir=desc`)).bytes.toString('utf8'), ';');
    expect(all.slice(1).map((r) => r[0])).toEqual(made.map((c) => c.number).reverse());
    const high = rowsOf((await download(b, `/csv/export/contacts.csv?company=${company.id}&priority=high&sort=number&dir=asc`)).bytes.toString('utf8'), ';');
    expect(high.slice(1).map((r) => r[0])).toEqual([made[1]!.number, made[3]!.number]);
    expect(high[1]!.slice(2, 9)).toEqual(['Rozmowa 1', company.code, company.nip, '', owner.email, '', 'high']);

    // The domain pages through the list (page size 2 here) without repeats.
    const chunks: Buffer[] = [];
    for await (const chunk of exportCsv(t.db, { entity: 'contacts', encoding: 'utf-8', separator: ',', language: 'en', filter: { companyId: company.id, sort: 'number', dir: 'asc' }, pageSize: 2 })) chunks.push(chunk);
    expect(chunks).toHaveLength(4); // header + 3 pages
    expect(rowsOf(Buffer.concat(chunks).toString('utf8'), ',').slice(1).map((r) => r[0])).toEqual(made.map((c) => c.number));
  });
});

describe('CSV import', () => {
  it('reports each line\'s problems in a dry run and writes nothing; a real import with problems writes nothing either', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const tag = uid();
    const taken = await makeCompany(t.db);
    const csv = [
      'kod;nazwa;NIP;miejscowość',
      `A${tag};Alfa ${tag};${randomNip()};Kraków`,
      `B${tag};Beta ${tag};1234567890;Gdańsk`, // bad checksum
      `C${tag};;;`, // no name
      `${taken.code};Gamma ${tag};;`, // code taken
      `A${tag};Alfa again ${tag};;`, // same code as line 2
    ].join('\r\n');
    for (const mode of ['dry-run', 'import']) {
      const res = await upload(b, { entity: 'companies', encoding: 'auto', separator: 'auto', mode }, csv);
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('4 problem(s) found; nothing was written.');
      expect(problems(html)).toEqual([
        ['3', 'NIP', 'invalid NIP checksum'],
        ['4', 'nazwa', 'required'],
        ['5', 'kod', `code already used by company ${taken.name}`],
        ['6', 'kod', `code already used by company Alfa ${tag}`],
      ]);
    }
    expect(await t.db.company.count({ where: { name: { contains: tag } } })).toBe(0);
  });

  it('checks, then imports companies, people and contacts from windows-1250 files with Polish headers', async () => {
    const b = await panelApp.browser({ locale: 'pl' });
    const tag = uid();
    const owner = await makeEmployee(t.db);
    const kind = await makeKind(t.db, { name: `Zapytanie ${tag}` });
    const nip = randomNip();
    const companies = iconv.encode(`Kod,Nazwa,NIP,Kod pocztowy,Miejscowość\r\nZ${tag},Żuraw Łąka ${tag},${nip},00950,Łódź\r\n`, 'win1250');
    const dry = await upload(b, { entity: 'companies', encoding: 'auto', separator: 'auto', mode: 'dry-run' }, companies);
    expect(dry.status).toBe(200);
    expect(await dry.text()).toContain('Brak problemów: wierszy do zaimportowania: 1.');
    expect(await t.db.company.count({ where: { code: `Z${tag}` } })).toBe(0);
    const done = await upload(b, { entity: 'companies', encoding: 'auto', separator: 'auto', mode: 'import' }, companies);
    expect(await done.text()).toContain('Zaimportowano wierszy: 1.');
    const company = await t.db.company.findUniqueOrThrow({ where: { code: `Z${tag}` } });
    expect(company).toMatchObject({ name: `Żuraw Łąka ${tag}`, nip, postalCode: '00-950', city: 'Łódź' });

    const people = `imię i nazwisko;nip kontrahenta;e-mail\r\nŚwiętosław Żak;${nip};sz-${tag}@zuraw.test\r\nNikt;9999999999;\r\n`;
    const peopleDry = await upload(b, { entity: 'people', mode: 'dry-run' }, people);
    expect(problems(await peopleDry.text())).toEqual([['3', 'nip kontrahenta', 'unknown company NIP "9999999999"']]);
    const peopleOk = await upload(b, { entity: 'people', mode: 'import' }, people.split('\r\n').slice(0, 2).join('\r\n'));
    expect(peopleOk.status).toBe(200);
    const person = await t.db.person.findFirstOrThrow({ where: { email: `sz-${tag}@zuraw.test` } });
    expect(person).toMatchObject({ name: 'Świętosław Żak', companyId: company.id });

    const contacts = [
      'tytuł;kod kontrahenta;osoba;odpowiedzialny;rodzaj;priorytet;termin',
      `Oferta na biurka;Z${tag};sz-${tag}@zuraw.test;${owner.email};${kind.name};wysoki;2031-03-01T09:00:00.000Z`,
      `;Z${tag};;;;;`,
      `Bez firmy;NIEMA${tag};;;;;`,
      `Zły rodzaj;Z${tag};;nikt-${tag}@kontakt.test;Nieznany ${tag};pilny;jutro`,
    ].join('\r\n');
    const contactsDry = await upload(b, { entity: 'contacts', mode: 'dry-run' }, contacts);
    expect(problems(await contactsDry.text())).toEqual([
      ['3', 'tytuł', 'title required'],
      ['4', 'kod kontrahenta', `unknown company code "NIEMA${tag}"`],
      ['5', 'priorytet', 'unknown value "pilny"'],
      ['5', 'odpowiedzialny', `unknown employee e-mail "nikt-${tag}@kontakt.test"`],
      ['5', 'rodzaj', `unknown contact kind "Nieznany ${tag}"`],
    ]);
    expect(await t.db.contact.count({ where: { companyId: company.id } })).toBe(0);
    const contactsOk = await upload(b, { entity: 'contacts', mode: 'import' }, contacts.split('\r\n').slice(0, 2).join('\r\n'));
    expect(contactsOk.status).toBe(200);
    const contact = await t.db.contact.findFirstOrThrow({ where: { companyId: company.id } });
    expect(contact).toMatchObject({ title: 'Oferta na biurka', personId: person.id, ownerId: owner.id, kindId: kind.id, priority: 'high', dueAt: new Date('2031-03-01T09:00:00Z'), createdById: b.employee.id });
    expect(await t.db.historyEntry.count({ where: { contactId: contact.id, action: 'created', channel: 'panel' } })).toBe(1);
  });

  it('round-trips contacts: the exported file imports to equal contacts with new numbers', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const company = await makeCompany(t.db);
    const person = await makePerson(t.db, company.id, { email: `p-${uid()}@rt.test` });
    const owner = await makeEmployee(t.db);
    const kind = await makeKind(t.db);
    const { contact: first } = await makeContact(t.db, { companyId: company.id, personId: person.id, title: 'Pierwszy; "cytat", przecinek', description: 'Linia 1\nLinia 2 żółć', kindId: kind.id, priority: 'high', dueAt: new Date('2031-01-02T03:04:05Z'), externalNumber: '=SUM(A1)', actor: actorFor(owner) });
    const { contact: second } = await makeContact(t.db, { companyId: company.id, title: 'Drugi', ownerId: null, actor: actorFor(owner) });
    await closeContact(t.db, actorFor(owner), { id: second.id, outcome: 'won' });

    const files = [];
    for (const [encoding, separator] of [['windows-1250', '%3B'], ['utf-8', '%2C']] as const) {
      files.push((await download(b, `/csv/export/contacts.csv?company=${company.id}&sort=number&dir=asc&encoding=${encoding}&separator=${separator}`)).bytes);
    }
    for (const file of files) {
      const res = await upload(b, { entity: 'contacts', mode: 'import' }, file);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Imported 2 row(s).');
    }
    const all = await t.db.contact.findMany({ where: { companyId: company.id }, orderBy: { id: 'asc' } });
    expect(all).toHaveLength(6);
    const pick = (c: (typeof all)[number]) => ({ title: c.title, description: c.description, personId: c.personId, ownerId: c.ownerId, kindId: c.kindId, priority: c.priority, status: c.status, outcome: c.outcome, dueAt: c.dueAt, externalNumber: c.externalNumber, registeredAt: c.registeredAt });
    for (const copy of [all[2]!, all[4]!]) expect(pick(copy)).toEqual(pick(all[0]!));
    for (const copy of [all[3]!, all[5]!]) expect(pick(copy)).toEqual(pick(all[1]!));
    expect(new Set(all.map((c) => c.number)).size).toBe(6);
    expect(first.id).toBe(all[0]!.id);
  });

  it('round-trips companies and people into an empty database', async () => {
    const tag = uid();
    const company = await t.db.company.create({ data: { name: `Łąkowa ${tag}`, code: `L${tag}`, nip: randomNip(), kind: 'supplier', emailDomains: ['laka.pl', 'xn--ka-ola7v.pl'], phone: '+48221234567', street: 'ul. Źródlana 1', postalCode: '30-001', city: 'Kraków', notes: 'uwaga; "ważne"', active: false } });
    await makePerson(t.db, company.id, { name: `Żaneta ${tag}`, email: `z-${tag}@laka.pl` });
    const other = await createTestDatabase();
    const db2 = createDb(other.url, { max: 4 });
    try {
      const admin = await db2.employee.create({ data: { name: 'Admin', email: `admin-${tag}@kontakt.test`, role: 'admin' } });
      const actor = actorFor(admin);
      for (const entity of ['companies', 'people'] as const) {
        const chunks: Buffer[] = [];
        for await (const chunk of exportCsv(t.db, { entity, encoding: 'windows-1250', separator: ';', language: 'pl', pageSize: 3 })) chunks.push(chunk);
        const result = await importCsv(db2, actor, { entity, data: Buffer.concat(chunks), dryRun: false });
        expect(result.errors).toEqual([]);
        expect(result.imported).toBe(await (entity === 'companies' ? t.db.company.count() : t.db.person.count()));
      }
      const copy = await db2.company.findUniqueOrThrow({ where: { code: company.code }, include: { people: true } });
      const { id: _a, createdAt: _b, updatedAt: _c, ...want } = company;
      expect(copy).toMatchObject(want);
      expect(copy.people.map((p) => [p.name, p.email])).toEqual([[`Żaneta ${tag}`, `z-${tag}@laka.pl`]]);
    } finally {
      await db2.$disconnect();
      await dropTestDatabase(other.name);
    }
  });

  it('needs the CSRF token and refuses a missing file', async () => {
    const b = await panelApp.browser({ locale: 'en' });
    const body = new FormData();
    body.append('entity', 'companies');
    body.append('file', new Blob(['kod;nazwa\r\nX;Y\r\n']), 'a.csv');
    const forged = await panelApp.request('/csv/import', { method: 'POST', body, headers: { Cookie: b.cookie, Origin: ORIGIN } });
    expect(forged.status).toBe(403);
    const viaQuery = new FormData();
    viaQuery.append('entity', 'companies');
    viaQuery.append('mode', 'dry-run');
    viaQuery.append('file', new Blob([`kod;nazwa\r\nQ${uid()};Y\r\n`]), 'a.csv');
    const ok = await panelApp.request(`/csv/import?_csrf=${b.csrf}`, { method: 'POST', body: viaQuery, headers: { Cookie: b.cookie, Origin: ORIGIN } });
    expect(ok.status).toBe(200);
    const empty = new FormData();
    empty.append('entity', 'companies');
    expect((await b.postMultipart('/csv/import', empty)).status).toBe(422);
  });
});
