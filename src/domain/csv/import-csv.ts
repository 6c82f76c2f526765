// CSV import of companies, people and contacts. Every row goes through the same create use case
// as a form would (createCompany, createPerson, createContact), inside ONE transaction: a dry run
// always rolls it back and reports each line's problems; a real import commits only when no line
// has any (all or nothing, so a file is either in or out). Because the dry run runs the real
// use cases, it also finds conflicts between lines (two rows with one code).
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Db, Tx } from '../../db.ts';
import { AppError, isAppError, validation } from '../../errors.ts';
import { createCompany } from '../companies/create-company.ts';
import { normalizeNip } from '../companies/nip.ts';
import { closeContact } from '../contacts/close-contact.ts';
import { createContact } from '../contacts/create-contact.ts';
import { createPerson } from '../people/create-person.ts';
import type { Actor } from '../shared/actor.ts';
import { DEFAULT_SETTINGS, type DomainSettings } from '../shared/settings.ts';
import { parseInput } from '../shared/validate.ts';
import { CSV_COLUMNS, CSV_ENTITIES, enumValue, headerLookup, type CsvEntity } from './csv-columns.ts';
import { CSV_ENCODINGS, CSV_SEPARATORS, decodeCsv, detectSeparator, headerKey, unprotectCell } from './csv-format.ts';

/** Uploads larger than this are refused before parsing. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 50_000;

const importCsvInput = z.object({
  entity: z.enum(CSV_ENTITIES),
  data: z.instanceof(Buffer),
  encoding: z.enum([...CSV_ENCODINGS, 'auto']).default('auto'),
  separator: z.enum([...CSV_SEPARATORS, 'auto']).default('auto'),
  dryRun: z.boolean().default(true),
});
export type ImportCsvInput = z.input<typeof importCsvInput>;

export type CsvLineError = { line: number; column: string; message: string };
export type ImportCsvResult = { dryRun: boolean; rows: number; imported: number; errors: CsvLineError[]; encoding: string; separator: string };

type Row = { line: number; values: Record<string, string> };

/** Domain field names → CSV column keys, so a use case's message lands on the right column. */
const FIELD_TO_COLUMN: Record<CsvEntity, Record<string, string>> = {
  companies: {},
  people: { companyId: 'companyCode' },
  contacts: { companyId: 'companyCode', personId: 'person', ownerId: 'owner', kindId: 'kind' },
};

class Rollback extends Error {}

function parseRows(text: string, separator: string, entity: CsvEntity): { rows: Row[]; headerErrors: CsvLineError[]; columns: Map<string, string> } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: separator, info: true, relax_column_count: true, skip_empty_lines: true, bom: true, to: MAX_ROWS + 2 }) as unknown as typeof records;
  } catch (error) {
    const line = Number((error as { lines?: number }).lines ?? 1);
    return { rows: [], headerErrors: [{ line, column: '', message: (error as Error).message }], columns: new Map() };
  }
  const [header, ...body] = records;
  const lookup = headerLookup(entity);
  const keys = (header?.record ?? []).map((h) => lookup.get(headerKey(h)) ?? null);
  const columns = new Map<string, string>(); // key → header as written
  (header?.record ?? []).forEach((h, i) => keys[i] && !columns.has(keys[i]!) && columns.set(keys[i]!, h));
  const headerErrors: CsvLineError[] = [];
  for (const column of CSV_COLUMNS[entity]) {
    if (column.required && !columns.has(column.key)) headerErrors.push({ line: 1, column: column.en, message: `missing column "${column.en}" / "${column.pl}"` });
  }
  if (entity !== 'companies' && !columns.has('companyCode') && !columns.has('companyNip')) {
    headerErrors.push({ line: 1, column: 'company code', message: 'missing column "company code" or "company nip"' });
  }
  if (body.length > MAX_ROWS) headerErrors.push({ line: 1, column: '', message: `at most ${MAX_ROWS} rows per file` });
  const rows = body
    .filter((r) => r.record.some((v) => v.trim() !== ''))
    .map((r) => {
      const values: Record<string, string> = {};
      r.record.forEach((v, i) => {
        const key = keys[i];
        if (key && values[key] === undefined) values[key] = unprotectCell(v.trim());
      });
      return { line: r.info.lines, values };
    });
  return { rows, headerErrors, columns };
}

