// Contact search: every word of the query must appear (case- and diacritic-insensitively) in the
// contact's own text (number, title, company, person, description) or in one of its items.
// Two folded columns of the contact, searchText and itemWords, carry trigram GIN indexes that
// answer the LIKE '%word%' tests (a bitmap OR per word, a bitmap AND across words); results come
// in keyset pages so page 100 costs what page 1 does.
import { z } from 'zod';
import { NO_PREPARE, type Db, type Tx } from '../../db.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { validation } from '../../errors.ts';
import { foldText } from '../shared/fold-text.ts';
import { calendarDate, id, instant, text } from '../shared/schemas.ts';
import { parseInput } from '../shared/validate.ts';
import { closeDateSql, salesFilterFields, timeZoneField } from '../analytics/sales-filters.ts';
import { DEFAULT_SETTINGS } from '../shared/settings.ts';
import { OUTCOMES, PRIORITIES } from './contact-fields.ts';

const oneOrMany = <T extends z.ZodTypeAny>(schema: T) =>
  z.union([schema, z.array(schema)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

/** Sortable columns. "recent" (registered, newest first) and "due" (deadline, soonest first) are the original names. */
export const CONTACT_SORTS = ['recent', 'due', 'number', 'title', 'company', 'owner', 'deadline', 'priority', 'registered'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

const searchContactsInput = z.object({
  q: text(200).optional(),
  status: z.enum(['open', 'closed']).optional(),
  priority: oneOrMany(z.enum(PRIORITIES)).optional(),
  /** null: unassigned contacts only. */
  ownerId: id.nullable().optional(),
  /** null: contacts without a kind only. */
  kindId: id.nullable().optional(),
  companyId: id.optional(),
  /** The kind of the contact's company (client, prospect…). */
  companyKind: salesFilterFields.companyKind,
  /** Any of these outcomes; 'none': no outcome (open, or closed without one). */
  outcome: oneOrMany(z.enum([...OUTCOMES, 'none'])).optional(),
  /** Closed at or after / at or before these instants. */
  closedFrom: instant.optional(),
  closedTo: instant.optional(),
  /**
   * The forecast's close date (expected close date, else the deadline's day in `timeZone`) on or
   * after / on or before these calendar days; `undated`: contacts with neither date.
   */
  closeFrom: calendarDate.optional(),
  closeTo: calendarDate.optional(),
  undated: z.boolean().optional(),
  /** The zone whose calendar reads deadlines for closeFrom / closeTo. */
  timeZone: timeZoneField.default(DEFAULT_SETTINGS.timeZone),
  dueFrom: z.union([instant, calendarDate]).optional(),
  dueTo: z.union([instant, calendarDate]).optional(),
  /** Open contacts whose deadline has passed. */
  overdue: z.boolean().optional(),
  sort: z.enum(CONTACT_SORTS).default('recent'),
  /** Default: descending for recent, registered and priority (highest first), ascending otherwise. */
  dir: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).nullable().optional(),
  /** The clock for "overdue" (tests pass a fixed one). */
  now: instant.optional(),
});
export type SearchContactsInput = z.input<typeof searchContactsInput>;

export type ContactSummary = {
  id: number; number: string; title: string; status: 'open' | 'closed'; priority: 'high' | 'normal' | 'low';
  dueAt: Date | null; registeredAt: Date; outcome: string | null; version: number;
  companyId: number; companyName: string; personName: string | null; ownerId: number | null; ownerName: string | null; kindName: string | null;
};

const MAX_TERMS = 6;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Each word must occur in the contact's own text or in the words of its items (items/item-words.ts). */
function termCondition(term: string): Prisma.Sql {
  const pattern = `%${escapeLike(term)}%`;
  return Prisma.sql`(c."searchText" LIKE ${pattern} OR c."itemWords" LIKE ${pattern})`;
}

/**
 * The sort key of each column: its SQL expression, whether it may be NULL (those rows come last in
 * both directions), how a cursor value is turned back into a parameter, and how a row gives it.
 * Ties are broken by id in the same direction, so (key, id) is a total order for keyset pages.
 */
type SortKey = { sql: Prisma.Sql; nullable: boolean; parse: (k: string | number) => unknown; of: (row: ContactSummary) => string | number | null };
const asDate = (k: string | number) => new Date(k);
const PRIORITY_RANK: Record<string, number> = { low: 1, normal: 2, high: 3 };
const SORT_KEYS: Record<Exclude<ContactSort, 'recent' | 'due'>, SortKey> = {
  registered: { sql: Prisma.sql`c."registeredAt"`, nullable: false, parse: asDate, of: (r) => r.registeredAt.toISOString() },
  deadline: { sql: Prisma.sql`c."dueAt"`, nullable: true, parse: asDate, of: (r) => r.dueAt?.toISOString() ?? null },
  number: { sql: Prisma.sql`c.number`, nullable: false, parse: String, of: (r) => r.number },
  title: { sql: Prisma.sql`c.title`, nullable: false, parse: String, of: (r) => r.title },
  company: { sql: Prisma.sql`co.name`, nullable: false, parse: String, of: (r) => r.companyName },
  owner: { sql: Prisma.sql`e.name`, nullable: true, parse: String, of: (r) => r.ownerName },
  // low < normal < high: descending shows the highest first.
  priority: {
    sql: Prisma.sql`(CASE c.priority WHEN 'low' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END)`,
    nullable: false,
    parse: Number,
    of: (r) => PRIORITY_RANK[r.priority]!,
  },
};
const DESC_BY_DEFAULT = new Set<ContactSort>(['recent', 'registered', 'priority']);

/** The column and direction a sort means ("recent" and "due" are the original names). */
export function resolveSort(sort: ContactSort, dir?: 'asc' | 'desc') {
  const column = sort === 'recent' ? 'registered' : sort === 'due' ? 'deadline' : sort;
  return { column, dir: dir ?? (DESC_BY_DEFAULT.has(sort) ? 'desc' : 'asc') } as const;
}

/** The cursor names its sort, so a cursor from another sort is refused rather than misread. */
type Cursor = { s: string; k: string | number | null; id: number };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(s: string, sortName: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Number.isInteger(c?.id) && c.s === sortName && (c.k === null || typeof c.k === 'string' || typeof c.k === 'number')) return c;
  } catch {
    /* fall through */
  }
  throw validation({ cursor: 'invalid page cursor; start from the first page' });
}

