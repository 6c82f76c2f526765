// CSV export of companies, people and contacts, produced page by page (keyset pages) so a large
// table never sits in memory at once: the caller streams the chunks as they come.
import type { Db, Tx } from '../../db.ts';
import { searchContacts, type SearchContactsInput } from '../contacts/search-contacts.ts';
import { CSV_COLUMNS, enumLabel, type CsvEntity, type CsvLanguage } from './csv-columns.ts';
import { encodeCsv, type CsvEncoding, type CsvSeparator } from './csv-format.ts';

/** Options for exportCsv. */
export type ExportCsvOptions = {
  entity: CsvEntity;
  encoding: CsvEncoding;
  separator: CsvSeparator;
  /** Headers and enumeration values in this language. */
  language: CsvLanguage;
  /** Contacts only: the contacts list's filter (sort included; cursor and limit are ours). */
  filter?: Omit<SearchContactsInput, 'cursor' | 'limit'>;
  /** Rows per page (tests use small pages to cross page boundaries). */
  pageSize?: number;
};

const iso = (d: Date | null) => (d ? d.toISOString() : '');
const yesNo = (b: boolean, language: CsvLanguage) => enumLabel('boolean', String(b), language);

async function* companyRecords(db: Db | Tx, o: ExportCsvOptions, pageSize: number) {
  for (let after = 0; ;) {
    const page = await db.company.findMany({ where: { id: { gt: after } }, orderBy: { id: 'asc' }, take: pageSize });
    if (page.length === 0) return;
    yield page.map((c) => [
      c.code, c.name, c.nip ?? '', enumLabel('companyKind', c.kind, o.language), c.emailDomains.join(' '), c.phone ?? '', c.fax ?? '',
      c.street ?? '', c.postalCode ?? '', c.city ?? '', c.country, c.notes, yesNo(c.active, o.language),
    ]);
    after = page[page.length - 1]!.id;
  }
}

async function* personRecords(db: Db | Tx, o: ExportCsvOptions, pageSize: number) {
  for (let after = 0; ;) {
    const page = await db.person.findMany({
      where: { id: { gt: after } }, orderBy: { id: 'asc' }, take: pageSize, include: { company: { select: { code: true, nip: true } } },
    });
    if (page.length === 0) return;
    yield page.map((p) => [p.company.code, p.company.nip ?? '', p.name, p.position ?? '', p.email ?? '', p.phone ?? '', yesNo(p.active, o.language)]);
    after = page[page.length - 1]!.id;
  }
}

/** Contacts in the list's order and filter: searchContacts gives each page's ids, one query their details. */
async function* contactRecords(db: Db | Tx, o: ExportCsvOptions, pageSize: number) {
  for (let cursor: string | null = null; ;) {
    const page: Awaited<ReturnType<typeof searchContacts>> = await searchContacts(db, { ...o.filter, limit: Math.min(pageSize, 200), cursor });
    if (page.contacts.length === 0) return;
    const details = await db.contact.findMany({
      where: { id: { in: page.contacts.map((c) => c.id) } },
      include: {
        company: { select: { code: true, nip: true } },
        person: { select: { name: true, email: true } },
        owner: { select: { email: true } },
        kind: { select: { name: true } },
      },
    });
    const byId = new Map(details.map((d) => [d.id, d]));
    yield page.contacts.flatMap((summary) => {
      const c = byId.get(summary.id);
      if (!c) return [];
      return [[
        c.number, iso(c.registeredAt), c.title, c.company.code, c.company.nip ?? '', c.person?.email ?? c.person?.name ?? '', c.owner?.email ?? '',
        c.kind?.name ?? '', enumLabel('priority', c.priority, o.language), enumLabel('status', c.status, o.language),
        enumLabel('outcome', c.outcome, o.language), iso(c.dueAt), c.externalNumber ?? '', c.description,
      ]];
    });
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/** The file as encoded chunks: the header, then one chunk per page. */
export async function* exportCsv(db: Db | Tx, options: ExportCsvOptions): AsyncGenerator<Buffer> {
  const pageSize = options.pageSize ?? 500;
  const format = { encoding: options.encoding, separator: options.separator };
  yield encodeCsv([CSV_COLUMNS[options.entity].map((c) => c[options.language])], { ...format, withBom: true });
  const pages = options.entity === 'companies' ? companyRecords(db, options, pageSize) : options.entity === 'people' ? personRecords(db, options, pageSize) : contactRecords(db, options, pageSize);
  for await (const records of pages) if (records.length) yield encodeCsv(records, { ...format, withBom: false });
}