const cell = (row: Row, key: string) => row.values[key] ?? '';
/** undefined when the column is absent (the use case's default applies), the text otherwise. */
const optionalCell = (row: Row, key: string) => row.values[key];

function enumCell(row: Row, key: string, kind: string, errors: Record<string, string>) {
  const raw = optionalCell(row, key);
  if (raw === undefined) return undefined;
  const value = enumValue(kind, raw);
  if (value === null) errors[key] = `unknown value "${raw}"`;
  return value ?? undefined;
}

async function companyByReference(tx: Tx, row: Row, errors: Record<string, string>) {
  const code = cell(row, 'companyCode');
  const nipText = cell(row, 'companyNip');
  if (!code && !nipText) {
    errors.companyCode = 'company code or NIP required';
    return null;
  }
  if (code) {
    const company = await tx.company.findUnique({ where: { code }, select: { id: true } });
    if (company) return company.id;
    if (!nipText) {
      errors.companyCode = `unknown company code "${code}"`;
      return null;
    }
  }
  const nip = normalizeNip(nipText);
  const company = nip ? await tx.company.findUnique({ where: { nip }, select: { id: true } }) : null;
  if (!company) errors[code ? 'companyCode' : 'companyNip'] = code ? `unknown company code "${code}" or NIP "${nipText}"` : `unknown company NIP "${nipText}"`;
  return company?.id ?? null;
}

async function importCompany(tx: Tx, actor: Actor, row: Row) {
  const errors: Record<string, string> = {};
  const kind = enumCell(row, 'kind', 'companyKind', errors);
  const active = enumCell(row, 'active', 'boolean', errors);
  if (Object.keys(errors).length) throw validation(errors);
  const domains = optionalCell(row, 'emailDomains');
  await createCompany(tx, actor, {
    code: cell(row, 'code'), name: cell(row, 'name'), nip: optionalCell(row, 'nip'), kind,
    emailDomains: domains === undefined ? undefined : domains.split(/[\s,;|]+/).filter(Boolean),
    phone: optionalCell(row, 'phone'), fax: optionalCell(row, 'fax'), street: optionalCell(row, 'street'),
    postalCode: optionalCell(row, 'postalCode'), city: optionalCell(row, 'city'), country: optionalCell(row, 'country') || undefined,
    notes: optionalCell(row, 'notes'), active: active === undefined ? undefined : active === 'true',
  });
}

async function importPerson(tx: Tx, actor: Actor, row: Row) {
  const errors: Record<string, string> = {};
  const companyId = await companyByReference(tx, row, errors);
  const active = enumCell(row, 'active', 'boolean', errors);
  if (Object.keys(errors).length) throw validation(errors);
  await createPerson(tx, actor, {
    companyId, name: cell(row, 'name'), position: optionalCell(row, 'position'), email: optionalCell(row, 'email'),
    phone: optionalCell(row, 'phone'), active: active === undefined ? undefined : active === 'true',
  });
}