function keysetCondition(key: SortKey, dir: 'asc' | 'desc', cursor: Cursor): Prisma.Sql {
  const after = dir === 'asc' ? Prisma.sql`>` : Prisma.sql`<`;
  if (cursor.k === null) {
    // Only a nullable key yields a null cursor: the rest of the NULL block, by id.
    return Prisma.sql`(${key.sql} IS NULL AND c.id ${after} ${cursor.id})`;
  }
  const k = key.parse(cursor.k);
  const rest = Prisma.sql`(${key.sql} ${after} ${k} OR (${key.sql} = ${k} AND c.id ${after} ${cursor.id}))`;
  return key.nullable ? Prisma.sql`(${rest} OR ${key.sql} IS NULL)` : rest;
}

export async function searchContacts(db: Db | Tx, input: SearchContactsInput = {}) {
  const f = parseInput(searchContactsInput, input);
  const now = f.now ?? new Date();
  const where: Prisma.Sql[] = [];
  const terms = [...new Set(foldText(f.q).split(' ').filter(Boolean))].slice(0, MAX_TERMS);
  const termConditions = terms.map(termCondition);
  // Plan choice. Ordinary words are common: walking the sort index and testing each row finds a
  // page quickly. Identifier fragments (five or more digits: contact and document numbers, NIPs,
  // phone numbers) are rare and cluster in time, so walking the sort order can pass tens of
  // thousands of rows first: collect their few matches through the trigram indexes instead.
  // (PostgreSQL cannot tell the two apart: it estimates LIKE '%…%' blindly.)
  const identifierSearch = terms.some((t) => (t.match(/\d/g)?.length ?? 0) >= 5);
  if (identifierSearch) {
    where.push(Prisma.sql`c.id IN (SELECT id FROM matches)`);
  } else {
    where.push(...termConditions);
  }
  if (f.status) where.push(Prisma.sql`c.status = ${f.status}::"ContactStatus"`);
  if (f.priority?.length) where.push(Prisma.sql`c.priority::text IN (${Prisma.join(f.priority)})`);
  if (f.ownerId === null) where.push(Prisma.sql`c."ownerId" IS NULL`);
  else if (f.ownerId !== undefined) where.push(Prisma.sql`c."ownerId" = ${f.ownerId}`);
  if (f.kindId === null) where.push(Prisma.sql`c."kindId" IS NULL`);
  else if (f.kindId) where.push(Prisma.sql`c."kindId" = ${f.kindId}`);
  if (f.companyId) where.push(Prisma.sql`c."companyId" = ${f.companyId}`);
  if (f.companyKind) where.push(Prisma.sql`co.kind = ${f.companyKind}::"CompanyKind"`);
  if (f.outcome?.length) {
    const outcomes = f.outcome.filter((o) => o !== 'none');
    const any = [
      ...(outcomes.length ? [Prisma.sql`c.outcome::text IN (${Prisma.join(outcomes)})`] : []),
      ...(f.outcome.includes('none') ? [Prisma.sql`c.outcome IS NULL`] : []),
    ];
    where.push(Prisma.sql`(${Prisma.join(any, ' OR ')})`);
  }
  if (f.closedFrom) where.push(Prisma.sql`c."closedAt" >= ${f.closedFrom}`);
  if (f.closedTo) where.push(Prisma.sql`c."closedAt" <= ${f.closedTo}`);
  // Calendar days go as 'YYYY-MM-DD' text: a Date would be read in the session's time zone.
  if (f.closeFrom) where.push(Prisma.sql`${closeDateSql(f.timeZone)} >= ${f.closeFrom.toISOString().slice(0, 10)}::date`);
  if (f.closeTo) where.push(Prisma.sql`${closeDateSql(f.timeZone)} <= ${f.closeTo.toISOString().slice(0, 10)}::date`);
  if (f.undated) where.push(Prisma.sql`c."expectedCloseAt" IS NULL AND c."dueAt" IS NULL`);
  if (f.dueFrom) where.push(Prisma.sql`c."dueAt" >= ${f.dueFrom}`);
  if (f.dueTo) where.push(Prisma.sql`c."dueAt" <= ${f.dueTo}`);
  if (f.overdue) where.push(Prisma.sql`c.status = 'open' AND c."dueAt" < ${now}`);
  const { column, dir } = resolveSort(f.sort, f.dir);
  const key = SORT_KEYS[column];
  const sortName = `${column}.${dir}`;
  if (f.cursor) where.push(keysetCondition(key, dir, decodeCursor(f.cursor, sortName)));

  // The default (registered, newest first) walks the registeredAt index; NULLs last either way.
  const order = Prisma.sql`${key.sql} ${dir === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`} ${key.nullable ? Prisma.sql`NULLS LAST` : Prisma.empty}, c.id ${dir === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`}`;
  const matches = identifierSearch
    ? Prisma.sql`WITH matches AS MATERIALIZED (SELECT c.id FROM "Contact" c WHERE ${Prisma.join(termConditions, ' AND ')})`
    : Prisma.empty;
  // A text search is planned for its words every time (see NO_PREPARE): a generic plan, settled
  // on after five runs, would treat a common word and a rare one alike.
  const rows = await db.$queryRaw<ContactSummary[]>`
    ${terms.length ? Prisma.raw(NO_PREPARE) : Prisma.empty}
    ${matches}
    SELECT c.id, c.number, c.title, c.status::text AS status, c.priority::text AS priority, c."dueAt", c."registeredAt",
           c.outcome::text AS outcome, c.version, c."companyId", co.name AS "companyName", p.name AS "personName",
           c."ownerId", e.name AS "ownerName", k.name AS "kindName"
    FROM "Contact" c
    JOIN "Company" co ON co.id = c."companyId"
    LEFT JOIN "Person" p ON p.id = c."personId"
    LEFT JOIN "Employee" e ON e.id = c."ownerId"
    LEFT JOIN "ContactKind" k ON k.id = c."kindId"
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
    ORDER BY ${order}
    LIMIT ${f.limit + 1}`;

  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { contacts: page, nextCursor: rows.length > f.limit && last ? encodeCursor({ s: sortName, k: key.of(last), id: last.id }) : null };
}