async function importContact(tx: Tx, actor: Actor, row: Row, settings: DomainSettings) {
  const errors: Record<string, string> = {};
  if (!cell(row, 'title')) errors.title = 'title required';
  const companyId = await companyByReference(tx, row, errors);
  const priority = enumCell(row, 'priority', 'priority', errors);
  const status = enumCell(row, 'status', 'status', errors);
  const outcome = enumCell(row, 'outcome', 'outcome', errors);

  const personText = cell(row, 'person');
  let personId: number | null = null;
  if (personText && companyId) {
    const person = await tx.person.findFirst({
      where: personText.includes('@') ? { email: personText } : { companyId, name: { equals: personText, mode: 'insensitive' } },
      select: { id: true },
    });
    if (!person) errors.person = `unknown person "${personText}"`;
    personId = person?.id ?? null;
  }
  // The owner column present but empty means unassigned; absent means the importing employee.
  const ownerText = optionalCell(row, 'owner');
  let ownerId: number | null | undefined;
  if (ownerText) {
    const owner = await tx.employee.findUnique({ where: { email: ownerText }, select: { id: true } });
    if (!owner) errors.owner = `unknown employee e-mail "${ownerText}"`;
    ownerId = owner?.id ?? null;
  } else if (ownerText === '') ownerId = null;
  const kindText = cell(row, 'kind');
  let kindId: number | null = null;
  if (kindText) {
    const kind = await tx.contactKind.findFirst({ where: { name: { equals: kindText, mode: 'insensitive' } }, select: { id: true } });
    if (!kind) errors.kind = `unknown contact kind "${kindText}"`;
    kindId = kind?.id ?? null;
  }
  if (Object.keys(errors).length || !companyId) throw validation(errors);

  const contact = await createContact(tx, actor, {
    companyId, personId, ownerId, kindId, title: cell(row, 'title'), priority: priority as 'high' | undefined,
    dueAt: cell(row, 'dueAt') || null, registeredAt: cell(row, 'registeredAt') || undefined,
    externalNumber: cell(row, 'externalNumber') || null, description: optionalCell(row, 'description'),
  }, settings);
  if (status === 'closed') await closeContact(tx, actor, { id: contact.id, outcome: (outcome ?? null) as 'won' | null });
}

function lineErrors(error: AppError, row: Row, entity: CsvEntity, columns: Map<string, string>): CsvLineError[] {
  const header = (key: string) => columns.get(key) ?? CSV_COLUMNS[entity].find((c) => c.key === key)?.en ?? key;
  const fields = error.details.fields;
  if (!fields || Object.keys(fields).length === 0) return [{ line: row.line, column: '', message: error.message }];
  return Object.entries(fields).map(([field, message]) => ({ line: row.line, column: header(FIELD_TO_COLUMN[entity][field] ?? field), message }));
}

/**
 * Checks (dryRun, the default) or imports a CSV file. Returns every line's problems with the line
 * number in the file (the header is line 1); nothing is written unless it is a real import
 * without any problem.
 */
export async function importCsv(db: Db, actor: Actor, input: ImportCsvInput, settings: DomainSettings = DEFAULT_SETTINGS): Promise<ImportCsvResult> {
  const { entity, data, encoding, separator: chosen, dryRun } = parseInput(importCsvInput, input);
  if (data.length > MAX_CSV_BYTES) throw new AppError('TOO_LARGE', `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB`);
  const decoded = decodeCsv(data, encoding);
  const separator = chosen === 'auto' ? detectSeparator(decoded.text) : chosen;
  const { rows, headerErrors, columns } = parseRows(decoded.text, separator, entity);
  const result: ImportCsvResult = { dryRun, rows: rows.length, imported: 0, errors: headerErrors, encoding: decoded.encoding, separator };
  if (headerErrors.length) return result;

  let written = 0;
  try {
    await db.$transaction(
      async (tx) => {
        for (const row of rows) {
          // A failing row rolls back to its savepoint; the next rows are still checked.
          await tx.$executeRawUnsafe('SAVEPOINT csv_row');
          try {
            if (entity === 'companies') await importCompany(tx, actor, row);
            else if (entity === 'people') await importPerson(tx, actor, row);
            else await importContact(tx, actor, row, settings);
            await tx.$executeRawUnsafe('RELEASE SAVEPOINT csv_row');
            written++;
          } catch (error) {
            await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT csv_row');
            if (!isAppError(error)) throw error;
            result.errors.push(...lineErrors(error, row, entity, columns));
          }
        }
        if (dryRun || result.errors.length) throw new Rollback();
      },
      { timeout: 300_000, maxWait: 10_000 },
    );
    result.imported = written;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result;
}
